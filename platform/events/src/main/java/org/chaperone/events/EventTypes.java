package org.chaperone.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.events.scheduling.SessionApprovalRequested;
import org.chaperone.events.scheduling.SessionApproved;
import org.chaperone.events.scheduling.SessionDeclined;
import org.chaperone.events.scheduling.SessionRescheduled;
import org.chaperone.events.scheduling.SessionCancelled;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.events.scheduling.SessionStarted;
import org.chaperone.events.scheduling.SessionEnded;
import org.chaperone.events.scheduling.SessionTerminated;
import org.chaperone.events.scheduling.AttendanceRecorded;
import org.chaperone.events.scheduling.FollowUpRequired;
import org.chaperone.events.incident.IncidentAcknowledged;
import org.chaperone.events.incident.IncidentActionRecorded;
import org.chaperone.events.incident.IncidentClosed;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentReopened;
import org.chaperone.events.incident.IncidentRiskAssessed;
import org.chaperone.events.notification.AlertEscalated;
import org.chaperone.events.notification.NotificationDelivered;
import org.chaperone.events.notification.NotificationFailed;

/** Every event type Chaperone publishes, by topic. Later services add theirs here. */
public final class EventTypes {

    public static final String CONSENT_TOPIC = "chaperone.consent.v1";
    public static final String SCHEDULING_TOPIC = "chaperone.scheduling.v1";
    public static final String INCIDENT_TOPIC = "chaperone.incident.v1";
    public static final String NOTIFICATION_TOPIC = "chaperone.notification.v1";

    public static final EventType<ConsentRequested> CONSENT_REQUESTED =
            new EventType<>("org.chaperone.consent.requested.v1", ConsentRequested.class, CONSENT_TOPIC);
    public static final EventType<ConsentGranted> CONSENT_GRANTED =
            new EventType<>("org.chaperone.consent.granted.v1", ConsentGranted.class, CONSENT_TOPIC);
    public static final EventType<ConsentRefused> CONSENT_REFUSED =
            new EventType<>("org.chaperone.consent.refused.v1", ConsentRefused.class, CONSENT_TOPIC);
    public static final EventType<ConsentWithdrawn> CONSENT_WITHDRAWN =
            new EventType<>("org.chaperone.consent.withdrawn.v1", ConsentWithdrawn.class, CONSENT_TOPIC);
    public static final EventType<ConsentExpired> CONSENT_EXPIRED =
            new EventType<>("org.chaperone.consent.expired.v1", ConsentExpired.class, CONSENT_TOPIC);

    public static final EventType<SessionScheduled> SESSION_SCHEDULED = new EventType<>(
            "org.chaperone.scheduling.scheduled.v1", SessionScheduled.class, SCHEDULING_TOPIC);
    public static final EventType<SessionApprovalRequested> SESSION_APPROVAL_REQUESTED = new EventType<>(
            "org.chaperone.scheduling.approval-requested.v1", SessionApprovalRequested.class, SCHEDULING_TOPIC);
    public static final EventType<SessionApproved> SESSION_APPROVED = new EventType<>(
            "org.chaperone.scheduling.approved.v1", SessionApproved.class, SCHEDULING_TOPIC);
    public static final EventType<SessionDeclined> SESSION_DECLINED = new EventType<>(
            "org.chaperone.scheduling.declined.v1", SessionDeclined.class, SCHEDULING_TOPIC);
    public static final EventType<SessionRescheduled> SESSION_RESCHEDULED = new EventType<>(
            "org.chaperone.scheduling.rescheduled.v1", SessionRescheduled.class, SCHEDULING_TOPIC);
    public static final EventType<SessionCancelled> SESSION_CANCELLED = new EventType<>(
            "org.chaperone.scheduling.cancelled.v1", SessionCancelled.class, SCHEDULING_TOPIC);
    public static final EventType<InviteDispatched> INVITE_DISPATCHED = new EventType<>(
            "org.chaperone.scheduling.invite-dispatched.v1", InviteDispatched.class, SCHEDULING_TOPIC);
    public static final EventType<InviteBlocked> INVITE_BLOCKED = new EventType<>(
            "org.chaperone.scheduling.invite-blocked.v1", InviteBlocked.class, SCHEDULING_TOPIC);
    public static final EventType<InviteRevoked> INVITE_REVOKED = new EventType<>(
            "org.chaperone.scheduling.invite-revoked.v1", InviteRevoked.class, SCHEDULING_TOPIC);
    public static final EventType<SessionStarted> SESSION_STARTED = new EventType<>(
            "org.chaperone.scheduling.started.v1", SessionStarted.class, SCHEDULING_TOPIC);
    public static final EventType<SessionEnded> SESSION_ENDED = new EventType<>(
            "org.chaperone.scheduling.ended.v1", SessionEnded.class, SCHEDULING_TOPIC);
    public static final EventType<SessionTerminated> SESSION_TERMINATED = new EventType<>(
            "org.chaperone.scheduling.terminated.v1", SessionTerminated.class, SCHEDULING_TOPIC);
    public static final EventType<AttendanceRecorded> ATTENDANCE_RECORDED = new EventType<>(
            "org.chaperone.scheduling.attendance-recorded.v1", AttendanceRecorded.class, SCHEDULING_TOPIC);
    public static final EventType<FollowUpRequired> FOLLOW_UP_REQUIRED = new EventType<>(
            "org.chaperone.scheduling.follow-up-required.v1", FollowUpRequired.class, SCHEDULING_TOPIC);

