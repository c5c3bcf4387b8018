package org.chaperone.scheduling.rest;

import java.util.List;
import org.chaperone.scheduling.domain.MeetingSettings;
import org.chaperone.scheduling.domain.SchoolPolicy;
import org.chaperone.scheduling.domain.Session.SessionDetails;
import org.chaperone.scheduling.domain.StaffMember.StaffDetails;
import org.chaperone.scheduling.rest.SchedulingApi.MeetingBody;
import org.chaperone.scheduling.rest.SchedulingApi.ParticipantView;
import org.chaperone.scheduling.rest.SchedulingApi.PolicyBody;
import org.chaperone.scheduling.rest.SchedulingApi.PolicyView;
import org.chaperone.scheduling.rest.SchedulingApi.SessionView;
import org.chaperone.scheduling.rest.SchedulingApi.StaffView;
import org.chaperone.scheduling.service.PolicyService.VersionedPolicy;
import org.chaperone.scheduling.service.SessionCommands;

/** Maps between the API's JSON records and the service's domain views. */
final class SchedulingMapper {

    private SchedulingMapper() {
    }

    static MeetingSettings meeting(MeetingBody b) {
        return b == null ? null : new MeetingSettings(b.waitingRoom(), b.lockAfterStart(), b.muteOnEntry(),
                b.hostOnlyScreenShare(), b.hostOnlyRecording(), b.hostOnlyChat(), b.hostOnlyAnnotation(),
                b.hostOnlyFileTransfer(), b.participantsMayRename(), b.breakoutRooms(), b.removedMayRejoin());
    }

    static MeetingBody meeting(MeetingSettings m) {
        return new MeetingBody(m.waitingRoom(), m.lockAfterStart(), m.muteOnEntry(), m.hostOnlyScreenShare(),
                m.hostOnlyRecording(), m.hostOnlyChat(), m.hostOnlyAnnotation(), m.hostOnlyFileTransfer(),
                m.participantsMayRename(), m.breakoutRooms(), m.removedMayRejoin());
    }

    static SchoolPolicy policy(PolicyBody b) {
        return new SchoolPolicy(b.timeZone(), b.schoolDays(), b.dayStarts(), b.dayEnds(), b.closureDates(),
                b.maxSessionMinutes(), b.maxSessionsPerPupilPerWeek(), b.minHosts(), b.dbsValidityMonths(),
                b.trainingValidityMonths(), b.recordingAllowed(), b.oneToOneAllowed(), b.whenRecordingConsentMissing(),
                meeting(b.meeting()));
    }

    static PolicyView policy(VersionedPolicy v) {
        SchoolPolicy p = v.policy();
        return new PolicyView(v.schoolId(), v.version(), new PolicyBody(p.timeZone(), p.schoolDays(), p.dayStarts(),
                p.dayEnds(), p.closureDates(), p.maxSessionMinutes(), p.maxSessionsPerPupilPerWeek(), p.minHosts(),
                p.dbsValidityMonths(), p.trainingValidityMonths(), p.recordingAllowed(), p.oneToOneAllowed(),
                p.whenRecordingConsentMissing(), meeting(p.meeting())), v.changedBy(), v.changedAt());
    }

    static StaffView staff(StaffDetails s) {
        return new StaffView(s.schoolId(), s.staffId(), s.record().dbsCheckedOn(), s.record().safeguardingTrainedOn(),
                s.record().slt(), s.record().headteacher(), s.updatedAt());
    }

    static SessionView session(SessionDetails s, List<SessionCommands.ParticipantView> participants) {
        return new SessionView(s.id().value(), s.schoolId(), s.kind(), s.title(), s.startsAt(), s.endsAt(),
                s.hostStaffIds(), s.recorded(), s.status(), s.policyVersion(), s.decidedBy(), s.decidedAt(),
                s.decisionReason(), s.dispatchedAt(), s.createdBy(), s.createdAt(),
                participants == null ? null : participants(participants));
    }

    static List<ParticipantView> participants(List<SessionCommands.ParticipantView> views) {
        return views.stream().map(p -> new ParticipantView(p.pupilId(), p.inviteState(), p.guardianIds(),
                p.reasons())).toList();
    }
}
