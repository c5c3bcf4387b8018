package org.chaperone.scheduling.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventSchemas;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.PublishedEvents.Received;
import org.junit.jupiter.api.Test;

/** The headline promise: a missing consent blocks the invite; a withdrawal revokes it. */
@QuarkusTest
class InviteFlowTest {

    static final SchedulingFixture SCHOOL = new SchedulingFixture("linden-primary");
    static boolean setUp;

    @Inject
    EntityManager entityManager;

    SchedulingFixture school() {
        if (!setUp) {
            SCHOOL.setUp();
            setUp = true;
        }
        return SCHOOL;
    }

    @Test
    void consentingPupilsAreInvitedAndTheOthersBlockedWithTheReason() {
        SchedulingFixture school = school();
        UUID granted = UUID.randomUUID();
        UUID none = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        school.grant(granted, guardian, ConsentPurpose.LIVE_VIDEO);
        school.refuse(refused, other);
        awaitLines(granted, refused);

        String session = school.schedule("GROUP", List.of(granted, none, refused), false);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200)
                .body("invited.pupilId", contains(granted.toString()))
                .body("invited[0].guardianIds", contains(guardian.toString()))
                .body("blocked.find { it.pupilId == '" + none + "' }.reasons", contains("NO_LIVE_VIDEO_CONSENT"))
                .body("blocked.find { it.pupilId == '" + refused + "' }.reasons",
                        contains("LIVE_VIDEO_CONSENT_REFUSED"));

