package org.chaperone.incident.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventSchemas;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentAcknowledged;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.PublishedEvents.Received;
import org.junit.jupiter.api.Test;

/** Raising a concern, its receipt, and the DSL's workflow on the chronology, with the events on the real broker. */
@QuarkusTest
class ConcernFlowTest {

    final SchoolConcerns school = SchoolConcerns.fresh();

    @Test
    void raisingPublishesIncidentRaisedWithIdsOnlyNeverTheNarrative() throws IOException {
        UUID pupil = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Map<String, Object> body = school.concern("SECURITY_BREACH", true, List.of(pupil));
        body.put("sessionId", session);
        UUID id = school.raise(school.teacher(), body);

        try (PublishedEvents events = PublishedEvents.on(EventTypes.INCIDENT_TOPIC)) {
            Received raised = events.awaitOne(r -> r.key().equals(id.toString())
                    && r.type().equals(EventTypes.INCIDENT_RAISED.name()), Duration.ofSeconds(30));
            JsonNode data = EventCodec.mapper().readTree(raised.value());
            assertThat(EventSchemas.validateData(EventTypes.INCIDENT_RAISED, data)).isEmpty();
            assertThat(EventSchemas.validateStructured(EventCodec.toStructured(raised.event()))).isEmpty();
            assertThat(raised.headers()).containsEntry("ce_schoolid", school.school)
                    .containsEntry("ce_subject", id.toString())
                    .containsEntry("ce_source", "/chaperone/incident-service");
            IncidentRaised event = (IncidentRaised) raised.event().data();
            assertThat(event.category()).isEqualTo(IncidentCategory.SECURITY_BREACH);
            assertThat(event.immediateRisk()).isTrue();
            assertThat(event.severity()).isEqualTo(IncidentSeverity.CRITICAL);
            assertThat(event.sessionId()).isEqualTo(session);
            assertThat(event.pupilIds()).containsExactly(pupil);
            assertThat(event.routedTo()).isEqualTo(IncidentRouting.DSL_TEAM);
            assertThat(event.raisedBy()).isEqualTo("teacher-" + school.school);
            // Never the narrative or what was already done, in any form (asserted on the raw record).
            String raw = raised.json() + raised.headers();
            assertThat(raw).doesNotContain("belt").doesNotContain("maths lesson").doesNotContain("verbatim")
                    .doesNotContain(SchoolConcerns.NARRATIVE).doesNotContain(SchoolConcerns.ALREADY_DONE);
        }
    }

    @Test
    void immediateRiskAdvisesAPoliceCallAndTheRaiserSeesOnlyTheirReceipt() {
        var receipt = school.as(school.teacher()).body(school.concern("DISCLOSURE", true, List.of(UUID.randomUUID())))
                .post("/api/v1/concerns").then().statusCode(201)
                .body("status", equalTo("RAISED"))
                .body("immediateRisk", equalTo(true))
                .body("policeCallAdvised", equalTo(true))
                .body("advice", notNullValue())
                .body("routedTo", equalTo("DSL_TEAM"))
                .body("whatHappened", nullValue())
                .extract();
        String id = receipt.path("id");

        school.as(school.teacher()).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("RAISED")).body("whatHappened", nullValue());
        // The receipt is the raiser's alone; the raiser cannot read the DSL's record.
        school.as(school.staff("another-teacher")).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(404);
        school.as(school.dsl()).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(404);
        school.as(school.teacher()).get("/api/v1/concerns/{id}?reason=curious", id).then().statusCode(403);

