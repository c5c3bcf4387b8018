package org.chaperone.consent.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.chaperone.consent.domain.Channel;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;
import org.chaperone.consent.domain.ConsentRequest.RequestDetails;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.events.consent.DecisionChannel;
import org.chaperone.events.consent.RecordingTerms;
import org.chaperone.runtime.outbox.OutboxWriter;

/**
 * Announces consent facts on {@code chaperone.consent.v1} through the outbox, in the caller's transaction.
 * Events carry ids, purpose, scope, times and retention; never names, contact details or evidence text.
 * The record key is the pupil id, so one pupil's events stay in order.
 */
@ApplicationScoped
public class ConsentEventPublisher {

    @Inject
    OutboxWriter outbox;

    public void requested(RequestDetails request, PupilId pupil, List<GuardianId> askedGuardians) {
        ConsentTerms terms = request.terms();
        outbox.append(EventTypes.CONSENT_REQUESTED, pupil, request.schoolId(), new ConsentRequested(
                request.id().value(), request.schoolId(), pupil.value(),
                askedGuardians.stream().map(GuardianId::value).toList(), purpose(terms), scope(terms),
                terms.sessionId(), recording(terms), terms.expiresAt(), request.respondBy(), request.requestedBy(),
                request.requestedAt()));
    }

    /** One event for a new history entry, of the type its decision calls for. */
    public void decided(DecisionDetails decision) {
        ConsentTerms terms = decision.terms();
        UUID pupil = decision.pupilId().value();
        UUID guardian = decision.guardianId().value();
        String school = decision.schoolId();
        switch (decision.decision()) {
            case GRANTED -> outbox.append(EventTypes.CONSENT_GRANTED, pupil, school, new ConsentGranted(
                    decision.id().value(), school, pupil, guardian, purpose(terms), scope(terms), terms.sessionId(),
                    decision.requestId() == null ? null : decision.requestId().value(), recording(terms),
                    terms.expiresAt(), channel(decision.channel()), decision.decidedAt(), decision.recordedBy()));
            case REFUSED -> outbox.append(EventTypes.CONSENT_REFUSED, pupil, school, new ConsentRefused(
                    decision.id().value(), school, pupil, guardian, purpose(terms), scope(terms), terms.sessionId(),
                    decision.requestId() == null ? null : decision.requestId().value(), channel(decision.channel()),
                    decision.decidedAt(), decision.recordedBy()));
            case WITHDRAWN -> outbox.append(EventTypes.CONSENT_WITHDRAWN, pupil, school, new ConsentWithdrawn(
                    decision.id().value(), decision.supersedes().value(), school, pupil, guardian, purpose(terms),
                    scope(terms), terms.sessionId(), channel(decision.channel()), decision.decidedAt(),
                    decision.recordedBy()));
            case EXPIRED -> outbox.append(EventTypes.CONSENT_EXPIRED, pupil, school, new ConsentExpired(
                    decision.id().value(), decision.supersedes().value(), school, pupil, guardian, purpose(terms),
                    scope(terms), terms.sessionId(), decision.decidedAt()));
        }
    }

    private static ConsentPurpose purpose(ConsentTerms terms) {
        return ConsentPurpose.valueOf(terms.purpose().name());
    }

    private static ConsentScope scope(ConsentTerms terms) {
        return ConsentScope.valueOf(terms.scope().name());
    }

    private static RecordingTerms recording(ConsentTerms terms) {
        return terms.recording() == null ? null
                : new RecordingTerms(terms.recording().purpose(), terms.recording().retentionDays());
    }

    private static DecisionChannel channel(Channel channel) {
        return DecisionChannel.valueOf(channel.name());
    }
}
