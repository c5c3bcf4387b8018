package org.chaperone.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;

/**
 * Works out a pupil's current consent for one purpose (and, optionally, one session) from their history and
 * who may consent for them today.
 *
 * <ul>
 *   <li>Only guardians who hold parental responsibility without restriction count (R1); a guardian who loses
 *       it stops counting, whatever they decided before.</li>
 *   <li>For each such guardian the latest decision counts: on the session's own line if there is one, else on
 *       the standing line. A grant past its expiry date counts as expired.</li>
 *   <li>A refusal or withdrawal by any of them blocks: the school does not override one parent with another;
 *       it resolves the disagreement with the family. Otherwise any current grant consents.</li>
 * </ul>
 */
public final class CurrentConsent {

    private CurrentConsent() {
    }

    public record Result(ConsentStatus status, List<GuardianId> consentingGuardians, Instant expiresAt,
            Instant decidedAt) {
    }

    /**
     * @param history    the pupil's decisions for this purpose, oldest first
     * @param mayConsent the guardians who may consent for this pupil now
     * @param sessionId  the session asked about, or null for standing consent only
     */
    public static Result of(List<DecisionDetails> history, Set<GuardianId> mayConsent, UUID sessionId, Instant now) {
        Map<GuardianId, List<DecisionDetails>> byGuardian = history.stream()
                .filter(d -> mayConsent.contains(d.guardianId()))
                .collect(Collectors.groupingBy(DecisionDetails::guardianId));
        List<DecisionDetails> blocking = new ArrayList<>();
        List<DecisionDetails> grants = new ArrayList<>();
        List<DecisionDetails> expired = new ArrayList<>();
        for (List<DecisionDetails> decisions : byGuardian.values()) {
            Optional<DecisionDetails> current = latest(decisions, Scope.SESSION, sessionId)
                    .or(() -> latest(decisions, Scope.STANDING, null));
            current.ifPresent(decision -> {
                switch (decision.decision()) {
                    case REFUSED, WITHDRAWN -> blocking.add(decision);
                    case EXPIRED -> expired.add(decision);
                    case GRANTED -> {
                        Instant expiry = decision.terms().expiresAt();
                        if (expiry != null && !expiry.isAfter(now)) {
                            expired.add(decision);
                        } else {
                            grants.add(decision);
                        }
                    }
                }
            });
        }
        Comparator<DecisionDetails> byTime = Comparator.comparing(DecisionDetails::decidedAt);
        if (!blocking.isEmpty()) {
            DecisionDetails last = blocking.stream().max(byTime).orElseThrow();
            ConsentStatus status = last.decision() == Decision.REFUSED ? ConsentStatus.REFUSED : ConsentStatus.WITHDRAWN;
            return new Result(status, List.of(), null, last.decidedAt());
        }
        if (!grants.isEmpty()) {
            Instant earliestExpiry = grants.stream().map(d -> d.terms().expiresAt()).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            List<GuardianId> consenting = grants.stream().sorted(byTime).map(DecisionDetails::guardianId).toList();
            return new Result(ConsentStatus.GRANTED, consenting, earliestExpiry,
                    grants.stream().max(byTime).orElseThrow().decidedAt());
        }
        if (!expired.isEmpty()) {
            return new Result(ConsentStatus.EXPIRED, List.of(), null, expired.stream().max(byTime).orElseThrow().decidedAt());
        }
        return new Result(ConsentStatus.NONE, List.of(), null, null);
    }

    private static Optional<DecisionDetails> latest(List<DecisionDetails> decisions, Scope scope, UUID sessionId) {
        if (scope == Scope.SESSION && sessionId == null) {
            return Optional.empty();
        }
        DecisionDetails found = null;
        for (DecisionDetails decision : decisions) {
            if (decision.terms().scope() == scope && Objects.equals(decision.terms().sessionId(), sessionId)) {
                found = decision; // history is oldest first: the last match is the latest
            }
        }
        return Optional.ofNullable(found);
    }
}
