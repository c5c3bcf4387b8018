package org.chaperone.incident.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentAcknowledged;
import org.chaperone.events.incident.IncidentAction;
import org.chaperone.events.incident.IncidentActionRecorded;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentClosed;
import org.chaperone.events.incident.IncidentOutcome;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentReopened;
import org.chaperone.events.incident.IncidentRiskAssessed;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.incident.domain.ConcernAction;
import org.chaperone.incident.domain.Incident.Summary;
import org.chaperone.incident.domain.Outcome;
import org.chaperone.incident.domain.Severity;
import org.chaperone.runtime.outbox.OutboxWriter;

/**
 * Announces concern facts on {@code chaperone.incident.v1} through the outbox, in the caller's transaction. Events
 * carry ids, school, category, severity and times; never the narrative, a rationale, a reason or a name. The record
 * key is the incident id, so one concern's events stay in order.
 */
@ApplicationScoped
public class IncidentEventPublisher {

    @Inject
    OutboxWriter outbox;

    public void raised(Summary incident) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_RAISED, id, incident.schoolId(), new IncidentRaised(id, incident.schoolId(),
                IncidentCategory.valueOf(incident.category().name()), severity(incident.severity()),
                incident.immediateRisk(), incident.sessionId(), incident.pupilIds(), incident.raisedBy(),
                incident.occurredAt(), incident.raisedAt(), IncidentRouting.valueOf(incident.routedTo().name()),
                incident.concernsStaffId()));
    }

    public void acknowledged(Summary incident) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_ACKNOWLEDGED, id, incident.schoolId(), new IncidentAcknowledged(id,
                incident.schoolId(), incident.acknowledgedBy(), incident.acknowledgedAt()));
    }

    public void riskAssessed(Summary incident, Severity previous, String by, Instant at) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_RISK_ASSESSED, id, incident.schoolId(), new IncidentRiskAssessed(id,
                incident.schoolId(), severity(incident.severity()), severity(previous), by, at));
    }

    public void actionRecorded(Summary incident, UUID entryId, ConcernAction action, Instant takenAt, String by,
            Instant at) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_ACTION_RECORDED, id, incident.schoolId(), new IncidentActionRecorded(id,
                incident.schoolId(), entryId, IncidentAction.valueOf(action.name()), takenAt, by, at));
    }

    public void closed(Summary incident, Outcome outcome, String by, Instant at) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_CLOSED, id, incident.schoolId(), new IncidentClosed(id, incident.schoolId(),
                IncidentOutcome.valueOf(outcome.name()), by, at));
    }

    public void reopened(Summary incident, String by, Instant at) {
        UUID id = incident.id().value();
        outbox.append(EventTypes.INCIDENT_REOPENED, id, incident.schoolId(), new IncidentReopened(id,
                incident.schoolId(), by, at));
    }

    private static IncidentSeverity severity(Severity severity) {
        return IncidentSeverity.valueOf(severity.name());
    }
}
