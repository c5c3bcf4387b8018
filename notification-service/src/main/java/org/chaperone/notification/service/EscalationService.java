package org.chaperone.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentAcknowledged;
import org.chaperone.events.incident.IncidentClosed;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.notification.AlertEscalated;
import org.chaperone.events.notification.EscalationLevel;
import org.chaperone.events.notification.EscalationReason;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.AlertCase;
import org.chaperone.notification.domain.AlertRouting;
import org.chaperone.notification.domain.AlertSeverity;
import org.chaperone.notification.domain.AlertCase.Status;
import org.chaperone.notification.domain.AlertCase.Step;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.EscalationPolicy;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.SafeguardingRota;
import org.chaperone.notification.domain.SafeguardingRota.Roles;
import org.chaperone.notification.repository.AlertCaseRepository;
import org.chaperone.notification.repository.DeliveryRepository;
import org.chaperone.notification.repository.RotaRepository;
import org.chaperone.notification.service.DeliveryPlanner.PlannedStep;
import org.chaperone.runtime.outbox.OutboxWriter;
import org.chaperone.runtime.security.SchoolScope;
import org.jboss.logging.Logger;

/**
 * R17: an incident alert is a case with a clock. {@code IncidentRaised} alerts the DSL team (R12) and starts the
 * clock with the school's window for the concern's severity; each time it runs out without an
 * {@code IncidentAcknowledged}, the next rung of the {@link org.chaperone.notification.domain.EscalationLadder} is
 * alerted and the clock restarts, until someone acknowledges or closes the concern. An alert that reached nobody
 * escalates at once.
 *
 * <p>The clock is rows, not timers: {@link #escalateDue()} claims due alerts {@code FOR UPDATE SKIP LOCKED} and, in
 * one transaction per round, plans the step's deliveries, appends its {@code AlertEscalated} event to the outbox and
 * moves the step counter. A crash before commit leaves the step to the next round; after commit it is done; two
 * replicas never take the same alert.
 */
@ApplicationScoped
public class EscalationService {

    private static final Logger LOG = Logger.getLogger(EscalationService.class);

    @Inject
    AlertCaseRepository alerts;
    @Inject
    RotaRepository rotas;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    DeliveryPlanner planner;
    @Inject
    OutboxWriter outbox;
    @Inject
    NotificationConfig config;
    @Inject
    MeterRegistry metrics;

