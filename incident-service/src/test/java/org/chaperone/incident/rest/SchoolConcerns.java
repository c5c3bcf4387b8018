package org.chaperone.incident.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.testkit.Tokens;

/**
 * A school of its own for each test (so lists hold only that test's concerns), its people's tokens, and concerns
 * raised through the API as the school's staff would.
 */
final class SchoolConcerns {

    static final String NARRATIVE = "During the maths lesson the pupil said an adult at home hit them with a belt";
    static final String ALREADY_DONE = "Reassured the pupil and wrote down their words verbatim";

    final String school;

    private SchoolConcerns(String school) {
        this.school = school;
    }

    static SchoolConcerns fresh() {
        return new SchoolConcerns("school-" + UUID.randomUUID().toString().substring(0, 8));
    }

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    String teacher() {
        return Tokens.staff("teacher-" + school, school, "staff");
    }

    String staff(String subject, String... roles) {
        return Tokens.staff(subject, school, roles);
    }

    String dsl() {
        return Tokens.staff("dsl-" + school, school, "dsl");
    }

    String deputyDsl() {
        return Tokens.staff("deputy-dsl-" + school, school, "deputy-dsl");
    }

    String headteacher() {
        return Tokens.staff("head-" + school, school, "headteacher");
    }

    String parent(UUID guardian) {
        return Tokens.parent(guardian, school);
    }

    static String trustLead() {
        return Tokens.subject("trust-lead").roles("trust-safeguarding-lead").sign();
    }

    Map<String, Object> concern(String category, boolean immediateRisk, List<UUID> pupils) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", school);
        body.put("category", category);
        body.put("whatHappened", NARRATIVE);
        body.put("occurredAt", Instant.now().minus(10, ChronoUnit.MINUTES).toString());
        body.put("pupilIds", pupils);
        body.put("immediateRisk", immediateRisk);
        body.put("actionsTaken", ALREADY_DONE);
        return body;
    }

    /** A disclosure by one pupil, raised by the teacher; returns the concern's id. */
    UUID disclosure(boolean immediateRisk) {
        return raise(teacher(), concern("DISCLOSURE", immediateRisk, List.of(UUID.randomUUID())));
    }

    /** A concern about a member of staff (R14), raised by the teacher. */
    UUID staffConduct(String concernsStaffId) {
        Map<String, Object> body = concern("STAFF_CONDUCT", false, List.of(UUID.randomUUID()));
        body.put("concernsStaffId", concernsStaffId);
        return raise(teacher(), body);
    }

    /** A disclosure naming these pupils, raised by the teacher. */
    UUID disclosureAbout(UUID... pupils) {
        return raise(teacher(), concern("DISCLOSURE", false, List.of(pupils)));
    }

    /** A concern about a member of staff naming these pupils (R14), raised by the teacher. */
    UUID staffConductAbout(String concernsStaffId, UUID... pupils) {
        Map<String, Object> body = concern("STAFF_CONDUCT", false, List.of(pupils));
        body.put("concernsStaffId", concernsStaffId);
        return raise(teacher(), body);
    }

    String office() {
        return Tokens.staff("office-" + school, school, "office");
    }

    String schoolApp() {
        return Tokens.staff("mis-connector-" + school, school, "school-app");
    }

    /** The school app records a pupil's date of birth. */
    void dateOfBirth(UUID pupil, java.time.LocalDate born) {
        as(schoolApp()).body(Map.of("schoolId", school, "dateOfBirth", born.toString()))
                .put("/api/v1/child-protection/pupils/{p}/date-of-birth", pupil).then().statusCode(200);
    }

    UUID raise(String token, Map<String, Object> body) {
        String id = as(token).body(body).post("/api/v1/concerns").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
