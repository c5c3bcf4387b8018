package org.chaperone.consent.rest;

import java.util.List;
import java.util.UUID;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;
import org.chaperone.consent.domain.ConsentRequest.RequestDetails;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.Guardian.GuardianDetails;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.GuardianLink.LinkDetails;
import org.chaperone.consent.domain.Pupil.PupilDetails;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.consent.service.ConsentCommands.PendingRequest;
import org.chaperone.consent.service.ConsentCommands.PupilStatus;
import org.chaperone.consent.service.ConsentCommands.RequestSent;
import org.chaperone.consent.rest.ConsentApi.DecisionView;
import org.chaperone.consent.rest.ConsentApi.EvidenceView;
import org.chaperone.consent.rest.ConsentApi.PendingRequestView;
import org.chaperone.consent.rest.ConsentApi.PupilStatusView;
import org.chaperone.consent.rest.ConsentApi.RecordingBody;
import org.chaperone.consent.rest.PupilApi.GuardianView;
import org.chaperone.consent.rest.PupilApi.LinkView;
import org.chaperone.consent.rest.PupilApi.PupilView;

/** Maps the service's read-only views to the API's JSON records and back. */
final class ApiMapper {

    private ApiMapper() {
    }

    static PupilView pupil(PupilDetails p) {
        var f = p.facts();
        return new PupilView(p.id().value(), p.schoolId(), f.misId(), f.upn().value(), f.givenName(), f.familyName(),
                f.dateOfBirth(), f.className(), p.createdAt(), p.updatedAt());
    }

    static GuardianView guardian(GuardianDetails g) {
        var f = g.facts();
        return new GuardianView(g.id().value(), g.schoolId(), f.misId(), f.givenName(), f.familyName(), g.createdAt(),
                g.updatedAt());
    }

    static LinkView link(LinkDetails l) {
        var t = l.terms();
        return new LinkView(l.pupilId().value(), l.guardianId().value(), l.schoolId(), t.relationship(),
                t.parentalResponsibility(), t.restriction(), l.mayConsent(), l.updatedAt());
    }

    static ConsentApi.ConsentRequestView request(RequestDetails r, RequestSent sent) {
        ConsentTerms t = r.terms();
        return new ConsentApi.ConsentRequestView(r.id().value(), r.schoolId(), t.purpose(), t.scope(), t.sessionId(),
                recording(t), t.expiresAt(), r.respondBy(), r.requestedBy(), r.requestedAt(), ids(r.pupilIds()),
                sent == null ? null : sent.guardiansAsked(),
                sent == null ? null : ids(sent.pupilsWithoutGuardian()));
    }

    static PendingRequestView pending(PendingRequest pending) {
        RequestDetails r = pending.request();
        ConsentTerms t = r.terms();
        return new PendingRequestView(r.id().value(), pending.pupil().value(), t.purpose(), t.scope(), t.sessionId(),
                recording(t), t.expiresAt(), r.respondBy(), r.requestedAt());
    }

    static DecisionView decision(DecisionDetails d) {
        ConsentTerms t = d.terms();
        EvidenceView evidence = d.evidence() == null ? null : new EvidenceView(d.evidence().channel(),
                d.evidence().reference(), d.evidence().receivedAt(), d.evidence().sha256());
        return new DecisionView(d.id().value(), d.schoolId(), d.pupilId().value(), d.guardianId().value(),
                t.purpose(), t.scope(), t.sessionId(), d.decision(),
                d.requestId() == null ? null : d.requestId().value(),
                d.supersedes() == null ? null : d.supersedes().value(), recording(t), t.expiresAt(), d.channel(),
                evidence, d.recordedBy(), d.decidedAt());
    }

    static PupilStatusView status(PupilStatus s) {
        var current = s.current();
        return new PupilStatusView(s.pupil().value(), current.status(),
                current.consentingGuardians().stream().map(GuardianId::value).toList(), current.expiresAt(),
                current.decidedAt());
    }

    static ConsentTerms.RecordingTerms recordingTerms(RecordingBody body) {
        return body == null ? null : new ConsentTerms.RecordingTerms(body.purpose(), body.retentionDays());
    }

    static List<PupilId> pupilIds(List<UUID> ids) {
        return ids.stream().map(PupilId::new).toList();
    }

    private static RecordingBody recording(ConsentTerms t) {
        return t.recording() == null ? null : new RecordingBody(t.recording().purpose(), t.recording().retentionDays());
    }

    private static List<UUID> ids(List<PupilId> ids) {
        return ids.stream().map(PupilId::value).toList();
    }
}
