package org.chaperone.incident.rest;

import org.chaperone.incident.domain.AccessRecord;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.ChronologyEntry;
import org.chaperone.incident.domain.Incident.Summary;
import org.chaperone.incident.rest.IncidentApi.AccessView;
import org.chaperone.incident.rest.IncidentApi.ChangeView;
import org.chaperone.incident.rest.IncidentApi.ConcernSummaryView;
import org.chaperone.incident.rest.IncidentApi.ConcernView;
import org.chaperone.incident.rest.IncidentApi.EntryView;
import org.chaperone.incident.rest.IncidentApi.ReceiptView;
import org.chaperone.incident.rest.IncidentApi.VerificationView;
import org.chaperone.incident.service.IncidentCommands.Changed;
import org.chaperone.incident.service.IncidentCommands.ConcernRecord;
import org.chaperone.incident.service.IncidentCommands.Receipt;

/** Maps domain views to API records. */
final class IncidentMapper {

    private IncidentMapper() {
    }

    static ReceiptView receipt(Receipt receipt) {
        Summary s = receipt.incident();
        return new ReceiptView(s.id().value(), s.schoolId(), s.category(), s.status(), s.routedTo(),
                s.immediateRisk(), s.immediateRisk(), receipt.policeCallAdvice(), s.occurredAt(), s.raisedAt());
    }

    static ConcernSummaryView summary(Summary s) {
        return new ConcernSummaryView(s.id().value(), s.schoolId(), s.category(), s.severity(), s.immediateRisk(),
                s.status(), s.outcome(), s.routedTo(), s.concernsStaffId(), s.sessionId(), s.pupilIds(),
                s.occurredAt(), s.raisedBy(), s.raisedAt(), s.acknowledgedBy(), s.acknowledgedAt(), s.closedAt(),
                s.chronologyEntries());
    }

    static ConcernView concern(ConcernRecord record) {
        return new ConcernView(summary(record.incident()), record.whatHappened(), record.actionsTaken());
    }

    static EntryView entry(ChronologyEntry.EntryView e) {
        return e == null ? null : new EntryView(e.id(), e.seq(), e.kind(), e.recordedBy(), e.recordedAt(),
                e.occurredAt(), e.details(), e.previousHash(), e.hash());
    }

    static ChangeView change(Changed changed) {
        return new ChangeView(summary(changed.incident()), entry(changed.entry()));
    }

    static VerificationView verification(ChainVerification v) {
        return new VerificationView(v.incidentId().value(), v.entries(), v.valid(), v.brokenAtSeq(),
                v.brokenEntryId(), v.problem(), v.headHash());
    }

    static AccessView access(AccessRecord.AccessView a) {
        return new AccessView(a.id(), a.schoolId(), a.incidentId().value(), a.actor(), a.actorRoles(), a.action(),
                a.reason(), a.accessedAt());
    }
}
