package org.chaperone.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
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

/**
 * The incident events of the golden samples in {@code golden/incident/}, built in Java. Every value is fictional and
 * fixed; staff appear only as subject ids, pupils only as UUIDs, and no narrative travels. The incident is the
 * security breach that ended {@link SchedulingSamples#TERMINATED_SESSION}.
 */
final class IncidentSamples {

    static final String SOURCE = "/chaperone/incident-service";
    static final String SCHOOL = GoldenSampleTest.SCHOOL;
    static final UUID INCIDENT = SchedulingSamples.INCIDENT;
    static final UUID SESSION = SchedulingSamples.TERMINATED_SESSION;
    static final UUID ACTION_ENTRY = UUID.fromString("2b5d4a6c-3e8f-4a1b-9c7d-5e6f7a8b9c0d");
    static final String DSL = "staff-0003";

    private IncidentSamples() {
    }

    static Stream<CloudEvent<?>> all() {
        return Stream.of(
                event("6d1f0c2e-8a4b-4c7d-9e3f-1a2b3c4d5e6f", EventTypes.INCIDENT_RAISED, "2026-09-15T13:12:31Z",
                        raised()),
                event("7e2a1d3f-9b5c-4d8e-8f4a-2b3c4d5e6f7a", EventTypes.INCIDENT_ACKNOWLEDGED, "2026-09-15T13:14:02Z",
                        new IncidentAcknowledged(INCIDENT, SCHOOL, DSL, at("2026-09-15T13:14:02Z"))),
                event("8f3b2e4a-0c6d-4e9f-9a5b-3c4d5e6f7a8b", EventTypes.INCIDENT_RISK_ASSESSED, "2026-09-15T13:30:00Z",
                        new IncidentRiskAssessed(INCIDENT, SCHOOL, IncidentSeverity.HIGH, IncidentSeverity.CRITICAL,
                                DSL, at("2026-09-15T13:30:00Z"))),
                event("9a4c3f5b-1d7e-4f0a-8b6c-4d5e6f7a8b9c", EventTypes.INCIDENT_ACTION_RECORDED,
                        "2026-09-15T13:45:00Z",
                        new IncidentActionRecorded(INCIDENT, SCHOOL, ACTION_ENTRY, IncidentAction.PARENTS_INFORMED,
                                at("2026-09-15T13:40:00Z"), DSL, at("2026-09-15T13:45:00Z"))),
                event("0b5d4a6c-2e8f-4a1b-9c7d-5e6f7a8b9c0e", EventTypes.INCIDENT_CLOSED, "2026-09-22T09:00:00Z",
                        new IncidentClosed(INCIDENT, SCHOOL, IncidentOutcome.MONITORING_IN_SCHOOL, DSL,
                                at("2026-09-22T09:00:00Z"))),
                event("1c6e5b7d-3f9a-4b2c-8d8e-6f7a8b9c0d1f", EventTypes.INCIDENT_REOPENED, "2026-10-01T08:30:00Z",
                        new IncidentReopened(INCIDENT, SCHOOL, "staff-0004", at("2026-10-01T08:30:00Z"))));
    }

    /** A security breach in a live session, with an immediate risk of harm: routed to the DSL team. */
    static IncidentRaised raised() {
        return new IncidentRaised(INCIDENT, SCHOOL, IncidentCategory.SECURITY_BREACH, IncidentSeverity.CRITICAL, true,
                SESSION, List.of(GoldenSampleTest.PUPIL, SchedulingSamples.SECOND_PUPIL), "staff-0042",
                at("2026-09-15T13:10:00Z"), at("2026-09-15T13:12:31Z"), IncidentRouting.DSL_TEAM, null);
    }

    /** An incident event is keyed by its incident: the subject is the data's {@code incidentId}. */
    private static <T> CloudEvent<T> event(String id, EventType<T> type, String time, T data) {
        return new CloudEvent<>(id, SOURCE, type, incidentId(data).toString(), at(time), SCHOOL, data);
    }

    private static UUID incidentId(Object data) {
        try {
            return (UUID) data.getClass().getMethod("incidentId").invoke(data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(data.getClass().getSimpleName() + " has no incidentId", e);
        }
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
