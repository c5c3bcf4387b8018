package org.chaperone.consent.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.Purpose;
import org.chaperone.consent.domain.Scope;
import org.chaperone.runtime.problem.Violation;

/** Checks that the terms of a consent hang together; every problem is reported, not just the first. */
final class TermsRules {

    static final int MAX_RETENTION_DAYS = 3650;

    private TermsRules() {
    }

    /**
     * @param grant whether the terms are being granted or asked for (a refusal needs no recording terms or expiry)
     */
    static List<Violation> check(ConsentTerms terms, boolean grant, Instant now) {
        List<Violation> problems = new ArrayList<>();
        if (terms.scope() == Scope.SESSION && terms.sessionId() == null) {
            problems.add(new Violation("sessionId", "RequiredForSessionScope",
                    "A consent for one session names the session"));
        }
        if (terms.scope() == Scope.STANDING && terms.sessionId() != null) {
            problems.add(new Violation("sessionId", "OnlyForSessionScope",
                    "A standing consent covers every session; leave sessionId out or use scope SESSION"));
        }
        if (terms.purpose() == Purpose.RECORDING && grant) {
            if (terms.recording() == null) {
                problems.add(new Violation("recording", "R2",
                        "A recording consent states what the recording is for and how long it is kept"));
            } else {
                if (terms.recording().purpose() == null || terms.recording().purpose().isBlank()) {
                    problems.add(new Violation("recording.purpose", "R2", "State what the recording is for"));
                }
                if (terms.recording().retentionDays() < 1 || terms.recording().retentionDays() > MAX_RETENTION_DAYS) {
                    problems.add(new Violation("recording.retentionDays", "R2",
                            "State how many days the recording is kept (1 to " + MAX_RETENTION_DAYS + ")"));
                }
            }
        }
        if (terms.purpose() != Purpose.RECORDING && terms.recording() != null) {
            problems.add(new Violation("recording", "OnlyForRecording", "Recording terms belong to a RECORDING consent"));
        }
        if (terms.expiresAt() != null && !terms.expiresAt().isAfter(now)) {
            problems.add(new Violation("expiresAt", "Future", "Must be in the future"));
        }
        return problems;
    }
}
