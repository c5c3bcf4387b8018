package org.chaperone.scheduling.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventSchemas;
import org.chaperone.events.EventTypes;
import org.chaperone.events.scheduling.FollowUpRequired;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.PublishedEvents.Received;
import org.junit.jupiter.api.Test;

/** R11: the session log answers what, when, who, and what went wrong; non-attenders get a follow-up. */
@QuarkusTest
class SessionLogTest {

    static final SchedulingFixture SCHOOL = new SchedulingFixture("avanti-house");
    static boolean setUp;

    SchedulingFixture school() {
        if (!setUp) {
            SCHOOL.setUp();
            setUp = true;
        }
        return SCHOOL;
    }

    @Test
    void theLogRecordsWhatHappenedAndNonAttendersGetAFollowUpUntilClosed() {
        SchedulingFixture school = school();
        UUID joined = UUID.randomUUID();
        UUID absent = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        String session = school.schedule("GROUP", List.of(joined, absent, removed), false);
        String host = school.hosts().get(0);

        school.as(school.teacher()).body(Map.of("records", List.of(Map.of("pupilId", joined, "status", "JOINED",
                        "joinedAt", Instant.now().toString())))).post("/api/v1/sessions/{id}/attendance", session)
                .then().statusCode(409);
        school.as(school.teacher()).body(Map.of("staffPresentIds", List.of(host, "someone-else")))
                .post("/api/v1/sessions/{id}/start", session).then().statusCode(400)
                .body("violations[0].field", equalTo("staffPresentIds[1]"));
        school.as(school.teacher()).body(Map.of("staffPresentIds", school.hosts()))
                .post("/api/v1/sessions/{id}/start", session).then().statusCode(200)
                .body("startedAt", notNullValue()).body("staffPresent", equalTo(school.hosts()));

        Instant t = Instant.now();
        school.as(school.teacher()).body(Map.of("records", List.of(
                        Map.of("pupilId", joined, "status", "JOINED", "joinedAt", t.toString()),
                        Map.of("pupilId", absent, "status", "DID_NOT_JOIN"),
                        Map.of("pupilId", removed, "status", "REMOVED", "joinedAt", t.toString(),
                                "leftAt", t.plusSeconds(300).toString(), "note", "Shared the link in chat"))))
                .post("/api/v1/sessions/{id}/attendance", session).then().statusCode(200)
                .body("attendanceNotRecorded", empty());
        school.as(school.teacher()).body(Map.of("whatWentWrong", "Audio dropped for five minutes"))
                .post("/api/v1/sessions/{id}/end", session).then().statusCode(200)
                .body("endedAt", notNullValue()).body("whatWentWrong", equalTo("Audio dropped for five minutes"));

        school.as(school.teacher()).get("/api/v1/sessions/{id}/log", session).then().statusCode(200)
                .body("attendance.find { it.pupilId == '" + removed + "' }.note", equalTo("Shared the link in chat"))
                .body("attendance.status", hasItem("DID_NOT_JOIN"))
                .body("startedAt", notNullValue());

        String followUp = school.as(school.teacher()).get("/api/v1/follow-ups?schoolId=avanti-house").then()
                .statusCode(200).extract().path("find { it.pupilId == '" + absent + "' }.id");
        assertThat(followUp).isNotNull();
        try (PublishedEvents events = PublishedEvents.on(EventTypes.SCHEDULING_TOPIC)) {
            Received required = events.awaitOne(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.FOLLOW_UP_REQUIRED.name()), Duration.ofSeconds(30));
            assertThat(((FollowUpRequired) required.event().data()).pupilId()).isEqualTo(absent);
            List<Received> all = events.awaitAll(r -> r.key().equals(session)
                    && r.type().equals(EventTypes.ATTENDANCE_RECORDED.name()), 3, Duration.ofSeconds(30));
            for (Received r : all) {
                assertThat(EventSchemas.validateStructured(EventCodec.toStructured(r.event()))).isEmpty();
                assertThat(r.json()).doesNotContain("Shared the link");
            }
        }
        school.as(school.teacher()).body(Map.of("outcome", "Parent phoned: pupil was unwell"))
                .post("/api/v1/follow-ups/{id}/outcome", followUp).then().statusCode(200)
                .body("closedBy", equalTo("host-1-avanti-house"));
        school.as(school.teacher()).get("/api/v1/follow-ups?schoolId=avanti-house").then()
                .body("id", org.hamcrest.Matchers.not(hasItem(followUp)));
        school.as(school.teacher()).body(Map.of("outcome", "again"))
                .post("/api/v1/follow-ups/{id}/outcome", followUp).then().statusCode(409);
    }

    @Test
    void aSecurityBreachEndsALiveSessionForEveryoneAndLeavesAnEndedOneAlone() {
        SchedulingFixture school = school();
        String live = school.schedule("GROUP", List.of(UUID.randomUUID()), false);
        String ended = school.schedule("GROUP", List.of(UUID.randomUUID()), false);
        for (String session : List.of(live, ended)) {
            school.as(school.teacher()).body(Map.of("staffPresentIds", school.hosts()))
                    .post("/api/v1/sessions/{id}/start", session).then().statusCode(200);
        }
        school.as(school.teacher()).body(Map.of()).post("/api/v1/sessions/{id}/end", ended).then().statusCode(200);

        UUID breach = UUID.randomUUID();
        UUID lateBreach = UUID.randomUUID();
        String lateEvent = UUID.randomUUID().toString();
        school.send(EventTypes.INCIDENT_RAISED, breach, raised(breach, live), UUID.randomUUID().toString());
        school.send(EventTypes.INCIDENT_RAISED, lateBreach, raised(lateBreach, ended), lateEvent);

        try (PublishedEvents events = PublishedEvents.on(EventTypes.SCHEDULING_TOPIC)) {
            Received terminated = events.awaitOne(r -> r.key().equals(live)
                    && r.type().equals(EventTypes.SESSION_TERMINATED.name()), Duration.ofSeconds(30));
            assertThat(((org.chaperone.events.scheduling.SessionTerminated) terminated.event().data()).incidentId())
                    .isEqualTo(breach);
        }
        school.as(school.teacher()).get("/api/v1/sessions/{id}", live).then().body("status", equalTo("TERMINATED"));
        school.as(school.teacher()).get("/api/v1/sessions/{id}/log", live).then()
                .body("terminatedByIncident", equalTo(breach.toString())).body("endedAt", notNullValue());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inboxed(lateEvent) == 1);
        school.as(school.teacher()).get("/api/v1/sessions/{id}", ended).then().body("status", equalTo("ENDED"));
    }

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;

    @jakarta.transaction.Transactional
    long inboxed(String eventId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from inbox_event where event_id = :e")
                .setParameter("e", eventId).getSingleResult()).longValue();
    }

    private org.chaperone.events.incident.IncidentRaised raised(UUID incident, String session) {
        return new org.chaperone.events.incident.IncidentRaised(incident, SCHOOL.school,
                org.chaperone.events.incident.IncidentCategory.SECURITY_BREACH,
                org.chaperone.events.incident.IncidentSeverity.values()[0], false, UUID.fromString(session),
                List.of(), "host-1-avanti-house", Instant.now(), Instant.now(),
                org.chaperone.events.incident.IncidentRouting.values()[0], null);
    }

    @Test
    void attendanceNamesEachBadRecord() {
        SchedulingFixture school = school();
        UUID pupil = UUID.randomUUID();
        String session = school.schedule("GROUP", List.of(pupil), false);
        school.as(school.teacher()).body(Map.of("staffPresentIds", school.hosts()))
                .post("/api/v1/sessions/{id}/start", session).then().statusCode(200);
        school.as(school.teacher()).body(Map.of("records", List.of(
                        Map.of("pupilId", UUID.randomUUID(), "status", "JOINED", "joinedAt", Instant.now().toString()),
                        Map.of("pupilId", pupil, "status", "REMOVED", "joinedAt", Instant.now().toString()))))
                .post("/api/v1/sessions/{id}/attendance", session).then().statusCode(400)
                .body("violations.field", contains("records[0].pupilId", "records[1].note"));
    }
}
