package org.chaperone.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Contact points and the rota through the API: round trips, validation that writes nothing, tenancy and roles. */
@QuarkusTest
class ContactPointAndRotaTest {

    static final NotificationFixture BIRCH = new NotificationFixture("birch");
    static final NotificationFixture CEDAR = new NotificationFixture("cedar");
    static final String GUARDIAN = UUID.randomUUID().toString();

    @Inject
    EntityManager entityManager;

    @Test
    void aContactPointIsCreatedReadReplacedAndErased() {
        String path = "/api/v1/contact-points/{school}/GUARDIAN/{id}";
        BIRCH.as(BIRCH.schoolApp()).body(Map.of("email", "Parent.One@Example.ORG", "mobile", "+447700900123",
                        "appWebhookUrl", "https://parent-app.example.org/hooks/42"))
                .put(path, BIRCH.school, GUARDIAN).then().statusCode(200)
                .body("schoolId", equalTo(BIRCH.school)).body("personType", equalTo("GUARDIAN"))
                .body("personId", equalTo(GUARDIAN)).body("email", equalTo("Parent.One@example.org"))
                .body("mobile", equalTo("+447700900123"));
        BIRCH.as(BIRCH.schoolApp()).get(path, BIRCH.school, GUARDIAN.toUpperCase()).then().statusCode(200)
                .body("appWebhookUrl", equalTo("https://parent-app.example.org/hooks/42"));
        BIRCH.as(BIRCH.schoolApp()).body(Map.of("mobile", "+447700900999")).put(path, BIRCH.school, GUARDIAN).then()
                .statusCode(200).body("email", nullValue()).body("mobile", equalTo("+447700900999"));
        assertThat(count("contact_point where person_id = '" + GUARDIAN + "'")).isEqualTo(1);

        BIRCH.as(BIRCH.schoolApp()).body(Map.of("email", "staff@example.org"))
                .put("/api/v1/contact-points/{school}/STAFF/{id}", BIRCH.school, "t-17").then().statusCode(200)
                .body("personType", equalTo("STAFF"));

        BIRCH.as(BIRCH.schoolApp()).delete(path, BIRCH.school, GUARDIAN).then().statusCode(204);
        BIRCH.as(BIRCH.schoolApp()).get(path, BIRCH.school, GUARDIAN).then().statusCode(404)
                .contentType("application/problem+json");
        BIRCH.as(BIRCH.schoolApp()).delete(path, BIRCH.school, GUARDIAN).then().statusCode(404);
    }

