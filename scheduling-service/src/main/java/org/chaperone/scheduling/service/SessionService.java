package org.chaperone.scheduling.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;
import org.chaperone.runtime.security.SchoolScope;
import org.chaperone.scheduling.config.SchedulingConfig;
import org.chaperone.scheduling.domain.MeetingProvider;
import org.chaperone.scheduling.domain.MeetingSettings;
import org.chaperone.scheduling.domain.Participant;
import org.chaperone.scheduling.domain.RuleBreach;
import org.chaperone.scheduling.domain.Session;
import org.chaperone.scheduling.domain.Session.SessionDetails;
import org.chaperone.scheduling.domain.Session.SessionPlan;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.scheduling.domain.SessionRules;
import org.chaperone.scheduling.domain.SessionStatus;
import org.chaperone.scheduling.domain.StaffMember;
import org.chaperone.scheduling.domain.StaffMember.StaffRecord;
import org.chaperone.scheduling.event.SchedulingEventPublisher;
import org.chaperone.scheduling.repository.ConsentLineRepository;
import org.chaperone.scheduling.repository.ParticipantRepository;
import org.chaperone.scheduling.repository.SessionRepository;
import org.chaperone.scheduling.repository.StaffRepository;
import org.chaperone.scheduling.service.PolicyService.VersionedPolicy;
import org.chaperone.scheduling.service.SessionCommands.ParticipantView;
import org.chaperone.scheduling.service.SessionCommands.Reschedule;
import org.chaperone.scheduling.service.SessionCommands.SessionView;

/**
 * Scheduling sessions against the school's policy (R2–R7, R9), one-to-one approval (R3), rescheduling and
 * cancelling. Every state change and its events commit together through the outbox.
 */
@ApplicationScoped
public class SessionService {

