package org.chaperone.scheduling.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy rules through the API, tenancy and roles, and a table of bad inputs that write nothing. */
@QuarkusTest
class SchedulingRulesAndAccessTest {

    static final SchedulingFixture ASH_LEA = new SchedulingFixture("ash-lea");
    static final SchedulingFixture AVANTI = new SchedulingFixture("avanti-house");
    static boolean setUp;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void schools() {
        if (!setUp) {
            ASH_LEA.setUp();
            AVANTI.setUp();
            setUp = true;
        }
    }

    @Test
    void aRequestBreakingFourRulesHearsAboutAllFour() {
        Map<String, Object> body = new HashMap<>(ASH_LEA.session("GROUP", List.of(UUID.randomUUID()), true));
        body.put("hostStaffIds", List.of("host-1-ash-lea", "not-registered"));      // R4
        body.put("startsAt", SchedulingFixture.nextTuesday(14, 30).toString());      // R5: ends after 15:30
        body.put("endsAt", SchedulingFixture.nextTuesday(16, 0).toString());         // R6: 90 minutes
        body.put("meeting", Map.ofEntries(Map.entry("waitingRoom", false), Map.entry("lockAfterStart", true),
                Map.entry("muteOnEntry", true), Map.entry("hostOnlyScreenShare", true),
                Map.entry("hostOnlyRecording", true), Map.entry("hostOnlyChat", true),
                Map.entry("hostOnlyAnnotation", true), Map.entry("hostOnlyFileTransfer", true),
                Map.entry("participantsMayRename", false), Map.entry("breakoutRooms", true),
                Map.entry("removedMayRejoin", false)));                                // R9
        Map<String, Long> before = rowCounts();
        ASH_LEA.as(ASH_LEA.teacher()).body(body).post("/api/v1/sessions").then().statusCode(422)
                .contentType("application/problem+json")
                .body("rules", containsInAnyOrder("R4", "R5", "R6", "R9"))
                .body("violations.field", hasItem("hostStaffIds[1]"))
                .body("violations.field", hasItem("meeting.breakoutRooms"));
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void r7AtMostNSessionsPerPupilPerWeek() {
        UUID pupil = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            ASH_LEA.schedule("GROUP", List.of(pupil), false);
        }
        ASH_LEA.as(ASH_LEA.teacher()).body(ASH_LEA.session("GROUP", List.of(pupil), false)).post("/api/v1/sessions")
                .then().statusCode(422).body("rules", containsInAnyOrder("R7"))
                .body("violations[0].field", equalTo("pupilIds[0]"));
    }

    @Test
    void anotherSchoolsSessionAnswers404() {
        String session = ASH_LEA.schedule("GROUP", List.of(UUID.randomUUID()), false);
        AVANTI.as(AVANTI.teacher()).get("/api/v1/sessions/{id}", session).then().statusCode(404)
                .body("type", equalTo("urn:chaperone:problem:not-found"));
        AVANTI.as(AVANTI.teacher()).post("/api/v1/sessions/{id}/invites", session).then().statusCode(404);
        AVANTI.as(AVANTI.teacher()).post("/api/v1/sessions/{id}/cancellation", session).then().statusCode(404);
        AVANTI.as(AVANTI.teacher()).body(ASH_LEA.session("GROUP", List.of(UUID.randomUUID()), false))
                .post("/api/v1/sessions").then().statusCode(404);
        AVANTI.as(AVANTI.teacher()).get("/api/v1/policies/ash-lea").then().statusCode(404);
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/sessions/{id}", session).then().statusCode(200);
    }

    @Test
    void staffCannotApproveAOneToOneNorEditPolicy() {
        String session = ASH_LEA.schedule("ONE_TO_ONE", List.of(UUID.randomUUID()), false);
        ASH_LEA.as(ASH_LEA.teacher()).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/sessions/{id}/approval", session).then().statusCode(403)
                .contentType("application/problem+json");
        ASH_LEA.as(ASH_LEA.teacher()).body(Map.of()).put("/api/v1/policies/ash-lea").then().statusCode(403);
        ASH_LEA.as(Tokens.parent(UUID.randomUUID(), "ash-lea")).get("/api/v1/sessions/{id}", session).then()
                .statusCode(403);
        given().get("/api/v1/sessions/{id}", session).then().statusCode(401);
        ASH_LEA.as(ASH_LEA.headteacher()).body(Map.of("decision", "DECLINED", "reason", "Parent not available"))
                .post("/api/v1/sessions/{id}/approval", session).then().statusCode(200)
                .body("status", equalTo("DECLINED"));
    }

    @Test
    void policyChangesAreVersionedAndSessionsRecordTheirVersion() {
        int version = ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/policies/ash-lea").then().statusCode(200)
                .extract().path("version");
        String session = ASH_LEA.schedule("GROUP", List.of(UUID.randomUUID()), false);
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/sessions/{id}", session).then()
                .body("policyVersion", equalTo(version));
        ASH_LEA.setUp();
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/policies/ash-lea").then().body("version", equalTo(version + 1));
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/sessions/{id}", session).then()
                .body("policyVersion", equalTo(version));
    }

