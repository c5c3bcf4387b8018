package org.chaperone.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.junit.jupiter.api.Test;

/** The incident schemas hold the routing rule (R14), the police-call flag and data minimisation. */
class IncidentSchemaTest {

    @Test
    void aStaffConductConcernGoesToTheHeadteacherAndNamesTheStaffMember() {
        IncidentRaised conduct = new IncidentRaised(UUID.randomUUID(), GoldenSampleTest.SCHOOL,
                IncidentCategory.STAFF_CONDUCT, IncidentSeverity.HIGH, false, null, List.of(), "parent-9d2e7c41",
                IncidentSamples.at("2026-09-15T13:10:00Z"), IncidentSamples.at("2026-09-15T13:12:31Z"),
                IncidentRouting.HEADTEACHER_AND_TRUST_LEAD, "staff-0042");
        assertThat(problems(conduct)).isEmpty();
        ObjectNode toDsl = data(conduct).put("routedTo", "DSL_TEAM");
        assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, toDsl)).isNotEmpty();
        ObjectNode unnamed = data(conduct);
        unnamed.remove("concernsStaffId");
        assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, unnamed)).isNotEmpty();
    }

    @Test
    void onlyAStaffConductConcernNamesAMemberOfStaff() {
        ObjectNode breach = data(IncidentSamples.raised()).put("concernsStaffId", "staff-0042");
        assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, breach)).isNotEmpty();
    }

    @Test
    void anImmediateRiskIsCritical() {
        ObjectNode downgraded = data(IncidentSamples.raised()).put("severity", "MEDIUM");
        assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, downgraded)).isNotEmpty();
    }

    @Test
    void theNarrativeCannotTravel() {
        ObjectNode leaky = data(IncidentSamples.raised()).put("whatHappened", "free text about a child");
        assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, leaky))
                .anySatisfy(p -> assertThat(p).contains("whatHappened"));
    }

    private static List<String> problems(Object data) {
        return EventSchemas.validateData(EventTypes.INCIDENT_RAISED, EventCodec.mapper().valueToTree(data));
    }

    private static ObjectNode data(Object data) {
        return EventCodec.mapper().valueToTree(data);
    }
}