        try (PublishedEvents events = PublishedEvents.on(EventTypes.SCHEDULING_TOPIC)) {
            Received dispatched = events.awaitOne(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.INVITE_DISPATCHED.name()), Duration.ofSeconds(30));
            InviteDispatched invite = (InviteDispatched) dispatched.event().data();
            assertThat(invite.pupilId()).isEqualTo(granted);
            assertThat(invite.guardianIds()).containsExactly(guardian);
            assertThat(invite.joinUrl()).startsWith("https://").hasSizeGreaterThan(40);
            assertThat(invite.passcode()).hasSize(10);
            assertThat(EventSchemas.validateStructured(EventCodec.toStructured(dispatched.event()))).isEmpty();
            List<Received> blocked = events.awaitAll(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.INVITE_BLOCKED.name()), 2, Duration.ofSeconds(30));
            assertThat(blocked).extracting(r -> ((InviteBlocked) r.event().data()).pupilId())
                    .containsExactlyInAnyOrder(none, refused);
            // The passcode travels only in the invite: not in the session's other events, not in the API.
            String passcode = invite.passcode();
            assertThat(events.readFor(Duration.ofMillis(300))).filteredOn(r -> r.key().equals(session)
                    && !r.type().equals(EventTypes.INVITE_DISPATCHED.name()))
                    .allSatisfy(r -> assertThat(r.json()).doesNotContain(passcode).doesNotContain(invite.joinUrl()));
            school.as(school.teacher()).get("/api/v1/sessions/{id}", session).then().statusCode(200)
                    .body(not(containsString(passcode))).body(not(containsString(invite.joinUrl())));
        }
    }

    @Test
    void withdrawalAfterDispatchRevokesAndAGrantAfterDispatchInvites() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        UUID lateGuardian = UUID.randomUUID();
        UUID grant = school.grant(pupil, guardian, ConsentPurpose.LIVE_VIDEO);
        awaitLines(pupil);
        String session = school.schedule("GROUP", List.of(pupil, late), false);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200);

        school.withdraw(pupil, guardian, grant, Instant.now());
        school.grant(late, lateGuardian, ConsentPurpose.LIVE_VIDEO);

        try (PublishedEvents events = PublishedEvents.on(EventTypes.SCHEDULING_TOPIC)) {
            Received revoked = events.awaitOne(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.INVITE_REVOKED.name()), Duration.ofSeconds(30));
            InviteRevoked revocation = (InviteRevoked) revoked.event().data();
            assertThat(revocation.pupilId()).isEqualTo(pupil);
            assertThat(revocation.guardianIds()).containsExactly(guardian);
            assertThat(revocation.reason().name()).isEqualTo("LIVE_VIDEO_CONSENT_WITHDRAWN");
            List<Received> invites = events.awaitAll(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.INVITE_DISPATCHED.name()), 2, Duration.ofSeconds(30));
            assertThat(invites).extracting(r -> ((InviteDispatched) r.event().data()).pupilId())
                    .containsExactly(pupil, late);
        }
        school.as(school.teacher()).get("/api/v1/sessions/{id}", session).then()
                .body("participants.find { it.pupilId == '" + pupil + "' }.inviteState", equalTo("REVOKED"))
                .body("participants.find { it.pupilId == '" + late + "' }.inviteState", equalTo("DISPATCHED"));
    }

    @Test
    void aRedeliveredOrOutOfOrderDecisionLeavesTheProjectionRight() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        UUID grant = UUID.randomUUID();
        Instant granted = Instant.now().minusSeconds(60);
        String grantEvent = UUID.randomUUID().toString();
        // The withdrawal arrives first, then the older grant it withdrew, then the grant again (redelivery).
        school.withdraw(pupil, guardian, grant, Instant.now());
        school.grantAt(pupil, guardian, grant, granted, grantEvent);
        school.grantAt(pupil, guardian, grant, granted, grantEvent);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inboxed(grantEvent) == 1);

        String session = school.schedule("GROUP", List.of(pupil), false);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200)
                .body("invited", empty())
                .body("blocked[0].reasons", contains("LIVE_VIDEO_CONSENT_WITHDRAWN"));
        assertThat(inboxed(grantEvent)).isEqualTo(1);
    }

    @Test
    void expiryAfterDispatchRevokes() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        UUID grant = school.grant(pupil, guardian, ConsentPurpose.LIVE_VIDEO);
        awaitLines(pupil);
        String session = school.schedule("GROUP", List.of(pupil), false);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then()
                .body("invited.pupilId", contains(pupil.toString()));
        school.expire(pupil, guardian, grant);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                school.as(school.teacher()).get("/api/v1/sessions/{id}", session).then()
                        .body("participants[0].inviteState", equalTo("REVOKED"))
                        .body("participants[0].reasons", contains("LIVE_VIDEO_CONSENT_EXPIRED")));
    }

    @Test
    void oneToOneNeedsApprovalAndTheParentsOneToOneConsent() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        school.grant(pupil, guardian, ConsentPurpose.LIVE_VIDEO);
        awaitLines(pupil);
        String session = school.schedule("ONE_TO_ONE", List.of(pupil), false);

        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(422)
                .body("rules", contains("R3"));
        school.as(school.teacher()).body(java.util.Map.of("decision", "APPROVED"))
                .post("/api/v1/sessions/{id}/approval", session).then().statusCode(403);
        school.as(school.headteacher()).body(java.util.Map.of("decision", "APPROVED"))
                .post("/api/v1/sessions/{id}/approval", session).then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("decidedBy", equalTo("head-linden-primary"));

        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200)
                .body("blocked[0].reasons", contains("NO_ONE_TO_ONE_CONSENT"));
        school.grant(pupil, guardian, ConsentPurpose.ONE_TO_ONE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                school.as(school.teacher()).get("/api/v1/sessions/{id}", session).then()
                        .body("participants[0].inviteState", equalTo("DISPATCHED"))
                        .body("participants[0].guardianIds", contains(guardian.toString())));
    }

    @Test
    void aRecordedSessionLeavesOutAPupilWithoutRecordingConsent() {
        SchedulingFixture school = school();
        UUID both = UUID.randomUUID();
        UUID liveOnly = UUID.randomUUID();
        UUID g1 = UUID.randomUUID();
        UUID g2 = UUID.randomUUID();
        school.grant(both, g1, ConsentPurpose.LIVE_VIDEO);
        school.grant(both, g1, ConsentPurpose.RECORDING);
        school.grant(liveOnly, g2, ConsentPurpose.LIVE_VIDEO);
        awaitLineCount(both, 2);
        awaitLines(liveOnly);
        String session = school.schedule("GROUP", List.of(both, liveOnly), true);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200)
                .body("recorded", equalTo(true))
                .body("invited.pupilId", contains(both.toString()))
                .body("blocked[0].reasons", contains("NO_RECORDING_CONSENT"));
    }

    @Test
    void cancellingRevokesEveryInvite() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        UUID guardian = UUID.randomUUID();
        school.grant(pupil, guardian, ConsentPurpose.LIVE_VIDEO);
        awaitLines(pupil);
        String session = school.schedule("GROUP", List.of(pupil), false);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(200);
        school.as(school.teacher()).post("/api/v1/sessions/{id}/cancellation", session).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("participants[0].inviteState", equalTo("REVOKED"))
                .body("participants[0].reasons", contains("SESSION_CANCELLED"));
    }

    private void awaitLines(UUID... pupils) {
        for (UUID pupil : pupils) {
            awaitLineCount(pupil, 1);
        }
    }

    private void awaitLineCount(UUID pupil, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines(pupil) >= count);
    }

    @Transactional
    long lines(UUID pupil) {
        return ((Number) entityManager.createNativeQuery("select count(*) from consent_line where pupil_id = :p")
                .setParameter("p", pupil).getSingleResult()).longValue();
    }

    @Transactional
    long inboxed(String eventId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from inbox_event where event_id = :e")
                .setParameter("e", eventId).getSingleResult()).longValue();
    }
}
