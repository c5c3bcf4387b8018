package org.chaperone.consent.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.consent.domain.Channel;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;
import org.chaperone.consent.domain.ConsentRequest.RequestDetails;
import org.chaperone.consent.domain.ConsentRequestId;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.CurrentConsent;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.Purpose;
import org.chaperone.consent.domain.PupilId;

/** What callers ask consent-service to do, and what it answers, in domain terms. */
public final class ConsentCommands {

    private ConsentCommands() {
    }

    /** Ask the guardians of these pupils for consent. */
    public record RequestConsent(String schoolId, ConsentTerms terms, List<PupilId> pupils, Instant respondBy) {
    }

    public record RequestSent(RequestDetails request, int guardiansAsked, List<PupilId> pupilsWithoutGuardian) {
    }

    /** Evidence as office staff enter it; its text is hashed, never stored. */
    public record EvidenceInput(Channel channel, String reference, Instant receivedAt, String text) {
    }

    /** A guardian grants or refuses; {@code guardian} and {@code evidence} only when office staff record it. */
    public record Decide(PupilId pupil, GuardianId guardian, ConsentTerms terms, boolean grant,
            ConsentRequestId request, EvidenceInput evidence) {
    }

    /** A guardian withdraws a grant; {@code evidence} only when office staff record it. */
    public record Withdraw(EvidenceInput evidence) {
    }

    public record StatusQuery(String schoolId, Purpose purpose, UUID sessionId, List<PupilId> pupils) {
    }

    public record PupilStatus(PupilId pupil, CurrentConsent.Result current) {
    }

    /** A request a parent has not answered yet for one of their children. */
    public record PendingRequest(RequestDetails request, PupilId pupil) {
    }

    public record History(PupilId pupil, List<DecisionDetails> decisions) {
    }
}
