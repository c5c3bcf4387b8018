package org.chaperone.scheduling.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.scheduling.AttendanceRecorded;
import org.chaperone.events.scheduling.AttendanceStatus;
import org.chaperone.events.scheduling.BlockReason;
import org.chaperone.events.scheduling.FollowUpRequired;
import org.chaperone.events.scheduling.SessionEnded;
import org.chaperone.events.scheduling.SessionStarted;
import org.chaperone.events.scheduling.SessionTerminated;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.events.scheduling.SessionApprovalRequested;
import org.chaperone.events.scheduling.SessionApproved;
import org.chaperone.events.scheduling.SessionCancelled;
import org.chaperone.events.scheduling.SessionDeclined;
import org.chaperone.events.scheduling.SessionKind;
import org.chaperone.events.scheduling.SessionRescheduled;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.runtime.outbox.OutboxWriter;
import org.chaperone.scheduling.domain.Attendance;
import org.chaperone.scheduling.domain.FollowUp;
import org.chaperone.scheduling.domain.Session.SessionDetails;

/**
 * Announces scheduling facts on {@code chaperone.scheduling.v1} through the outbox, in the caller's transaction.
 * The record key is the session id. Only {@code InviteDispatched} carries the join link and passcode. A whole
 * class's invite events go in one statement ({@link #classInvites}), however many pupils it has.
 */
@ApplicationScoped
public class SchedulingEventPublisher {

    @Inject
    OutboxWriter outbox;

    public void scheduled(SessionDetails s, List<UUID> pupils) {
        outbox.append(EventTypes.SESSION_SCHEDULED, s.id(), s.schoolId(), new SessionScheduled(s.id().value(),
                s.schoolId(), SessionKind.valueOf(s.kind().name()), s.startsAt(), s.endsAt(), s.hostStaffIds(), pupils,
                s.recorded(), s.status() == org.chaperone.scheduling.domain.SessionStatus.PENDING_APPROVAL,
                s.policyVersion(), s.createdBy(), s.createdAt()));
    }

    public void approvalRequested(SessionDetails s) {
        outbox.append(EventTypes.SESSION_APPROVAL_REQUESTED, s.id(), s.schoolId(), new SessionApprovalRequested(
                s.id().value(), s.schoolId(), s.startsAt(), s.endsAt(), s.createdBy(), s.createdAt()));
    }

    public void approved(SessionDetails s) {
        outbox.append(EventTypes.SESSION_APPROVED, s.id(), s.schoolId(),
                new SessionApproved(s.id().value(), s.schoolId(), s.decidedBy(), s.decidedAt()));
    }

    public void declined(SessionDetails s) {
        outbox.append(EventTypes.SESSION_DECLINED, s.id(), s.schoolId(),
                new SessionDeclined(s.id().value(), s.schoolId(), s.decidedBy(), s.decidedAt()));
    }

    public void rescheduled(SessionDetails s, Instant previousStart, Instant previousEnd, String by, Instant at) {
        outbox.append(EventTypes.SESSION_RESCHEDULED, s.id(), s.schoolId(), new SessionRescheduled(s.id().value(),
                s.schoolId(), s.startsAt(), s.endsAt(), previousStart, previousEnd, s.policyVersion(), by, at));
    }

    public void cancelled(SessionDetails s, String by, Instant at) {
        outbox.append(EventTypes.SESSION_CANCELLED, s.id(), s.schoolId(),
                new SessionCancelled(s.id().value(), s.schoolId(), by, at));
    }

    public void started(SessionDetails s, Instant at, List<String> staffPresent) {
        outbox.append(EventTypes.SESSION_STARTED, s.id(), s.schoolId(),
                new SessionStarted(s.id().value(), s.schoolId(), at, staffPresent));
    }

    public void ended(SessionDetails s, Instant at) {
        outbox.append(EventTypes.SESSION_ENDED, s.id(), s.schoolId(), new SessionEnded(s.id().value(), s.schoolId(), at));
    }

    public void terminated(SessionDetails s, UUID incident, Instant at) {
        outbox.append(EventTypes.SESSION_TERMINATED, s.id(), s.schoolId(),
                new SessionTerminated(s.id().value(), s.schoolId(), incident, at));
    }

