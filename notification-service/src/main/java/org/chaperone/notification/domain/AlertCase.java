package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident alert as a case with a clock (R17): open until someone acknowledges the concern (or closes it), and
 * meanwhile due for its next escalation step at {@code nextStepAt}. Its state is in the database only, so the clock
 * survives restarts; the step counter moves in the transaction that plans the step's deliveries.
 */
@Entity
@Table(name = "alert_escalation")
public class AlertCase {

    public enum Status { OPEN, ACKNOWLEDGED, CLOSED }

    @Id
    @Column(name = "incident_id")
    private UUID incidentId;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "raised_event_id")
    private String raisedEventId;
    private String category;
    @Enumerated(EnumType.STRING)
    private AlertSeverity severity;
    @Column(name = "immediate_risk", nullable = false)
    private boolean immediateRisk;
    @Enumerated(EnumType.STRING)
    @Column(name = "routed_to")
    private AlertRouting routedTo;
    @Column(name = "concerns_staff_id")
    private String concernsStaffId;
    @Column(name = "raised_at")
    private Instant raisedAt;
    @Column(name = "out_of_hours", nullable = false)
    private boolean outOfHours;
    @Column(name = "window_s")
    private Integer windowSeconds;
    @Column(name = "steps_fired", nullable = false)
    private int stepsFired;
    @Column(name = "undeliverable_steps", nullable = false)
    private int undeliverableSteps;
    @Column(name = "next_step_at")
    private Instant nextStepAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(name = "stopped_by")
    private String stoppedBy;
    @Column(name = "stopped_at")
    private Instant stoppedAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected AlertCase() {
    }

    private AlertCase(UUID incidentId, String schoolId, Instant now) {
        this.incidentId = incidentId;
        this.schoolId = schoolId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A new alert: its clock starts now and first runs out after {@code window}. */
    public static AlertCase raised(UUID incidentId, String schoolId, String raisedEventId, String category,
            AlertSeverity severity, boolean immediateRisk, AlertRouting routedTo, String concernsStaffId,
            Instant raisedAt, boolean outOfHours, Duration window, Instant now) {
        AlertCase alert = new AlertCase(incidentId, schoolId, now);
        alert.raisedEventId = raisedEventId;
        alert.category = category;
        alert.severity = severity;
        alert.immediateRisk = immediateRisk;
        alert.routedTo = routedTo;
        alert.concernsStaffId = concernsStaffId;
        alert.raisedAt = raisedAt;
        alert.outOfHours = outOfHours;
        alert.windowSeconds = (int) Math.max(1, window.toSeconds());
        alert.status = Status.OPEN;
        alert.nextStepAt = now.plus(window);
        return alert;
    }

    /** An acknowledgement or closing that arrived before the alert: the alert, when it comes, starts no clock. */
    public static AlertCase stoppedBeforeRaised(UUID incidentId, String schoolId, Status status, String by,
            Instant at, Instant now) {
        AlertCase alert = new AlertCase(incidentId, schoolId, now);
        alert.status = status;
        alert.stoppedBy = by;
        alert.stoppedAt = at;
        return alert;
    }

    /** Whether an alert was already planned for this case (a redelivered or late IncidentRaised adds nothing). */
    public boolean alertPlanned() {
        return raisedEventId != null;
    }

    /** Stops the clock for good: acknowledged or closed. Only the first stop is kept; later ones change nothing. */
    public boolean stop(Status how, String by, Instant at, Instant now) {
        if (how == Status.OPEN) {
            throw new IllegalArgumentException("a clock is stopped by an acknowledgement or a closing");
        }
        if (status != Status.OPEN) {
            return false;
        }
        status = how;
        stoppedBy = by;
        stoppedAt = at;
        nextStepAt = null;
        updatedAt = now;
        return true;
    }

    /** The level and number of the step that is due now. */
    public Step nextStep() {
        int step = stepsFired + 1;
        return new Step(step, EscalationLadder.level(routedTo, step));
    }

    /**
     * Records that the due step was taken; the next is due one window later, or at once if this step reached nobody
     * (an undeliverable alert escalates immediately), unless a whole round of the ladder has reached nobody, when the
     * window applies again rather than spinning.
     */
    public void stepTaken(boolean delivered, Instant now) {
        stepsFired++;
        undeliverableSteps = delivered ? 0 : undeliverableSteps + 1;
        boolean immediately = !delivered && undeliverableSteps < EscalationLadder.roundLength(routedTo);
        nextStepAt = immediately ? now : now.plusSeconds(windowSeconds);
        updatedAt = now;
    }

    /** Every delivery of the current step failed: the next step is due at once (if the clock still runs). */
    public boolean undeliverable(Instant now) {
        if (status != Status.OPEN || (nextStepAt != null && !nextStepAt.isAfter(now))) {
            return false;
        }
        undeliverableSteps++;
        if (undeliverableSteps > EscalationLadder.roundLength(routedTo)) {
            return false;
        }
        nextStepAt = now;
        updatedAt = now;
        return true;
    }

    /** The id of the message of step {@code step}: 0 is the alert itself, the event that raised it. */
    public String messageId(int step) {
        return step == 0 ? raisedEventId : raisedEventId + "/escalation/" + step;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public String schoolId() {
        return schoolId;
    }

    public String raisedEventId() {
        return raisedEventId;
    }

    public String category() {
        return category;
    }

    public AlertSeverity severity() {
        return severity;
    }

    public boolean immediateRisk() {
        return immediateRisk;
    }

    public AlertRouting routedTo() {
        return routedTo;
    }

    public String concernsStaffId() {
        return concernsStaffId;
    }

    public Instant raisedAt() {
        return raisedAt;
    }

    public boolean outOfHours() {
        return outOfHours;
    }

    public int stepsFired() {
        return stepsFired;
    }

    public Instant nextStepAt() {
        return nextStepAt;
    }

    public Status status() {
        return status;
    }

    public String stoppedBy() {
        return stoppedBy;
    }

    public Instant stoppedAt() {
        return stoppedAt;
    }

    public Duration window() {
        return windowSeconds == null ? null : Duration.ofSeconds(windowSeconds);
    }

    /** One step of the ladder. */
    public record Step(int number, EscalationRung level) {
    }
}
