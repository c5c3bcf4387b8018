package org.chaperone.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;
import org.junit.jupiter.api.Test;

class CurrentConsentTest {

    static final Instant NOW = Instant.parse("2026-10-01T09:00:00Z");
    static final PupilId PUPIL = PupilId.random();
    static final GuardianId MUM = GuardianId.random();
    static final GuardianId DAD = GuardianId.random();
    static final UUID SESSION = UUID.randomUUID();

    final List<DecisionDetails> history = new ArrayList<>();

    @Test
    void noDecisionMeansNone() {
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.NONE);
    }

    @Test
    void aCurrentGrantConsentsAndNamesTheGuardian() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, NOW.plus(Duration.ofDays(30)));
        var result = CurrentConsent.of(history, Set.of(MUM, DAD), null, NOW);
        assertThat(result.status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(result.consentingGuardians()).containsExactly(MUM);
        assertThat(result.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void theLatestDecisionOnALineCounts() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, null);
        add(MUM, Decision.WITHDRAWN, Scope.STANDING, null, 5, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.WITHDRAWN);
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 1, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void aGrantPastItsExpiryHasExpiredEvenBeforeTheJobRecordsIt() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, NOW.minusSeconds(1));
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void oneGuardiansRefusalBlocksAnothersGrant() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, null);
        add(DAD, Decision.REFUSED, Scope.STANDING, null, 5, null);
        var result = CurrentConsent.of(history, Set.of(MUM, DAD), null, NOW);
        assertThat(result.status()).isEqualTo(ConsentStatus.REFUSED);
        assertThat(result.consentingGuardians()).isEmpty();
    }

    @Test
    void aGuardianWhoMayNoLongerConsentStopsCounting() {
        add(DAD, Decision.GRANTED, Scope.STANDING, null, 10, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.NONE);
        add(DAD, Decision.REFUSED, Scope.STANDING, null, 5, null);
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 4, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void aSessionDecisionOverridesTheStandingOneForThatSessionOnly() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, null);
        add(MUM, Decision.REFUSED, Scope.SESSION, SESSION, 5, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), SESSION, NOW).status()).isEqualTo(ConsentStatus.REFUSED);
        assertThat(CurrentConsent.of(history, Set.of(MUM), UUID.randomUUID(), NOW).status())
                .isEqualTo(ConsentStatus.GRANTED);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.GRANTED);
    }

    @Test
    void aSessionGrantDoesNotStandForOtherSessions() {
        add(MUM, Decision.GRANTED, Scope.SESSION, SESSION, 5, null);
        assertThat(CurrentConsent.of(history, Set.of(MUM), SESSION, NOW).status()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(CurrentConsent.of(history, Set.of(MUM), null, NOW).status()).isEqualTo(ConsentStatus.NONE);
    }

    @Test
    void theEarliestExpiryOfSeveralGrantsIsReported() {
        add(MUM, Decision.GRANTED, Scope.STANDING, null, 10, NOW.plus(Duration.ofDays(10)));
        add(DAD, Decision.GRANTED, Scope.STANDING, null, 9, NOW.plus(Duration.ofDays(3)));
        var result = CurrentConsent.of(history, Set.of(MUM, DAD), null, NOW);
        assertThat(result.consentingGuardians()).containsExactly(MUM, DAD);
        assertThat(result.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    }

    private void add(GuardianId guardian, Decision decision, Scope scope, UUID session, int minutesAgo,
            Instant expiresAt) {
        history.add(new DecisionDetails(ConsentId.random(), "school-a", PUPIL, guardian,
                new ConsentTerms(Purpose.LIVE_VIDEO, scope, session, null, expiresAt), decision, null, null,
                Channel.PARENT_APP, null, "someone", NOW.minus(Duration.ofMinutes(minutesAgo))));
    }
}
