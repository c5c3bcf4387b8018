package org.chaperone.incident.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chaperone.incident.domain.AccessRecord;
import org.chaperone.incident.domain.ChainVerification;
import org.chaperone.incident.domain.ChronologyEntry;
import org.chaperone.incident.domain.Incident.Summary;
import org.chaperone.incident.domain.PupilReference;
import org.chaperone.incident.rest.IncidentApi.ChildProtectionFileView;
import org.chaperone.incident.rest.IncidentApi.FileConcernView;
import org.chaperone.incident.rest.IncidentApi.PupilChronologyView;
import org.chaperone.incident.rest.IncidentApi.PupilReferenceView;
import org.chaperone.incident.rest.IncidentApi.RetentionReviewView;
import org.chaperone.incident.rest.IncidentApi.AccessView;
import org.chaperone.incident.rest.IncidentApi.ChangeView;
import org.chaperone.incident.rest.IncidentApi.ConcernSummaryView;
import org.chaperone.incident.rest.IncidentApi.ConcernView;
import org.chaperone.incident.rest.IncidentApi.EntryView;
import org.chaperone.incident.rest.IncidentApi.ReceiptView;
import org.chaperone.incident.rest.IncidentApi.VerificationView;
import org.chaperone.incident.service.IncidentCommands.Changed;
import org.chaperone.incident.service.IncidentCommands.ChildProtectionFile;
import org.chaperone.incident.service.IncidentCommands.FileConcern;
import org.chaperone.incident.service.IncidentCommands.PupilChronology;
import org.chaperone.incident.service.IncidentCommands.RetentionReviewItem;
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
                s.chronologyEntries(), s.linkedPupilIds(), s.retentionUntil(), s.retentionBasis());
    }

    static ConcernView concern(ConcernRecord record) {
        return new ConcernView(summary(record.incident()), record.whatHappened(), record.actionsTaken());
    }

    static EntryView entry(ChronologyEntry.EntryView e) {
        return e == null ? null : new EntryView(e.id(), e.incidentId().value(), e.seq(), e.kind(), e.recordedBy(),
                e.recordedAt(), e.occurredAt(), e.details(), e.previousHash(), e.hash());
    }

    static ChangeView change(Changed changed) {
        return new ChangeView(summary(changed.incident()), entry(changed.entry()));
    }

    static VerificationView verification(ChainVerification v) {
        return new VerificationView(v.incidentId().value(), v.entries(), v.valid(), v.brokenAtSeq(),
                v.brokenEntryId(), v.problem(), v.headHash());
    }

    static AccessView access(AccessRecord.AccessView a) {
        return new AccessView(a.id(), a.schoolId(), a.incidentId() == null ? null : a.incidentId().value(),
                a.pupilId(), a.actor(), a.actorRoles(), a.action(), a.reason(), a.accessedAt());
    }

    static PupilChronologyView pupilChronology(PupilChronology c) {
        return new PupilChronologyView(c.schoolId(), c.pupil(), c.dateOfBirth(),
                c.concerns().stream().map(IncidentMapper::summary).toList(),
                c.entries().stream().map(IncidentMapper::entry).toList());
    }

    static ChildProtectionFileView file(ChildProtectionFile f) {
        return new ChildProtectionFileView(ChildProtectionFileResource.FORMAT, f.schoolId(), f.pupil(),
                f.dateOfBirth(), f.retention().until(), f.retention().basis(), f.exportedAt(), f.exportedBy(),
                f.purpose(), f.allChainsValid(), f.concerns().stream().map(IncidentMapper::fileConcern).toList());
    }

    private static FileConcernView fileConcern(FileConcern c) {
        Summary s = c.concern();
        return new FileConcernView(s.id().value(), s.category(), s.severity(), s.immediateRisk(), s.status(),
                s.outcome(), s.sessionId(), s.occurredAt(), s.raisedBy(), s.raisedAt(), s.acknowledgedBy(),
                s.acknowledgedAt(), s.closedAt(), !c.otherPupils().isEmpty(), c.otherPupils(),
                verification(c.verification()), c.entries().stream().map(IncidentMapper::entry).toList());
    }

    static PupilReferenceView pupilReference(PupilReference.View r) {
        return new PupilReferenceView(r.schoolId(), r.pupilId(), r.dateOfBirth(), r.source().name(), r.recordedBy(),
                r.recordedAt());
    }

    static RetentionReviewView retentionReview(RetentionReviewItem item) {
        Summary s = item.concern();
        List<UUID> pupils = new ArrayList<>(s.pupilIds());
        pupils.addAll(s.linkedPupilIds());
        return new RetentionReviewView(s.id().value(), s.schoolId(), s.category(), s.status(), pupils, s.raisedAt(),
                s.closedAt(), s.retentionUntil(), s.retentionBasis(), item.pupilsWithoutDateOfBirth());
    }
}
