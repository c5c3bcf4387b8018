package org.chaperone.scheduling.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.security.SchoolScope;
import org.chaperone.scheduling.domain.ConsentLine;
import org.chaperone.scheduling.domain.InviteDecision;
import org.chaperone.scheduling.domain.InviteDecision.Outcome;
import org.chaperone.scheduling.domain.InviteState;
import org.chaperone.scheduling.domain.Participant;
import org.chaperone.scheduling.domain.SchoolPolicy;
import org.chaperone.scheduling.domain.SchoolPolicy.RecordingConsentMissing;
import org.chaperone.scheduling.domain.Session;
import org.chaperone.scheduling.domain.SessionStatus;
import org.chaperone.scheduling.event.SchedulingEventPublisher;
import org.chaperone.scheduling.repository.ConsentLineRepository;
import org.chaperone.scheduling.repository.ParticipantRepository;
import org.chaperone.scheduling.repository.SessionRepository;
import org.chaperone.scheduling.service.SessionCommands.DispatchReport;
import org.chaperone.scheduling.service.SessionCommands.ParticipantView;

/**
 * Decides each pupil's invite against the consent projection (R1, R2, R3) and keeps it right as consent
 * changes: a pupil never receives an invite without consent. A whole class is decided from one read of the
 * projection and one of the participants, and its invites are written in one JDBC batch and its events in one
 * outbox statement, whatever its size (issue 3, item 9).
 */
@ApplicationScoped
public class InviteService {

    @Inject
    ParticipantRepository participants;
    @Inject
    ConsentLineRepository consentLines;
    @Inject
    SessionRepository sessions;
    @Inject
    PolicyService policies;
    @Inject
    PasscodeCipher cipher;
    @Inject
    SchedulingEventPublisher events;

    /** Dispatches the invites of a locked session; pupils already invited keep their invite. */
    DispatchReport dispatch(Session session, Instant now) {
        if (session.status() == SessionStatus.PENDING_APPROVAL) {
            throw new PolicyViolationException("sessionId", "R3",
                    "A one-to-one session needs the Headteacher's or a deputy's approval before invites go");
        }
        if (session.status() != SessionStatus.SCHEDULED) {
            throw new ConflictException("sessionId", "Scheduled", "Invites go only for a scheduled session");
        }
        SchoolPolicy policy = policies.currentFor(session.schoolId()).policy();
        List<Participant> people = participants.ofSession(session.id());
        Map<UUID, List<ConsentLine>> lines = consentLines.linesOf(people.stream().map(Participant::pupilId).toList());
        boolean recordingDropped = false;
        if (session.recorded() && policy.whenRecordingConsentMissing() == RecordingConsentMissing.DO_NOT_RECORD) {
            boolean anyMissing = people.stream().anyMatch(p -> outcome(session, p, lines, now).invited()
                    && outcome(session, p, lines, now).missingRecordingConsent());
            if (anyMissing) {
                session.stopRecording(now);
                recordingDropped = true;
            }
        }
        session.markDispatched(now);
        SchedulingEventPublisher.ClassInvites decided = events.classInvites(session.details());
        String passcode = null;
        List<ParticipantView> invited = new ArrayList<>();
        List<ParticipantView> blocked = new ArrayList<>();
        for (Participant participant : people) {
            if (participant.inviteState() == InviteState.DISPATCHED) {
                invited.add(participantView(participant));
                continue;
            }
            Outcome outcome = withRecordingRule(outcome(session, participant, lines, now), session, policy);
            if (outcome.invited()) {
                passcode = passcode == null ? cipher.decrypt(session.passcodeEncrypted()) : passcode;
                UUID invite = participant.dispatch(outcome.guardians(), now);
                decided.inviteDispatched(invite, participant.pupilId(), outcome.guardians(), passcode, now);
                invited.add(participantView(participant));
            } else {
                participant.block(outcome.reasons(), now);
                decided.inviteBlocked(participant.pupilId(), outcome.reasons(), now);
                blocked.add(participantView(participant));
            }
        }
        decided.append();
        return new DispatchReport(session.details(), invited, blocked, recordingDropped);
    }

    /**
     * A pupil's consent changed: in every session of theirs whose invites already went and that is not over,
     * revoke an invite that no longer holds and send one that now does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void consentChanged(UUID pupil, Instant now) {
        Map<UUID, List<ConsentLine>> lines = consentLines.linesOf(List.of(pupil));
        for (Session candidate : sessions.dispatchedOpenSessionsOf(pupil, now)) {
            Session session = sessions.findForUpdate(candidate.id(), SchoolScope.system()).orElseThrow();
            if (!session.invitesDispatched() || session.status() != SessionStatus.SCHEDULED
                    && session.status() != SessionStatus.LIVE) {
                continue;
            }
            SchoolPolicy policy = policies.currentFor(session.schoolId()).policy();
            Participant participant = participants.ofSession(session.id(), pupil).orElseThrow();
            Outcome outcome = outcome(session, participant, lines, now);
            if (outcome.invited() && outcome.missingRecordingConsent() && session.recorded()
                    && policy.whenRecordingConsentMissing() == RecordingConsentMissing.DO_NOT_RECORD) {
                session.stopRecording(now);
            }
            outcome = withRecordingRule(outcome, session, policy);
            if (participant.inviteState() == InviteState.DISPATCHED && !outcome.invited()) {
                UUID invite = participant.inviteId();
                List<UUID> guardians = participant.guardianIds();
                participant.revoke(outcome.reasons().get(0), now);
                events.inviteRevoked(session.details(), invite, pupil, guardians, outcome.reasons().get(0), now);
            } else if (participant.inviteState() != InviteState.DISPATCHED && outcome.invited()) {
                UUID invite = participant.dispatch(outcome.guardians(), now);
                events.inviteDispatched(session.details(), invite, pupil, outcome.guardians(),
                        cipher.decrypt(session.passcodeEncrypted()), now);
            }
        }
    }

    /** Revokes every invite of a session (cancelled or moved); a move puts pupils back to not dispatched. */
    void revokeAll(Session session, String reason, boolean reset, Instant now) {
        SchedulingEventPublisher.ClassInvites revoked = events.classInvites(session.details());
        for (Participant participant : participants.ofSession(session.id())) {
            if (participant.inviteState() == InviteState.DISPATCHED) {
                UUID invite = participant.inviteId();
                List<UUID> guardians = participant.guardianIds();
                participant.revoke(reason, now);
                revoked.inviteRevoked(invite, participant.pupilId(), guardians, reason, now);
            }
            if (reset) {
                participant.reset(now);
            }
        }
        revoked.append();
    }

    private static Outcome outcome(Session session, Participant participant, Map<UUID, List<ConsentLine>> lines,
            Instant now) {
        return InviteDecision.decide(lines.getOrDefault(participant.pupilId(), List.of()), session.id().value(),
                session.kind(), session.recorded(), now);
    }

    /** Under EXCLUDE_PUPIL, a pupil without recording consent stays out of a recorded session (R2). */
    private static Outcome withRecordingRule(Outcome outcome, Session session, SchoolPolicy policy) {
        if (outcome.invited() && outcome.missingRecordingConsent() && session.recorded()
                && policy.whenRecordingConsentMissing() == RecordingConsentMissing.EXCLUDE_PUPIL) {
            return new Outcome(List.of(), List.of("NO_RECORDING_CONSENT"), true);
        }
        return outcome;
    }

    static ParticipantView participantView(Participant p) {
        return new ParticipantView(p.pupilId(), p.inviteState().name(), p.guardianIds(), p.reasons());
    }
}