    static Stream<Arguments> badInputs() {
        String start = SchedulingFixture.nextTuesday(10, 0).toString();
        String end = SchedulingFixture.nextTuesday(10, 45).toString();
        String hosts = "[\"host-1-ash-lea\",\"host-2-ash-lea\"]";
        String pupil = "[\"" + UUID.randomUUID() + "\"]";
        return Stream.of(
                bad(session(start, end, hosts, pupil, ",\"endsAt\":\"" + start + "\""), 400, "endsAt"),
                bad(session(start, end, hosts, pupil, ",\"endsAt\":\"" + SchedulingFixture.nextTuesday(9, 0) + "\""),
                        400, "endsAt"),
                bad(session(start, end, hosts, pupil, ",\"startsAt\":\"" + Instant.now().minusSeconds(86_400)
                        + "\",\"endsAt\":\"" + Instant.now().minusSeconds(84_000) + "\""), 400, "startsAt"),
                bad(session(start, end, hosts, pupil, ",\"startsAt\":\"tuesday morning\""), 400, "startsAt"),
                bad(session(start, end, hosts, "[]", ""), 400, "pupilIds"),
                bad(session(start, end, hosts, ids(61), ""), 400, "pupilIds"),
                bad(session(start, end, hosts, "[\"not-a-uuid\"]", ""), 400, "pupilIds[0]"),
                bad(session(start, end, hosts, "[null]", ""), 400, "pupilIds[0]"),
                bad(session(start, end, "[]", pupil, ""), 400, "hostStaffIds"),
                bad(session(start, end, "[\"host-1-ash-lea\",\"host-1-ash-lea\"]", pupil, ""), 400,
                        "hostStaffIds[1]"),
                bad(session(start, end, "[\"has space\"]", pupil, ""), 400, "hostStaffIds[0]"),
                bad(session(start, end, hosts, pupil, ",\"kind\":\"WEBINAR\""), 400, "kind"),
                bad(session(start, end, hosts, pupil, ",\"title\":\"\""), 400, "title"),
                bad(session(start, end, hosts, pupil, ",\"title\":\"" + "x".repeat(201) + "\""), 400, "title"),
                bad(session(start, end, hosts, pupil, ",\"recorded\":\"sometimes\""), 400, "recorded"),
                bad(session(start, end, hosts, pupil, ",\"passcode\":\"123456\""), 400, "passcode"),
                bad(session(start, end, hosts, pupil, ",\"meeting\":{\"waitingRoom\":true}"), 400,
                        "meeting.lockAfterStart"),
                bad(session(start, end, hosts, pupil, ",\"schoolId\":\"ash lea\""), 400, "schoolId"),
                bad("{\"schoolId\":\"ash-lea\",", 400, "body"),
                bad("", 400, "body"),
                bad("[]", 400, "body"),
                bad(session(start, end, hosts, pupil, ",\"hostStaffIds\":[\"host-1-ash-lea\",\"stranger\"]"), 422,
                        "hostStaffIds[1]"));
    }

    @ParameterizedTest(name = "[{index}] {1} naming {2}")
    @MethodSource("badInputs")
    void badSessionRequestsAnswerAProblemAndWriteNothing(String body, int status, String field) {
        Map<String, Long> before = rowCounts();
        Response response = ASH_LEA.as(ASH_LEA.teacher()).body(body).post("/api/v1/sessions");
        response.then().statusCode(status).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void otherBadInputsAreNamedToo() {
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/sessions?schoolId=ash-lea&from=2027-01-01T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z").then().statusCode(400).body("violations[0].field", equalTo("to"));
        ASH_LEA.as(ASH_LEA.teacher()).get("/api/v1/sessions?schoolId=ash-lea&from=yesterday&to=today").then()
                .statusCode(400).body("violations.field", hasItem("from"));
        ASH_LEA.as(ASH_LEA.schoolApp()).body(Map.of("dbsCheckedOn", "2099-01-01", "slt", false, "headteacher", false))
                .put("/api/v1/staff/ash-lea/t-9").then().statusCode(400)
                .body("violations[0].field", equalTo("dbsCheckedOn"));
        ASH_LEA.as(ASH_LEA.trustAdmin()).body(Map.of("timeZone", "Europe/London")).put("/api/v1/policies/ash-lea")
                .then().statusCode(400).body("violations.field", hasItem("meeting"));
        ASH_LEA.as(ASH_LEA.teacher()).body(Map.of("decision", "MAYBE"))
                .post("/api/v1/sessions/{id}/approval", UUID.randomUUID()).then().statusCode(403);
        ASH_LEA.as(ASH_LEA.headteacher()).body(Map.of("decision", "DECLINED"))
                .post("/api/v1/sessions/{id}/approval", ASH_LEA.schedule("ONE_TO_ONE", List.of(UUID.randomUUID()),
                        false)).then().statusCode(400).body("violations[0].field", equalTo("reason"));
    }

    private static String session(String start, String end, String hosts, String pupils, String extra) {
        return "{\"schoolId\":\"ash-lea\",\"kind\":\"GROUP\",\"title\":\"Maths\",\"startsAt\":\"" + start
                + "\",\"endsAt\":\"" + end + "\",\"hostStaffIds\":" + hosts + ",\"pupilIds\":" + pupils + extra + "}";
    }

    private static String ids(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static Arguments bad(String body, int status, String field) {
        return Arguments.of(body, status, field);
    }

    @Transactional
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"session", "session_host", "session_participant", "outbox_event",
            "idempotency_record"}) {
            counts.put(table, ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                    .getSingleResult()).longValue());
        }
        return counts;
    }
}
