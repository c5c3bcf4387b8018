package org.chaperone.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind answers a 4xx problem response that names the field, never a 5xx, and writes nothing: no
 * concern, no chronology entry, no audit record, no event in the outbox. {SCHOOL} is a school of this test's own,
 * {CONCERN} a concern of it raised before each case.
 */
@QuarkusTest
class BadInputTest {

    static final String TEACHER = "teacher";
    static final String DSL = "dsl";
    static final String PARENT = "parent";
    static final String TRUST_LEAD = "trust-lead";
    static final String SCHOOL_APP = "school-app";
    static final String TOMORROW = java.time.LocalDate.now().plusDays(2).toString();
    static final String DOB = "/api/v1/child-protection/pupils/" + UUID.randomUUID() + "/date-of-birth";
    static final String CHRONOLOGY = "/api/v1/child-protection/pupils/{PUPIL}/chronology";
    static final String FILE = "/api/v1/child-protection/pupils/{PUPIL}/file";
    static final String PUPIL_ID = UUID.randomUUID().toString();
    static final String PAST = Instant.now().minusSeconds(3_600).toString();
    static final String FUTURE = Instant.now().plusSeconds(86_400).toString();
    static final String PUPIL = "\"" + PUPIL_ID + "\"";
    static final String OTHER_PUPIL = UUID.randomUUID().toString();

    @Inject
    EntityManager entityManager;

    final SchoolConcerns school = SchoolConcerns.fresh();
    UUID concern;

    @BeforeEach
    void aConcern() {
        concern = school.raise(school.teacher(), school.concern("DISCLOSURE", false, List.of(UUID.fromString(PUPIL_ID))));
    }

