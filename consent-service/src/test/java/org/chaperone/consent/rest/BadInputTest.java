package org.chaperone.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * Bad input of every kind answers a 4xx problem response that names the field, never a 5xx, and writes
 * nothing: no row in any table, no event in the outbox. {PUPIL} and {GUARDIAN} stand for a real family.
 */
@QuarkusTest
class BadInputTest {

    static final String PARENT = "parent";
    static final String OFFICE = "office";
    static final String TEACHER = "teacher";
    static final String SCHOOL_APP = "school-app";
    static final String PAST = Instant.now().minusSeconds(86_400).toString();
    static final String FUTURE = Instant.now().plusSeconds(86_400).toString();
    static final String EVIDENCE = "{\"channel\":\"EMAIL\",\"reference\":\"<m1@mail.example>\",\"receivedAt\":\""
            + PAST + "\",\"text\":\"yes\"}";
    static final String PUPIL_BODY = "{\"schoolId\":\"linden-primary\",\"misId\":\"M-%s\",\"upn\":\"%s\","
            + "\"givenName\":\"Ann\",\"familyName\":\"Bee\",\"dateOfBirth\":\"%s\"%s}";
    static final String GRANT = "\"pupilId\":\"{PUPIL}\",\"scope\":\"STANDING\",\"decision\":\"GRANTED\"";

    @Inject
    EntityManager entityManager;

    final SchoolFixture linden = SchoolFixture.school("linden-primary");
    UUID pupil;
    UUID guardian;