    @Test
    void anotherSchoolsContactPointAnswers404AndOnlyTheSchoolAppMayTouchThem() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/contact-points/{school}/GUARDIAN/{id}";
        BIRCH.as(BIRCH.schoolApp()).body(Map.of("email", "g@example.org")).put(path, BIRCH.school, id).then()
                .statusCode(200);
        CEDAR.as(CEDAR.schoolApp()).get(path, BIRCH.school, id).then().statusCode(404)
                .body("type", equalTo("urn:chaperone:problem:not-found")).body(not(containsString("g@example.org")));
        CEDAR.as(CEDAR.schoolApp()).body(Map.of("email", "x@example.org")).put(path, BIRCH.school, id).then()
                .statusCode(404);
        CEDAR.as(CEDAR.schoolApp()).delete(path, BIRCH.school, id).then().statusCode(404);
        for (String role : List.of("staff", "dsl", "headteacher", "office", "parent", "slt")) {
            BIRCH.as(BIRCH.staff(role)).get(path, BIRCH.school, id).then().statusCode(403)
                    .contentType("application/problem+json");
            BIRCH.as(BIRCH.staff(role)).body(Map.of("email", "x@example.org")).put(path, BIRCH.school, id).then()
                    .statusCode(403);
        }
        given().get(path, BIRCH.school, id).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.subject("mis").roles("school-app").schools(BIRCH.school).expired().sign())
                .get(path, BIRCH.school, id).then().statusCode(401);
        given().auth().oauth2(Tokens.subject("mis").roles("school-app").schools(BIRCH.school).signWithUntrustedKey())
                .get(path, BIRCH.school, id).then().statusCode(401);
        given().auth().oauth2(Tokens.subject("mis").roles("school-app").schools(BIRCH.school).unsigned())
                .get(path, BIRCH.school, id).then().statusCode(401);
        BIRCH.as(BIRCH.schoolApp()).get(path, BIRCH.school, id).then().statusCode(200)
                .body("email", equalTo("g@example.org"));
    }

    static Stream<Arguments> badContactPoints() {
        String guardian = "/GUARDIAN/" + UUID.randomUUID();
        return Stream.of(
                bad(guardian, "{}", "email"),
                bad(guardian, "{\"email\":null,\"mobile\":null}", "email"),
                bad(guardian, "{\"email\":\"not-an-address\"}", "email"),
                bad(guardian, "{\"email\":\"two@@example.org\"}", "email"),
                bad(guardian, "{\"email\":\"Mum <mum@example.org>\"}", "email"),
                bad(guardian, "{\"email\":\"mum@example.org\\r\\nBcc: all@example.org\"}", "email"),
                bad(guardian, "{\"email\":\"" + "a".repeat(250) + "@example.org\"}", "email"),
                bad(guardian, "{\"email\":42}", "email"),
                bad(guardian, "{\"mobile\":\"07700 900123\"}", "mobile"),
                bad(guardian, "{\"mobile\":\"+0447700900123\"}", "mobile"),
                bad(guardian, "{\"mobile\":\"+44770090012345678\"}", "mobile"),
                bad(guardian, "{\"appWebhookUrl\":\"http://parent-app.example.org/hook\"}", "appWebhookUrl"),
                bad(guardian, "{\"appWebhookUrl\":\"https://user:pw@parent-app.example.org/\"}", "appWebhookUrl"),
                bad(guardian, "{\"appWebhookUrl\":\"not a url\"}", "appWebhookUrl"),
                bad(guardian, "{\"appWebhookUrl\":\"https://x.example.org/" + "a".repeat(2100) + "\"}",
                        "appWebhookUrl"),
                bad(guardian, "{\"email\":\"mum@example.org\",\"phone\":\"+447700900123\"}", "phone"),
                bad(guardian, "{\"email\":\"mum@example.org\"", "body"),
                bad(guardian, "[]", "body"),
                bad("/GUARDIAN/not-a-uuid", "{\"email\":\"mum@example.org\"}", "personId"),
                bad("/PUPIL/" + UUID.randomUUID(), "{\"email\":\"mum@example.org\"}", "personType"),
                bad("/STAFF/" + "x".repeat(256), "{\"email\":\"mum@example.org\"}", "personId"));
    }

    @ParameterizedTest(name = "[{index}] {1} naming {2}")
    @MethodSource("badContactPoints")
    void badContactPointsAnswerAProblemNamingTheFieldAndWriteNothing(String person, String body, String field) {
        long before = count("contact_point");
        Response response = BIRCH.as(BIRCH.schoolApp()).body(body)
                .put("/api/v1/contact-points/" + BIRCH.school + person);
        response.then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertThat(count("contact_point")).isEqualTo(before);
    }

    @Test
    void theRotaRoundTripsWithTheTrustLeadAndIsScopedAndRoleChecked() {
        Map<String, Object> rota = new LinkedHashMap<>();
        rota.put("dsl", "dsl-1");
        rota.put("deputyDsls", List.of("dep-1", "dep-2"));
        rota.put("headteacher", "head-1");
        rota.put("deputyHeadteachers", List.of("dh-1", "dh-2"));
        rota.put("slt", List.of("head-1", "slt-2"));
        rota.put("outOfHoursCover", "ooh-1");
        BIRCH.as(BIRCH.schoolApp()).body(rota).put("/api/v1/rota/{school}", BIRCH.school).then().statusCode(200)
                .body("dsl", equalTo("dsl-1")).body("deputyDsls", contains("dep-1", "dep-2"))
                .body("deputyHeadteachers", contains("dh-1", "dh-2"))
                .body("slt", contains("head-1", "slt-2")).body("outOfHoursCover", equalTo("ooh-1"))
                .body("trustSafeguardingLead", equalTo("trust-safeguarding-lead"))
                .body("updatedBy", equalTo("mis-" + BIRCH.school))
                .body("escalation.afterHigh", equalTo("PT15M")).body("escalation.afterImmediateRisk", equalTo("PT5M"))
                .body("escalation.schoolDays", contains("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
                .body("escalation.schoolDayStarts", equalTo("08:00")).body("escalation.schoolDayEnds", equalTo("18:00"));
        rota.put("escalation", Map.of("afterHigh", "PT10M", "afterImmediateRisk", "PT2M", "schoolDays",
                List.of("SATURDAY", "MONDAY"), "schoolDayStarts", "07:30"));
        BIRCH.as(BIRCH.schoolApp()).body(rota).put("/api/v1/rota/{school}", BIRCH.school).then().statusCode(200)
                .body("escalation.afterHigh", equalTo("PT10M")).body("escalation.afterLow", equalTo("PT30M"))
                .body("escalation.afterImmediateRisk", equalTo("PT2M"))
                .body("escalation.schoolDays", contains("MONDAY", "SATURDAY"))
                .body("escalation.schoolDayStarts", equalTo("07:30"));
        BIRCH.as(BIRCH.staff("dsl")).get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(200)
                .body("escalation.afterHigh", equalTo("PT10M"));
        rota.remove("escalation");
        BIRCH.as(BIRCH.staff("dsl")).get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(200)
                .body("headteacher", equalTo("head-1"));
        rota.put("deputyDsls", List.of());
        rota.remove("deputyHeadteachers");
        rota.remove("outOfHoursCover");
        BIRCH.as(BIRCH.staff("headteacher")).body(rota).put("/api/v1/rota/{school}", BIRCH.school).then()
                .statusCode(200).body("deputyDsls", org.hamcrest.Matchers.empty())
                .body("deputyHeadteachers", org.hamcrest.Matchers.empty())
                .body("outOfHoursCover", nullValue());

        CEDAR.as(CEDAR.staff("headteacher")).get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(404);
        CEDAR.as(CEDAR.schoolApp()).body(rota).put("/api/v1/rota/{school}", BIRCH.school).then().statusCode(404);
        CEDAR.as(CEDAR.schoolApp()).get("/api/v1/rota/{school}", CEDAR.school).then().statusCode(404);
        BIRCH.as(BIRCH.staff("staff")).get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(403);
        BIRCH.as(BIRCH.staff("dsl")).body(rota).put("/api/v1/rota/{school}", BIRCH.school).then().statusCode(403);
        BIRCH.as(BIRCH.staff("parent")).get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(403);
        given().get("/api/v1/rota/{school}", BIRCH.school).then().statusCode(401);
        BIRCH.as(Tokens.subject("trust-admin").roles("trust-admin").sign()).get("/api/v1/rota/{school}", BIRCH.school)
                .then().statusCode(200);
    }

    static Stream<Arguments> badRotas() {
        String ok = "\"headteacher\":\"head-1\",\"slt\":[\"slt-1\"]";
        return Stream.of(
                bad("", "{" + ok + "}", "dsl"),
                bad("", "{\"dsl\":null," + ok + "}", "dsl"),
                bad("", "{\"dsl\":\"has space\"," + ok + "}", "dsl"),
                bad("", "{\"dsl\":\"\"," + ok + "}", "dsl"),
                bad("", "{\"dsl\":\"dsl-1\",\"slt\":[]}", "headteacher"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyDsls\":[\"dsl-1\"]," + ok + "}", "deputyDsls[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyDsls\":[\"d-1\",\"d-1\"]," + ok + "}", "deputyDsls[1]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyDsls\":[null]," + ok + "}", "deputyDsls[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyDsls\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\","
                        + "\"j\",\"k\"]," + ok + "}", "deputyDsls"),
                bad("", "{\"dsl\":\"dsl-1\",\"headteacher\":\"head-1\",\"slt\":[\"s\",\"s\"]}", "slt[1]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":[\"head-1\"]," + ok + "}", "deputyHeadteachers[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":[\"dh\",\"dh\"]," + ok + "}",
                        "deputyHeadteachers[1]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":[null]," + ok + "}", "deputyHeadteachers[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":[\"two words\"]," + ok + "}",
                        "deputyHeadteachers[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":\"dh-1\"," + ok + "}", "deputyHeadteachers"),
                bad("", "{\"dsl\":\"dsl-1\",\"deputyHeadteachers\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\","
                        + "\"g\",\"h\",\"i\",\"j\",\"k\"]," + ok + "}", "deputyHeadteachers"),
                bad("", "{\"dsl\":\"dsl-1\",\"headteacher\":\"head-1\",\"slt\":\"s-1\"}", "slt"),
                bad("", "{\"dsl\":\"dsl-1\",\"outOfHoursCover\":\"two words\"," + ok + "}", "outOfHoursCover"),
                bad("", "{\"dsl\":\"dsl-1\",\"trustLead\":\"x\"," + ok + "}", "trustLead"),
                bad("", "{\"dsl\":\"dsl-1\"," + ok, "body"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterHigh\":\"PT0S\"}," + ok + "}",
                        "escalation.afterHigh"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterLow\":\"P2D\"}," + ok + "}",
                        "escalation.afterLow"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterCritical\":\"-PT5M\"}," + ok + "}",
                        "escalation.afterCritical"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterMedium\":\"PT1.5S\"}," + ok + "}",
                        "escalation.afterMedium"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterImmediateRisk\":\"soon\"}," + ok + "}",
                        "escalation.afterImmediateRisk"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"schoolDays\":[\"FUNDAY\"]}," + ok + "}",
                        "escalation.schoolDays[0]"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"schoolDayStarts\":\"25:00\"}," + ok + "}",
                        "escalation.schoolDayStarts"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"schoolDayStarts\":\"16:00\","
                        + "\"schoolDayEnds\":\"09:00\"}," + ok + "}", "escalation.schoolDayEnds"),
                bad("", "{\"dsl\":\"dsl-1\",\"escalation\":{\"afterNever\":\"PT5M\"}," + ok + "}",
                        "escalation.afterNever"),
                bad("", "", "body"));
    }

    @ParameterizedTest(name = "[{index}] {1} naming {2}")
    @MethodSource("badRotas")
    void badRotasAnswerAProblemNamingTheFieldAndWriteNothing(String ignored, String body, String field) {
        long before = count("safeguarding_rota");
        CEDAR.as(CEDAR.schoolApp()).body(body).put("/api/v1/rota/{school}", CEDAR.school).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertThat(count("safeguarding_rota")).isEqualTo(before);
    }

    @Test
    void aBadSchoolIdIsNamedToo() {
        BIRCH.as(Tokens.subject("trust-admin").roles("trust-admin").sign())
                .body(Map.of("dsl", "d", "headteacher", "h")).put("/api/v1/rota/{school}", "no spaces here!")
                .then().statusCode(400).body("violations[0].field", equalTo("schoolId"));
    }

    private static Arguments bad(String person, String body, String field) {
        return Arguments.of(person, body, field);
    }

    @Transactional
    long count(String from) {
        return ((Number) entityManager.createNativeQuery("select count(*) from " + from).getSingleResult()).longValue();
    }
}