    /** A valid concern with one field replaced (or, with a null value, removed). */
    static String raise(String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("schoolId", "\"{SCHOOL}\"");
        fields.put("category", "\"DISCLOSURE\"");
        fields.put("whatHappened", "\"The pupil said something worrying\"");
        fields.put("occurredAt", "\"" + PAST + "\"");
        fields.put("pupilIds", "[" + PUPIL + "]");
        fields.put("immediateRisk", "false");
        if (json == null) {
            fields.remove(field);
        } else {
            fields.put(field, json);
        }
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A JSON object with one more field. */
    static String with(String json, String field) {
        return json.substring(0, json.length() - 1) + "," + field + "}";
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // raising a concern
                bad(TEACHER, "POST", "/api/v1/concerns", raise("schoolId", null), 400, "schoolId"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("schoolId", "\"linden primary!\""), 400, "schoolId"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("category", null), 400, "category"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("category", "\"GOSSIP\""), 400, "category"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("whatHappened", "\"   \""), 400, "whatHappened"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("whatHappened", "\"" + "x".repeat(20_001) + "\""), 400,
                        "whatHappened"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("occurredAt", null), 400, "occurredAt"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("occurredAt", "\"yesterday\""), 400, "occurredAt"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("occurredAt", "\"" + FUTURE + "\""), 400, "occurredAt"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("immediateRisk", null), 400, "immediateRisk"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("immediateRisk", "\"perhaps\""), 400, "immediateRisk"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilIds", "[\"pupil-7\"]"), 400, "pupilIds[0]"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilIds", "[null]"), 400, "pupilIds[0]"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilIds", "[" + PUPIL + "," + PUPIL + "]"), 400,
                        "pupilIds[1]"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilIds", manyIds(61)), 400, "pupilIds"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilIds", "[]"), 400, "pupilIds"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("sessionId", "\"session-1\""), 400, "sessionId"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("actionsTaken", "\"" + "x".repeat(5_001) + "\""), 400,
                        "actionsTaken"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("category", "\"STAFF_CONDUCT\""), 400,
                        "concernsStaffId"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("concernsStaffId", "\"staff-0042\""), 400,
                        "concernsStaffId"),
                bad(TEACHER, "POST", "/api/v1/concerns", with(raise("category", "\"STAFF_CONDUCT\""),
                        "\"concernsStaffId\":\"has space\""), 400, "concernsStaffId"),
                bad(TEACHER, "POST", "/api/v1/concerns", with(raise("category", "\"STAFF_CONDUCT\""),
                        "\"concernsStaffId\":\"teacher-{SCHOOL}\""), 400, "concernsStaffId"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilName", "\"Ann Bee\""), 400, "pupilName"),
                bad(TEACHER, "POST", "/api/v1/concerns", "{\"schoolId\":\"{SCHOOL}\",", 400, "body"),
                bad(TEACHER, "POST", "/api/v1/concerns", "", 400, "body"),
                bad(TEACHER, "POST", "/api/v1/concerns", "[1,2,3]", 400, "body"),
                bad(PARENT, "POST", "/api/v1/concerns", raise("category", "\"DISCLOSURE\""), 422, "category"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("schoolId", "\"another-school\""), 404, null),
                // the DSL's workflow
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/risk-assessments",
                        "{\"severity\":\"EXTREME\",\"rationale\":\"x\"}", 400, "severity"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/risk-assessments", "{\"severity\":\"HIGH\"}", 422,
                        "rationale"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/risk-assessments",
                        "{\"severity\":\"HIGH\",\"rationale\":\"" + "x".repeat(5_001) + "\"}", 400, "rationale"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/actions",
                        "{\"action\":\"TEA_AND_BISCUITS\",\"reason\":\"x\"}", 400, "action"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/actions",
                        "{\"action\":\"EARLY_HELP\",\"reason\":\"x\",\"takenAt\":\"" + FUTURE + "\"}", 400, "takenAt"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/actions", "{\"action\":\"EARLY_HELP\"}", 422, "reason"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/closure", "{\"rationale\":\"done\"}", 400, "outcome"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/closure", "{\"outcome\":\"UNFOUNDED\"}", 422,
                        "rationale"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/reopening", "{\"reason\":\"again\"}", 409, "status"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/closure", null, 400, "body"),
                bad(DSL, "POST", "/api/v1/concerns/" + UUID.randomUUID() + "/closure",
                        "{\"outcome\":\"UNFOUNDED\",\"rationale\":\"x\"}", 404, null),
                // reads
                bad(DSL, "GET", "/api/v1/concerns/{CONCERN}", null, 400, "reason"),
                bad(DSL, "GET", "/api/v1/concerns/{CONCERN}?reason=", null, 400, "reason"),
                bad(DSL, "GET", "/api/v1/concerns/{CONCERN}/chronology?reason=" + "x".repeat(501), null, 400, "reason"),
                bad(DSL, "GET", "/api/v1/concerns?schoolId={SCHOOL}&limit=5000&reason=x", null, 400, "limit"),
                bad(DSL, "GET", "/api/v1/concerns?reason=x", null, 400, "schoolId"),
                bad(DSL, "GET", "/api/v1/concerns?schoolId={SCHOOL}&status=DONE&reason=x", null, 400, "status"),
                bad(DSL, "GET", "/api/v1/concerns/not-a-uuid?reason=x", null, 404, null),
                bad(TRUST_LEAD, "GET", "/api/v1/access-audit?incidentId=nope", null, 400, "incidentId"),
                bad(TRUST_LEAD, "GET", "/api/v1/access-audit?schoolId=no%20such!", null, 400, "schoolId"),
                bad(TRUST_LEAD, "GET", "/api/v1/access-audit?pupilId=pupil-7", null, 400, "pupilId"),
                // dates of birth sent with a concern (R16)
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "{" + PUPIL + ":\"31/02/2015\"}"),
                        400, "pupilDatesOfBirth." + PUPIL_ID),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "{" + PUPIL + ":\"" + TOMORROW
                        + "\"}"), 400, "pupilDatesOfBirth." + PUPIL_ID),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "{" + PUPIL + ":\"1950-01-01\"}"),
                        400, "pupilDatesOfBirth." + PUPIL_ID),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "{\"" + OTHER_PUPIL
                        + "\":\"2016-01-01\"}"), 400, "pupilDatesOfBirth." + OTHER_PUPIL),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "{\"pupil-7\":\"2016-01-01\"}"),
                        400, "pupilDatesOfBirth"),
                bad(TEACHER, "POST", "/api/v1/concerns", raise("pupilDatesOfBirth", "[\"2016-01-01\"]"), 400,
                        "pupilDatesOfBirth"),
                // linking (R15)
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-concerns", "{\"reason\":\"x\"}", 400,
                        "concernId"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-concerns",
                        "{\"concernId\":\"concern-7\",\"reason\":\"x\"}", 400, "concernId"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-concerns",
                        "{\"concernId\":\"{CONCERN}\",\"reason\":\"x\"}", 400, "concernId"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-concerns", "{\"concernId\":\"" + OTHER_PUPIL
                        + "\"}", 422, "reason"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-concerns", "{\"concernId\":\"" + OTHER_PUPIL
                        + "\",\"reason\":\"x\"}", 404, null),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-pupils", "{\"reason\":\"x\"}", 400, "pupilId"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-pupils",
                        "{\"pupilId\":[1],\"reason\":\"x\"}", 400, "pupilId"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-pupils", "{\"pupilId\":\"" + OTHER_PUPIL
                        + "\",\"reason\":\"" + "x".repeat(5_001) + "\"}", 400, "reason"),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-pupils", "{\"pupilId\":\"" + OTHER_PUPIL
                        + "\",\"reason\":\"a stranger\"}", 404, null),
                bad(DSL, "POST", "/api/v1/concerns/{CONCERN}/linked-pupils", "{\"pupilId\":" + PUPIL
                        + ",\"reason\":\"already named\"}", 409, "pupilId"),
                // a pupil's date of birth (R16)
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"" + TOMORROW + "\"}",
                        400, "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"1950-06-01\"}", 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"2015-13-01\"}", 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"01/02/2015\"}", 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":20150201}", 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\"}", 400, "dateOfBirth"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"dateOfBirth\":\"2015-02-01\"}", 400, "schoolId"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"2015-02-01\","
                        + "\"name\":\"Ann Bee\"}", 400, "name"),
                bad(SCHOOL_APP, "PUT", DOB, "{\"schoolId\":\"another-school\",\"dateOfBirth\":\"2015-02-01\"}",
                        404, null),
                bad(SCHOOL_APP, "PUT", "/api/v1/child-protection/pupils/pupil-7/date-of-birth",
                        "{\"schoolId\":\"{SCHOOL}\",\"dateOfBirth\":\"2015-02-01\"}", 404, null),
                bad(SCHOOL_APP, "PUT", DOB, null, 400, "body"),
                // a pupil's chronology and file
                bad(DSL, "GET", CHRONOLOGY + "?reason=x", null, 400, "schoolId"),
                bad(DSL, "GET", CHRONOLOGY + "?schoolId=no%20such!&reason=x", null, 400, "schoolId"),
                bad(DSL, "GET", CHRONOLOGY + "?schoolId={SCHOOL}", null, 400, "reason"),
                bad(DSL, "GET", CHRONOLOGY.replace("{PUPIL}", OTHER_PUPIL) + "?schoolId={SCHOOL}&reason=x", null, 404,
                        null),
                bad(DSL, "GET", CHRONOLOGY + "?schoolId=another-school&reason=x", null, 404, null),
                bad(DSL, "GET", FILE + "?schoolId={SCHOOL}", null, 400, "reason"),
                bad(DSL, "GET", FILE + "?reason=transfer", null, 400, "schoolId"),
                bad(DSL, "GET", FILE + ".html?schoolId={SCHOOL}&reason=" + "x".repeat(501), null, 400, "reason"),
                bad(DSL, "GET", FILE.replace("{PUPIL}", OTHER_PUPIL) + ".html?schoolId={SCHOOL}&reason=x", null, 404,
                        null),
                // the retention review
                bad(DSL, "GET", "/api/v1/child-protection/retention-review?schoolId={SCHOOL}", null, 400, "reason"),
                bad(DSL, "GET", "/api/v1/child-protection/retention-review?limit=0&reason=x", null, 400, "limit"),
                bad(DSL, "GET", "/api/v1/child-protection/retention-review?offset=-1&reason=x", null, 400, "offset"),
                bad(DSL, "GET", "/api/v1/child-protection/retention-review?schoolId=no%20such!&reason=x", null, 400,
                        "schoolId"),
                bad(DSL, "GET", "/api/v1/child-protection/retention-review?schoolId=another-school&reason=x", null, 404,
                        null));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} as {0} -> {4} naming {5}")
    @MethodSource("badInputs")
    void answersAProblemNamingTheFieldAndWritesNothing(String role, String method, String path, String body,
            int status, String field) {
        Map<String, Long> before = rowCounts();
        var request = given().auth().oauth2(token(role)).contentType("application/json");
        if (body != null) {
            request.body(fill(body));
        }
        Response response = request.request(method, fill(path));
        response.then().statusCode(status)
                .contentType("application/problem+json")
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
        if (field != null) {
            response.then().body("violations.field", hasItem(field));
        }
        assertThat(rowCounts()).as("nothing written").isEqualTo(before);
    }

    private String token(String role) {
        return switch (role) {
            case DSL -> school.dsl();
            case PARENT -> school.parent(UUID.randomUUID());
            case TRUST_LEAD -> SchoolConcerns.trustLead();
            case SCHOOL_APP -> school.schoolApp();
            default -> school.teacher();
        };
    }

    private String fill(String text) {
        return text.replace("{SCHOOL}", school.school).replace("{CONCERN}", concern.toString())
                .replace("{PUPIL}", PUPIL_ID);
    }

    @Transactional
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"incident", "incident_pupil", "incident_linked_pupil", "chronology_entry",
            "access_audit", "pupil_reference", "outbox_event", "idempotency_record"}) {
            counts.put(table, ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                    .getSingleResult()).longValue());
        }
        return counts;
    }

    static String manyIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    static Arguments bad(String role, String method, String path, String body, int status, String field) {
        return Arguments.of(role, method, path, body, status, field);
    }
}