    public static final EventType<IncidentRaised> INCIDENT_RAISED = new EventType<>(
            "org.chaperone.incident.raised.v1", IncidentRaised.class, INCIDENT_TOPIC);
    public static final EventType<IncidentAcknowledged> INCIDENT_ACKNOWLEDGED = new EventType<>(
            "org.chaperone.incident.acknowledged.v1", IncidentAcknowledged.class, INCIDENT_TOPIC);
    public static final EventType<IncidentRiskAssessed> INCIDENT_RISK_ASSESSED = new EventType<>(
            "org.chaperone.incident.risk-assessed.v1", IncidentRiskAssessed.class, INCIDENT_TOPIC);
    public static final EventType<IncidentActionRecorded> INCIDENT_ACTION_RECORDED = new EventType<>(
            "org.chaperone.incident.action-recorded.v1", IncidentActionRecorded.class, INCIDENT_TOPIC);
    public static final EventType<IncidentClosed> INCIDENT_CLOSED = new EventType<>(
            "org.chaperone.incident.closed.v1", IncidentClosed.class, INCIDENT_TOPIC);
    public static final EventType<IncidentReopened> INCIDENT_REOPENED = new EventType<>(
            "org.chaperone.incident.reopened.v1", IncidentReopened.class, INCIDENT_TOPIC);

    public static final EventType<NotificationDelivered> NOTIFICATION_DELIVERED = new EventType<>(
            "org.chaperone.notification.delivered.v1", NotificationDelivered.class, NOTIFICATION_TOPIC);
    public static final EventType<NotificationFailed> NOTIFICATION_FAILED = new EventType<>(
            "org.chaperone.notification.failed.v1", NotificationFailed.class, NOTIFICATION_TOPIC);
    public static final EventType<AlertEscalated> ALERT_ESCALATED = new EventType<>(
            "org.chaperone.notification.escalated.v1", AlertEscalated.class, NOTIFICATION_TOPIC);

    private static final List<EventType<?>> ALL = List.of(
            CONSENT_REQUESTED, CONSENT_GRANTED, CONSENT_REFUSED, CONSENT_WITHDRAWN, CONSENT_EXPIRED,
            SESSION_SCHEDULED, SESSION_APPROVAL_REQUESTED, SESSION_APPROVED, SESSION_DECLINED, SESSION_RESCHEDULED,
            SESSION_CANCELLED, INVITE_DISPATCHED, INVITE_BLOCKED, INVITE_REVOKED, SESSION_STARTED, SESSION_ENDED,
            SESSION_TERMINATED, ATTENDANCE_RECORDED, FOLLOW_UP_REQUIRED,
            INCIDENT_RAISED, INCIDENT_ACKNOWLEDGED, INCIDENT_RISK_ASSESSED, INCIDENT_ACTION_RECORDED, INCIDENT_CLOSED,
            INCIDENT_REOPENED,
            NOTIFICATION_DELIVERED, NOTIFICATION_FAILED, ALERT_ESCALATED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
