package org.chaperone.scheduling.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;
import org.chaperone.runtime.security.SchoolScope;
import org.chaperone.scheduling.domain.Attendance;
import org.chaperone.scheduling.domain.FollowUp;
import org.chaperone.scheduling.domain.Participant;
import org.chaperone.scheduling.domain.Session;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.scheduling.domain.SessionStatus;
import org.chaperone.scheduling.event.SchedulingEventPublisher;
import org.chaperone.scheduling.repository.AttendanceRepository;
import org.chaperone.scheduling.repository.FollowUpRepository;
import org.chaperone.scheduling.repository.ParticipantRepository;
import org.chaperone.scheduling.repository.SessionRepository;

/**
 * The session log (R11): actual start and end, the staff present, who joined and who did not, who was removed
 * and why, what went wrong; and a follow-up for each pupil who did not join. A security breach ends a live
 * session for everyone (R13).
 */
@ApplicationScoped
public class SessionLogService {

    @Inject
    SessionRepository sessions;
    @Inject
    ParticipantRepository participants;
    @Inject
    AttendanceRepository attendance;
    @Inject
    FollowUpRepository followUps;
    @Inject
    SchedulingEventPublisher events;
    @Inject
    Caller caller;

    /** The log of one session: the plan, what happened, and attendance. */
    public record LogView(Session.SessionDetails session, Session.SessionLog log, List<Attendance.Entry> attendance,
            List<UUID> notRecorded) {
    }

    @Transactional
    public Session.SessionDetails start(SessionId id, List<String> staffPresent) {
        Session session = locked(id);
        if (session.status() != SessionStatus.SCHEDULED) {
            throw new ConflictException("sessionId", "Scheduled", "Only a scheduled session can start");
        }
        Set<String> hosts = Set.copyOf(session.hostStaffIds());
        List<Violation> problems = new ArrayList<>();
        for (int i = 0; i < staffPresent.size(); i++) {
            if (!hosts.contains(staffPresent.get(i))) {
                problems.add(new Violation("staffPresentIds[" + i + "]", "Host", "Not a host of this session"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Instant now = now();
        session.start(staffPresent, now);
        events.started(session.details(), now, staffPresent);
        return session.details();
    }

    @Transactional
    public Session.SessionDetails end(SessionId id, String issues) {
        Session session = locked(id);
        if (session.status() != SessionStatus.LIVE) {
            throw new ConflictException("sessionId", "Live", "Only a live session can end");
        }
        Instant now = now();
        session.end(issues, now);
        events.ended(session.details(), now);
        return session.details();
    }

    /** Records attendance; each pupil who did not join gets a follow-up that stays open until closed. */
    @Transactional
    public List<Attendance.Entry> recordAttendance(SessionId id, List<Attendance.Entry> entries) {
        Session session = locked(id);
        if (session.status() != SessionStatus.LIVE && session.status() != SessionStatus.ENDED
                && session.status() != SessionStatus.TERMINATED) {
            throw new ConflictException("sessionId", "Started", "Attendance is recorded once a session has started");
        }
        Set<UUID> invited = new HashSet<>(participants.ofSession(id).stream().map(Participant::pupilId).toList());
        List<Violation> problems = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Attendance.Entry entry = entries.get(i);
            if (!invited.contains(entry.pupilId())) {
                problems.add(new Violation("records[" + i + "].pupilId", "Participant", "Not a pupil of this session"));
            } else if (!seen.add(entry.pupilId()) || attendance.recorded(id, entry.pupilId())) {
                problems.add(new Violation("records[" + i + "].pupilId", "Once", "Attendance already recorded"));
            }
            if (entry.status() == Attendance.Status.DID_NOT_JOIN && entry.joinedAt() != null) {
                problems.add(new Violation("records[" + i + "].joinedAt", "Absent", "A pupil who did not join has no "
                        + "joining time"));
            }
            if (entry.status() != Attendance.Status.DID_NOT_JOIN && entry.joinedAt() == null) {
                problems.add(new Violation("records[" + i + "].joinedAt", "NotNull", "When did the pupil join?"));
            }
            if (entry.status() == Attendance.Status.REMOVED && (entry.note() == null || entry.note().isBlank())) {
                problems.add(new Violation("records[" + i + "].note", "NotBlank", "Say why the pupil was removed"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Instant now = now();
        for (Attendance.Entry entry : entries) {
            attendance.persist(new Attendance(id, session.schoolId(), entry, caller.subject(), now));
            events.attendanceRecorded(session.details(), entry, caller.subject(), now);
            if (entry.status() == Attendance.Status.DID_NOT_JOIN) {
                FollowUp followUp = new FollowUp(id, session.schoolId(), entry.pupilId(), now);
                followUps.persist(followUp);
                events.followUpRequired(session.details(), followUp.details());
            }
        }
        return entries;
    }

    @Transactional
    public LogView log(SessionId id) {
        Session session = sessions.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("session"));
        List<Attendance> recorded = attendance.ofSession(id);
        Set<UUID> done = new HashSet<>(recorded.stream().map(a -> a.entry().pupilId()).toList());
        List<UUID> missing = participants.ofSession(id).stream().map(Participant::pupilId)
                .filter(p -> !done.contains(p)).toList();
        return new LogView(session.details(), session.log(), recorded.stream().map(Attendance::entry).toList(),
                missing);
    }

    @Transactional
    public List<FollowUp.Details> openFollowUps(String schoolId) {
        caller.requireSchool(schoolId, "school");
        return followUps.open(schoolId, caller.scope()).stream().map(FollowUp::details).toList();
    }

    @Transactional
    public FollowUp.Details closeFollowUp(UUID id, String outcome) {
        FollowUp followUp = followUps.find(id, caller.scope())
                .orElseThrow(() -> new RecordNotFoundException("follow-up"));
        if (!followUp.isOpen()) {
            throw new ConflictException("followUpId", "Open", "This follow-up is already closed");
        }
        followUp.close(outcome, caller.subject(), now());
        return followUp.details();
    }

    /**
     * A security breach for this session (R13): a live session ends for everyone; one that is not live is left
     * as it is. Returns whether it was terminated. Called from the incident consumer, not for a caller.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean terminateForSecurityBreach(SessionId id, UUID incident) {
        Session session = sessions.findForUpdate(id, SchoolScope.system()).orElse(null);
        if (session == null) {
            return false;
        }
        Instant now = now();
        if (!session.terminate(incident, now)) {
            return false;
        }
        events.terminated(session.details(), incident, now);
        return true;
    }

    private Session locked(SessionId id) {
        return sessions.findForUpdate(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("session"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