        school.as(school.dsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(200);
        school.as(school.teacher()).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void aConcernWithoutImmediateRiskAdvisesNoPoliceCall() {
        school.as(school.teacher()).body(school.concern("PUPIL_BEHAVIOUR", false, List.of(UUID.randomUUID())))
                .post("/api/v1/concerns").then().statusCode(201)
                .body("policeCallAdvised", equalTo(false)).body("advice", nullValue());
    }

    @Test
    void acknowledgingPublishesIncidentAcknowledgedOnceAndTwiceIsHarmless() {
        UUID id = school.disclosure(false);
        school.as(school.deputyDsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(200)
                .body("concern.status", equalTo("ACKNOWLEDGED"))
                .body("concern.acknowledgedBy", equalTo("deputy-dsl-" + school.school))
                .body("entry.kind", equalTo("ACKNOWLEDGED"));
        school.as(school.dsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(200)
                .body("concern.acknowledgedBy", equalTo("deputy-dsl-" + school.school))
                .body("entry", nullValue());

        try (PublishedEvents events = PublishedEvents.on(EventTypes.INCIDENT_TOPIC)) {
            Received acknowledged = events.awaitOne(r -> r.key().equals(id.toString())
                    && r.type().equals(EventTypes.INCIDENT_ACKNOWLEDGED.name()), Duration.ofSeconds(30));
            IncidentAcknowledged event = (IncidentAcknowledged) acknowledged.event().data();
            assertThat(event.acknowledgedBy()).isEqualTo("deputy-dsl-" + school.school);
            assertThat(event.schoolId()).isEqualTo(school.school);
            List<Received> all = events.readFor(Duration.ofSeconds(2));
            assertThat(all).filteredOn(r -> r.key().equals(id.toString())).extracting(Received::type)
                    .containsExactly(EventTypes.INCIDENT_RAISED.name(), EventTypes.INCIDENT_ACKNOWLEDGED.name());
        }
        school.as(school.dsl()).get("/api/v1/concerns/{id}/chronology?reason=review", id).then().statusCode(200)
                .body("entries.kind", contains("RAISED", "ACKNOWLEDGED"));
    }

    @Test
    void theDslsWorkflowIsOnAnAppendOnlyChronologyThatVerifies() {
        UUID id = school.disclosure(false);
        String dsl = school.dsl();
        // Acting on an unacknowledged concern acknowledges it first.
        school.as(dsl).body(Map.of("severity", "HIGH", "rationale", "Disclosure of physical harm at home"))
                .post("/api/v1/concerns/{id}/risk-assessments", id).then().statusCode(201)
                .body("concern.severity", equalTo("HIGH")).body("concern.status", equalTo("ACKNOWLEDGED"))
                .body("entry.kind", equalTo("RISK_ASSESSED"));
        for (String action : List.of("SPOKE_WITH_PUPIL", "PARENTS_INFORMED", "CHILDRENS_SOCIAL_CARE_REFERRAL",
                "POLICE_CONTACTED", "EARLY_HELP")) {
            school.as(dsl).body(Map.of("action", action, "reason", "Per the safeguarding policy, step " + action))
                    .post("/api/v1/concerns/{id}/actions", id).then().statusCode(201)
                    .body("entry.details.action", equalTo(action))
                    .body("entry.recordedBy", equalTo("dsl-" + school.school));
        }
        // Closing without a rationale is refused by rule R15; with one it closes.
        school.as(dsl).body(Map.of("outcome", "REFERRED_TO_CHILDRENS_SOCIAL_CARE"))
                .post("/api/v1/concerns/{id}/closure", id).then().statusCode(422)
                .body("rules", contains("R15")).body("violations.field", contains("rationale"));
        school.as(dsl).body(Map.of("outcome", "REFERRED_TO_CHILDRENS_SOCIAL_CARE", "rationale", "   "))
                .post("/api/v1/concerns/{id}/closure", id).then().statusCode(422);
        school.as(dsl).body(Map.of("outcome", "REFERRED_TO_CHILDRENS_SOCIAL_CARE", "rationale",
                        "Children's social care accepted the referral")).post("/api/v1/concerns/{id}/closure", id)
                .then().statusCode(200).body("concern.status", equalTo("CLOSED"))
                .body("concern.outcome", equalTo("REFERRED_TO_CHILDRENS_SOCIAL_CARE"));
        // A closed concern takes no entries until reopened, with a reason.
        school.as(dsl).body(Map.of("action", "NO_FURTHER_ACTION", "reason", "late"))
                .post("/api/v1/concerns/{id}/actions", id).then().statusCode(409);
        school.as(dsl).body(Map.of()).post("/api/v1/concerns/{id}/reopening", id).then().statusCode(422)
                .body("rules", contains("R15"));
        school.as(dsl).body(Map.of("reason", "A second disclosure by a sibling"))
                .post("/api/v1/concerns/{id}/reopening", id).then().statusCode(200)
                .body("concern.status", equalTo("ACKNOWLEDGED")).body("concern.outcome", nullValue());

        var chronology = school.as(dsl).get("/api/v1/concerns/{id}/chronology?reason=case review", id).then()
                .statusCode(200)
                .body("entries.kind", contains("RAISED", "ACKNOWLEDGED", "RISK_ASSESSED", "ACTION_RECORDED",
                        "ACTION_RECORDED", "ACTION_RECORDED", "ACTION_RECORDED", "ACTION_RECORDED", "CLOSED",
                        "REOPENED"))
                .body("entries.seq", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
                .body("entries[0].details.whatHappened", equalTo(SchoolConcerns.NARRATIVE))
                .body("entries[0].previousHash", equalTo("0".repeat(64)))
                .extract();
        List<String> hashes = chronology.path("entries.hash");
        List<String> previous = chronology.path("entries.previousHash");
        assertThat(previous.subList(1, previous.size())).isEqualTo(hashes.subList(0, hashes.size() - 1));

        school.as(dsl).get("/api/v1/concerns/{id}/chronology/verification?reason=audit", id).then().statusCode(200)
                .body("valid", equalTo(true)).body("entries", equalTo(10)).body("brokenAtSeq", nullValue())
                .body("headHash", equalTo(hashes.get(9)));

        school.as(dsl).get("/api/v1/concerns/{id}?reason=review", id).then().statusCode(200)
                .body("whatHappened", equalTo(SchoolConcerns.NARRATIVE))
                .body("actionsTaken", equalTo(SchoolConcerns.ALREADY_DONE))
                .body("concern.chronologyEntries", equalTo(10));

        try (PublishedEvents events = PublishedEvents.on(EventTypes.INCIDENT_TOPIC)) {
            List<Received> mine = events.awaitAll(r -> r.key().equals(id.toString()), 10, Duration.ofSeconds(30));
            assertThat(mine).extracting(Received::type).containsExactly(EventTypes.INCIDENT_RAISED.name(),
                    EventTypes.INCIDENT_ACKNOWLEDGED.name(), EventTypes.INCIDENT_RISK_ASSESSED.name(),
                    EventTypes.INCIDENT_ACTION_RECORDED.name(), EventTypes.INCIDENT_ACTION_RECORDED.name(),
                    EventTypes.INCIDENT_ACTION_RECORDED.name(), EventTypes.INCIDENT_ACTION_RECORDED.name(),
                    EventTypes.INCIDENT_ACTION_RECORDED.name(), EventTypes.INCIDENT_CLOSED.name(),
                    EventTypes.INCIDENT_REOPENED.name());
            assertThat(mine).allSatisfy(r -> {
                assertThat(EventSchemas.validateStructured(EventCodec.toStructured(r.event()))).isEmpty();
                assertThat(r.json()).doesNotContain("Disclosure of physical harm").doesNotContain("safeguarding policy")
                        .doesNotContain("accepted the referral").doesNotContain("sibling");
            });
        }
    }

    @Test
    void theDslListShowsImmediateRiskFirst() {
        UUID older = school.disclosure(false);
        UUID urgent = school.disclosure(true);
        UUID newer = school.disclosure(false);
        school.as(school.dsl()).get("/api/v1/concerns?schoolId={s}&reason=daily review", school.school).then()
                .statusCode(200).body("$", hasSize(3))
                .body("id", contains(urgent.toString(), newer.toString(), older.toString()))
                .body("[0].immediateRisk", equalTo(true));
        school.as(school.dsl()).get("/api/v1/concerns?schoolId={s}&status=closed&reason=daily review", school.school)
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aRepeatedRaiseWithTheSameIdempotencyKeyRaisesOnce() {
        Map<String, Object> body = school.concern("SEEN_OR_HEARD", false, List.of(UUID.randomUUID()));
        String first = school.as(school.teacher()).header("Idempotency-Key", "raise-1").body(body)
                .post("/api/v1/concerns").then().statusCode(201).extract().path("id");
        school.as(school.teacher()).header("Idempotency-Key", "raise-1").body(body).post("/api/v1/concerns").then()
                .statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        school.as(school.dsl()).get("/api/v1/concerns?schoolId={s}&reason=check", school.school).then()
                .body("$", hasSize(1));
    }
}