    public void attendanceRecorded(SessionDetails s, Attendance.Entry entry, String by, Instant at) {
        outbox.append(EventTypes.ATTENDANCE_RECORDED, s.id(), s.schoolId(), new AttendanceRecorded(s.id().value(),
                s.schoolId(), entry.pupilId(), AttendanceStatus.valueOf(entry.status().name()), entry.joinedAt(),
                entry.leftAt(), by, at));
    }

    public void followUpRequired(SessionDetails s, FollowUp.Details followUp) {
        outbox.append(EventTypes.FOLLOW_UP_REQUIRED, s.id(), s.schoolId(), new FollowUpRequired(followUp.id(),
                s.id().value(), s.schoolId(), followUp.pupilId(), followUp.raisedAt()));
    }

    public void inviteDispatched(SessionDetails s, UUID inviteId, UUID pupil, List<UUID> guardians, String passcode,
            Instant at) {
        outbox.append(EventTypes.INVITE_DISPATCHED, s.id(), s.schoolId(),
                dispatched(s, inviteId, pupil, guardians, passcode, at));
    }

    public void inviteRevoked(SessionDetails s, UUID inviteId, UUID pupil, List<UUID> guardians, String reason,
            Instant at) {
        outbox.append(EventTypes.INVITE_REVOKED, s.id(), s.schoolId(), revoked(s, inviteId, pupil, guardians, reason, at));
    }

    /** Invite events for a whole class, appended together by {@link ClassInvites#append()}: one statement. */
    public ClassInvites classInvites(SessionDetails session) {
        return new ClassInvites(session);
    }

    /** A class's invite events, collected while its pupils are decided and appended to the outbox at once. */
    public final class ClassInvites {
        private final SessionDetails s;
        private final List<OutboxWriter.Pending<?>> events = new ArrayList<>();

        private ClassInvites(SessionDetails session) {
            this.s = session;
        }

        public void inviteDispatched(UUID inviteId, UUID pupil, List<UUID> guardians, String passcode, Instant at) {
            events.add(new OutboxWriter.Pending<>(EventTypes.INVITE_DISPATCHED, s.id(), s.schoolId(),
                    dispatched(s, inviteId, pupil, guardians, passcode, at)));
        }

        public void inviteBlocked(UUID pupil, List<String> reasons, Instant at) {
            events.add(new OutboxWriter.Pending<>(EventTypes.INVITE_BLOCKED, s.id(), s.schoolId(),
                    blocked(s, pupil, reasons, at)));
        }

        public void inviteRevoked(UUID inviteId, UUID pupil, List<UUID> guardians, String reason, Instant at) {
            events.add(new OutboxWriter.Pending<>(EventTypes.INVITE_REVOKED, s.id(), s.schoolId(),
                    revoked(s, inviteId, pupil, guardians, reason, at)));
        }

        /** Appends the events collected so far, in the order they were added, in the caller's transaction. */
        public void append() {
            outbox.appendAll(List.copyOf(events));
            events.clear();
        }
    }

    private static InviteDispatched dispatched(SessionDetails s, UUID inviteId, UUID pupil, List<UUID> guardians,
            String passcode, Instant at) {
        return new InviteDispatched(inviteId, s.id().value(), s.schoolId(), pupil, guardians, s.joinUrl(), passcode,
                s.startsAt(), s.endsAt(), s.hostStaffIds(), s.recorded(), at);
    }

    private static InviteBlocked blocked(SessionDetails s, UUID pupil, List<String> reasons, Instant at) {
        return new InviteBlocked(s.id().value(), s.schoolId(), pupil, reasons.stream().map(BlockReason::valueOf).toList(),
                at);
    }

    private static InviteRevoked revoked(SessionDetails s, UUID inviteId, UUID pupil, List<UUID> guardians,
            String reason, Instant at) {
        return new InviteRevoked(inviteId, s.id().value(), s.schoolId(), pupil, guardians, BlockReason.valueOf(reason),
                at);
    }
}