    @Inject
    SessionRepository sessions;
    @Inject
    ParticipantRepository participants;
    @Inject
    StaffRepository staff;
    @Inject
    ConsentLineRepository consentLines;
    @Inject
    PolicyService policies;
    @Inject
    MeetingProvider meetings;
    @Inject
    PasscodeCipher cipher;
    @Inject
    InviteService invites;
    @Inject
    SchedulingEventPublisher events;
    @Inject
    SchedulingConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @Transactional
    public SessionView schedule(String schoolId, SessionPlan plan) {
        caller.requireSchool(schoolId, "school");
        Instant now = now();
        SessionId id = SessionId.random();
        List<Violation> problems = planProblems(plan, now);
        Map<UUID, String> knownSchools = consentLines.schoolsOf(plan.pupilIds());
        for (int i = 0; i < plan.pupilIds().size(); i++) {
            String school = knownSchools.get(plan.pupilIds().get(i));
            if (school != null && !school.equals(schoolId)) {
                problems.add(new Violation("pupilIds[" + i + "]", "Exists", "Not a pupil of this school"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        VersionedPolicy policy = policies.currentFor(schoolId);
        requirePolicy(schoolId, plan, policy, id);
        var meeting = meetings.provision(id, policy.policy().meeting());
        Session session = new Session(id, schoolId, plan, policy.version(),
                new Session.Meeting(meeting.joinUrl(), cipher.encrypt(meeting.passcode())),
                writeSettings(plan.meeting() == null ? policy.policy().meeting() : plan.meeting()), caller.subject(),
                now);
        sessions.persist(session);
        for (UUID pupil : plan.pupilIds()) {
            participants.persist(new Participant(id, schoolId, pupil, now));
        }
        SessionDetails details = session.details();
        events.scheduled(details, plan.pupilIds());
        if (session.status() == SessionStatus.PENDING_APPROVAL) {
            events.approvalRequested(details);
        }
        return view(session);
    }

    @Transactional
    public SessionView session(SessionId id) {
        return view(sessions.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("session")));
    }

    @Transactional
    public List<SessionDetails> sessions(String schoolId, Instant from, Instant to) {
        caller.requireSchool(schoolId, "school");
        if (!to.isAfter(from) || ChronoUnit.DAYS.between(from, to) > 93) {
            throw new InvalidRequestException("to", "Range", "Must be after from and at most 93 days later");
        }
        return sessions.between(schoolId, from, to, caller.scope()).stream().map(Session::details).toList();
    }

    /** The Headteacher or a deputy approves or declines a one-to-one session (R3). */
    @Transactional
    public SessionView decideApproval(SessionId id, boolean approve, String reason) {
        Session session = locked(id);
        if (session.status() != SessionStatus.PENDING_APPROVAL) {
            throw new ConflictException("sessionId", "PendingApproval", "This session is not waiting for approval");
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw new InvalidRequestException("reason", "NotBlank", "Say why the session is declined");
        }
        session.decideApproval(approve, caller.subject(), reason, now());
        if (approve) {
            events.approved(session.details());
        } else {
            events.declined(session.details());
        }
        return view(session);
    }

    /** Moves a session; the policy is checked again and invites already sent are revoked. */
    @Transactional
    public SessionView reschedule(SessionId id, Reschedule command) {
        Session session = locked(id);
        if (!session.status().isOpen() || session.status() == SessionStatus.LIVE) {
            throw new ConflictException("sessionId", "NotStarted", "Only a session that has not started can move");
        }
        Instant now = now();
        List<UUID> pupils = participants.ofSession(id).stream().map(Participant::pupilId).toList();
        SessionPlan plan = new SessionPlan(session.kind(), session.details().title(), command.startsAt(),
                command.endsAt(), session.hostStaffIds(), pupils, session.recorded(), null);
        List<Violation> problems = planProblems(plan, now);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        VersionedPolicy policy = policies.currentFor(session.schoolId());
        requirePolicy(session.schoolId(), plan, policy, id);
        Instant previousStart = session.startsAt();
        Instant previousEnd = session.endsAt();
        invites.revokeAll(session, "SESSION_RESCHEDULED", true, now);
        session.reschedule(command.startsAt(), command.endsAt(), policy.version(), now);
        events.rescheduled(session.details(), previousStart, previousEnd, caller.subject(), now);
        return view(session);
    }

    @Transactional
    public SessionView cancel(SessionId id) {
        Session session = locked(id);
        if (!session.status().isOpen() || session.status() == SessionStatus.LIVE) {
            throw new ConflictException("sessionId", "NotStarted", "Only a session that has not started can be "
                    + "cancelled");
        }
        Instant now = now();
        invites.revokeAll(session, "SESSION_CANCELLED", false, now);
        session.cancel(now);
        events.cancelled(session.details(), caller.subject(), now);
        return view(session);
    }

    @Transactional
    public SessionCommands.DispatchReport dispatch(SessionId id) {
        Session session = sessions.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("session"));
        // Pupils first, then the session: the same order as a consent change takes them.
        consentLines.lockPupils(participants.ofSession(session.id()).stream().map(Participant::pupilId).toList());
        return invites.dispatch(locked(id), now());
    }

    private Session locked(SessionId id) {
        return sessions.findForUpdate(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("session"));
    }

    private void requirePolicy(String schoolId, SessionPlan plan, VersionedPolicy policy, SessionId id) {
        SchoolScope scope = caller.scope();
        Map<String, StaffRecord> hosts = staff.find(schoolId, plan.hostStaffIds(), scope).stream()
                .map(StaffMember::details)
                .collect(Collectors.toMap(StaffMember.StaffDetails::staffId, StaffMember.StaffDetails::record));
        ZonedDateTime[] week = SessionRules.weekOf(plan.startsAt(), policy.policy());
        Map<UUID, Integer> weekly = plan.pupilIds().isEmpty() ? Map.of()
                : sessions.openSessionsPerPupil(plan.pupilIds(), week[0].toInstant(), week[1].toInstant(), id);
        List<RuleBreach> breaches = SessionRules.check(plan, policy.policy(), hosts, weekly);
        if (!breaches.isEmpty()) {
            throw new PolicyViolationException(breaches.stream()
                    .map(b -> new Violation(b.field(), b.rule(), b.message())).toList());
        }
    }

    /** Problems with the request itself (400), before any policy rule is looked at. */
    private List<Violation> planProblems(SessionPlan plan, Instant now) {
        List<Violation> problems = new ArrayList<>();
        if (!plan.endsAt().isAfter(plan.startsAt())) {
            problems.add(new Violation("endsAt", "AfterStartsAt", "Must be after startsAt"));
        }
        if (!plan.startsAt().isAfter(now)) {
            problems.add(new Violation("startsAt", "Future", "Must be in the future"));
        }
        if (plan.hostStaffIds().size() > config.maxHosts()) {
            problems.add(new Violation("hostStaffIds", "Size", "At most " + config.maxHosts() + " hosts"));
        }
        if (plan.pupilIds().size() > config.maxPupilsPerSession()) {
            problems.add(new Violation("pupilIds", "Size", "At most " + config.maxPupilsPerSession() + " pupils"));
        }
        duplicates(plan.hostStaffIds(), "hostStaffIds", problems);
        duplicates(plan.pupilIds(), "pupilIds", problems);
        return problems;
    }

    private static <T> void duplicates(List<T> values, String field, List<Violation> problems) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                problems.add(new Violation(field + "[" + i + "]", "Unique", "Listed twice"));
            }
        }
    }

    SessionView view(Session session) {
        List<ParticipantView> people = participants.ofSession(session.id()).stream()
                .map(InviteService::participantView).toList();
        return new SessionView(session.details(), people);
    }

    private String writeSettings(MeetingSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