    @BeforeEach
    void family() {
        UUID[] family = linden.family();
        pupil = family[0];
        guardian = family[1];
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // pupils, from the school app
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "2016-01-01", ",\"upn\":null"),
                        400, "upn"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("A801200005001", "2016-01-01", ""), 400, "upn"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B80120000500", "2016-01-01", ""), 400, "upn"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "yesterday", ""), 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "2099-01-01", ""), 400,
                        "dateOfBirth"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "2016-01-01",
                        ",\"schoolId\":\"linden primary!\""), 400, "schoolId"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "2016-01-01",
                        ",\"givenName\":\"" + "x".repeat(101) + "\""), 400, "givenName"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", pupilBody("B801200005001", "2016-01-01",
                        ",\"email\":\"ann@example.org\""), 400, "email"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", "{\"schoolId\":\"linden-primary\",", 400, "body"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", "[1,2,3]", 400, "body"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", "", 400, "body"),
                bad(SCHOOL_APP, "POST", "/api/v1/pupils", "{\"schoolId\":42}", 400, "misId"),
                bad(SCHOOL_APP, "PUT", "/api/v1/pupils/{PUPIL}/guardians/{GUARDIAN}",
                        "{\"relationship\":\"UNCLE\",\"parentalResponsibility\":true,\"restriction\":\"NONE\"}", 400,
                        "relationship"),
                bad(SCHOOL_APP, "PUT", "/api/v1/pupils/{PUPIL}/guardians/{GUARDIAN}",
                        "{\"relationship\":\"MOTHER\",\"parentalResponsibility\":\"perhaps\",\"restriction\":\"NONE\"}",
                        400, "parentalResponsibility"),
                bad(SCHOOL_APP, "PUT", "/api/v1/pupils/not-a-uuid/guardians/{GUARDIAN}",
                        "{\"relationship\":\"MOTHER\",\"parentalResponsibility\":true,\"restriction\":\"NONE\"}", 404,
                        null),
                // decisions, from the parent app
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"SWIMMING\"}", 400, "purpose"),
                bad(PARENT, "POST", "/api/v1/consents", "{\"pupilId\":\"{PUPIL}\",\"scope\":\"STANDING\","
                        + "\"purpose\":\"LIVE_VIDEO\"}", 400, "decision"),
                bad(PARENT, "POST", "/api/v1/consents", "{\"pupilId\":\"pupil-7\",\"scope\":\"STANDING\","
                        + "\"decision\":\"GRANTED\",\"purpose\":\"LIVE_VIDEO\"}", 400, "pupilId"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"RECORDING\"}", 400, "recording"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"RECORDING\","
                        + "\"recording\":{\"purpose\":\"Catch-up\"}}", 400, "recording.retentionDays"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"RECORDING\","
                        + "\"recording\":{\"purpose\":\"Catch-up\",\"retentionDays\":0}}", 400,
                        "recording.retentionDays"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"recording\":{\"purpose\":\"Catch-up\",\"retentionDays\":30}}", 400, "recording"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\",\"expiresAt\":\""
                        + PAST + "\"}", 400, "expiresAt"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"expiresAt\":\"next tuesday\"}", 400, "expiresAt"),
                bad(PARENT, "POST", "/api/v1/consents", "{\"pupilId\":\"{PUPIL}\",\"scope\":\"SESSION\","
                        + "\"decision\":\"GRANTED\",\"purpose\":\"LIVE_VIDEO\"}", 400, "sessionId"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\",\"evidence\":"
                        + EVIDENCE + "}", 400, "evidence"),
                bad(PARENT, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\"}", 400, "guardianId"),
                // decisions recorded by the office
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\"}", 400, "evidence"),
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\"," + "\"evidence\":"
                        + EVIDENCE + "}", 400, "guardianId"),
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\",\"evidence\":" + EVIDENCE.replace("EMAIL", "PARENT_APP")
                        + "}", 400, "evidence.channel"),
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\",\"evidence\":" + EVIDENCE.replace(PAST, FUTURE) + "}", 400,
                        "evidence.receivedAt"),
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\",\"evidence\":" + EVIDENCE.replace("\"yes\"", "\"  \"") + "}",
                        400, "evidence.text"),
                bad(OFFICE, "POST", "/api/v1/consents", "{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\","
                        + "\"guardianId\":\"{GUARDIAN}\",\"evidence\":" + EVIDENCE.replace("\"EMAIL\"", "\"PIGEON\"")
                        + "}", 400, "evidence.channel"),
                // consent requests and status, from staff
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody("[]", ""), 400, "pupilIds"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody(manyIds(501), ""), 400, "pupilIds"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody("[null]", ""), 400, "pupilIds[0]"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody("[\"{PUPIL}\",\"{PUPIL}\"]", ""), 400,
                        "pupilIds[1]"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody("[\"" + UUID.randomUUID() + "\"]", ""),
                        400, "pupilIds[0]"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", requestBody("[\"{PUPIL}\"]",
                        ",\"respondBy\":\"" + PAST + "\""), 400, "respondBy"),
                bad(TEACHER, "POST", "/api/v1/consent-requests", "{\"schoolId\":\"linden-primary\",\"purpose\":"
                        + "\"RECORDING\",\"scope\":\"STANDING\",\"pupilIds\":[\"{PUPIL}\"]}", 400, "recording"),
                bad(TEACHER, "POST", "/api/v1/consent-status", "{\"schoolId\":\"linden-primary\","
                        + "\"pupilIds\":[\"{PUPIL}\"]}", 400, "purpose"),
                bad(TEACHER, "GET", "/api/v1/pupils?schoolId=linden-primary&limit=5000", null, 400, "limit"),
                bad(TEACHER, "GET", "/api/v1/pupils", null, 400, "schoolId"));
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

    @ParameterizedTest(name = "[{index}] Idempotency-Key {0}")
    @MethodSource("badKeys")
    void malformedIdempotencyKeyIsNamed(String key) {
        Map<String, Long> before = rowCounts();
        given().auth().oauth2(token(PARENT)).contentType("application/json").header("Idempotency-Key", key)
                .body(fill("{" + GRANT + ",\"purpose\":\"LIVE_VIDEO\"}")).post("/api/v1/consents")
                .then().statusCode(400).body("violations.field", hasItem("Idempotency-Key"));
        assertThat(rowCounts()).isEqualTo(before);
    }

    static Stream<String> badKeys() {
        return Stream.of("x".repeat(256), "has space");
    }

    private String token(String role) {
        return switch (role) {
            case PARENT -> linden.parent(guardian);
            case OFFICE -> linden.office();
            case TEACHER -> linden.teacher();
            default -> linden.schoolApp();
        };
    }

    private String fill(String text) {
        return text.replace("{PUPIL}", pupil.toString()).replace("{GUARDIAN}", guardian.toString());
    }

    @Transactional
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : new String[] {"pupil", "guardian", "guardian_link", "consent_request",
            "consent_request_pupil", "consent_decision", "outbox_event", "idempotency_record"}) {
            counts.put(table, ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                    .getSingleResult()).longValue());
        }
        return counts;
    }

    private static Arguments bad(String role, String method, String path, String body, int status, String field) {
        return Arguments.of(role, method, path, body, status, field);
    }

    /** A valid pupil but for {@code upn} and {@code dateOfBirth}; {@code extra} fields come last and win. */
    private static String pupilBody(String upn, String dateOfBirth, String extra) {
        return String.format(PUPIL_BODY, UUID.randomUUID(), upn, dateOfBirth, extra);
    }

    private static String requestBody(String pupilIds, String extra) {
        return "{\"schoolId\":\"linden-primary\",\"purpose\":\"LIVE_VIDEO\",\"scope\":\"STANDING\",\"pupilIds\":"
                + pupilIds + extra + "}";
    }

    private static String manyIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }
}