    /** Incident events: raised starts an alert and its clock; acknowledged or closed stops the clock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent<?> event) {
        Object data = event.data();
        if (data instanceof IncidentRaised raised) {
            raised(event, raised);
        } else if (data instanceof IncidentAcknowledged acknowledged) {
            stop(event.schoolId(), acknowledged.incidentId(), Status.ACKNOWLEDGED, acknowledged.acknowledgedBy(),
                    acknowledged.acknowledgedAt());
        } else if (data instanceof IncidentClosed closed) {
            stop(event.schoolId(), closed.incidentId(), Status.CLOSED, closed.closedBy(), closed.closedAt());
        }
    }

    private void raised(CloudEvent<?> event, IncidentRaised incident) {
        SchoolScope scope = SchoolScope.of(event.schoolId());
        Optional<AlertCase> existing = alerts.lock(incident.incidentId(), scope);
        if (existing.isPresent() && existing.get().alertPlanned()) {
            return;
        }
        Optional<SafeguardingRota> rota = rotas.find(event.schoolId(), scope);
        EscalationPolicy policy = rota.map(SafeguardingRota::escalation).orElse(EscalationPolicy.DEFAULT);
        Instant now = Instant.now();
        boolean outOfHours = policy.outOfHours(incident.raisedAt(), config.timeZone());
        AlertSeverity severity = AlertSeverity.valueOf(incident.severity().name());
        int pending = planner.incidentAlert(event, incident, rota.map(SafeguardingRota::roles), outOfHours);
        if (existing.isPresent()) {
            // Acknowledged or closed before the alert arrived: the DSL team is still told, but no clock starts.
            LOG.infof("incident %s: alert planned; already %s, so no escalation clock", incident.incidentId(),
                    existing.get().status());
            return;
        }
        Duration window = policy.window(severity, incident.immediateRisk());
        AlertCase alert = AlertCase.raised(incident.incidentId(), event.schoolId(), event.id(),
                incident.category().name(), severity, incident.immediateRisk(),
                AlertRouting.valueOf(incident.routedTo().name()), incident.concernsStaffId(),
                incident.raisedAt(), outOfHours, window, now);
        if (pending == 0) {
            alert.undeliverable(now);
            LOG.warnf("incident %s: the alert reached nobody; escalating at once", incident.incidentId());
        }
        alerts.persist(alert);
        LOG.infof("incident %s: alert planned (%d deliveries), escalation due at %s%s", incident.incidentId(), pending,
                alert.nextStepAt(), outOfHours ? ", out of hours" : "");
    }

    private void stop(String schoolId, UUID incidentId, Status how, String by, Instant at) {
        SchoolScope scope = SchoolScope.of(schoolId);
        Instant now = Instant.now();
        Optional<AlertCase> alert = alerts.lock(incidentId, scope);
        if (alert.isEmpty()) {
            alerts.persist(AlertCase.stoppedBeforeRaised(incidentId, schoolId, how, by, at, now));
            return;
        }
        if (alert.get().stop(how, by, at, now)) {
            LOG.infof("incident %s: %s after %d escalation step(s); the clock is stopped", incidentId,
                    how.name().toLowerCase(), alert.get().stepsFired());
        }
    }

    /**
     * One round of the clock: every due alert takes its next step, all in one transaction. Returns how many alerts
     * were escalated.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int escalateDue() {
        return escalateDueInTransaction();
    }

    /** The same round in the caller's transaction: what commits with it, or rolls back with it, is the step. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int escalateDueInTransaction() {
        Instant now = Instant.now();
        int escalated = 0;
        for (AlertCase alert : alerts.lockDue(now, config.escalation().batchSize(), SchoolScope.system())) {
            step(alert, now);
            escalated++;
        }
        return escalated;
    }

    private void step(AlertCase alert, Instant now) {
        Step step = alert.nextStep();
        EscalationReason reason = deliveredSoFar(alert) ? EscalationReason.NOT_ACKNOWLEDGED
                : EscalationReason.UNDELIVERABLE;
        Optional<Roles> rota = rotas.find(alert.schoolId(), SchoolScope.of(alert.schoolId()))
                .map(SafeguardingRota::roles);
        PlannedStep planned = planner.escalation(alert, step, reason, rota);
        alert.stepTaken(planned.pending() > 0, now);
        outbox.append(EventTypes.ALERT_ESCALATED, alert.incidentId(), alert.schoolId(),
                new AlertEscalated(alert.incidentId(), alert.schoolId(), step.number(),
                        EscalationLevel.valueOf(step.level().name()), reason,
                        planned.staffIds(), alert.outOfHours(), now));
        metrics.counter("notification.alerts.escalated", "level", step.level().name(), "reason", reason.name())
                .increment();
        LOG.warnf("incident %s: not acknowledged; escalation %d to %s (%s), next due at %s", alert.incidentId(),
                step.number(), step.level(), reason, alert.nextStepAt());
    }

    /** Whether the last message of this alert reached anyone (a delivery pending or sent). */
    private boolean deliveredSoFar(AlertCase alert) {
        return deliveries.anyLive(alert.messageId(alert.stepsFired()), SchoolScope.of(alert.schoolId()));
    }

    /**
     * A delivery of an alert or escalation was given up. If no other delivery of that message is pending or sent,
     * nobody has it: the alert escalates at once. Runs in the transaction that records the failure.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void gaveUp(Delivery delivery) {
        if (delivery.kind() != MessageKind.INCIDENT_ALERT && delivery.kind() != MessageKind.INCIDENT_ESCALATION) {
            return;
        }
        SchoolScope scope = SchoolScope.of(delivery.schoolId());
        Instant now = Instant.now();
        alerts.lock(UUID.fromString(delivery.subjectId()), scope)
                .filter(alert -> delivery.eventId().equals(alert.messageId(alert.stepsFired())))
                .filter(alert -> !deliveries.anyLive(delivery.eventId(), scope))
                .filter(alert -> alert.undeliverable(now))
                .ifPresent(alert -> LOG.warnf("incident %s: nobody could be reached for step %d; escalating at once",
                        alert.incidentId(), alert.stepsFired()));
    }
}
