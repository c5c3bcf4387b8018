package org.chaperone.consent.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.chaperone.consent.domain.Upn;
import org.chaperone.testkit.Tokens;

/** Builds a school's pupils and guardians through the API, as a school app would. */
final class SchoolFixture {

    private static final AtomicInteger SERIAL = new AtomicInteger(100);

    final String school;

    SchoolFixture(String school) {
        this.school = school;
    }

    static SchoolFixture school(String school) {
        return new SchoolFixture(school);
    }

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    String schoolApp() {
        return Tokens.staff("mis-sync-" + school, school, "school-app");
    }

    String office() {
        return Tokens.staff("office-" + school, school, "office");
    }

    String teacher() {
        return Tokens.staff("teacher-" + school, school, "staff");
    }

    String parent(UUID guardian) {
        return Tokens.parent(guardian, school);
    }

    /** A fresh, valid UPN (LA 801, school 2000, year 26, a serial of its own). */
    static String newUpn() {
        String rest = "80120002" + String.format("%04d", SERIAL.incrementAndGet());
        return Upn.checkLetter(rest) + rest;
    }

    UUID pupil() {
        String id = as(schoolApp()).body(Map.of(
                "schoolId", school, "misId", "P-" + UUID.randomUUID(), "upn", newUpn(),
                "givenName", "Test", "familyName", "Pupil", "dateOfBirth", "2016-04-01", "className", "4B"))
                .post("/api/v1/pupils").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    UUID guardian() {
        String id = as(schoolApp()).body(Map.of(
                "schoolId", school, "misId", "G-" + UUID.randomUUID(), "givenName", "Test", "familyName", "Parent"))
                .post("/api/v1/guardians").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    void link(UUID pupil, UUID guardian, boolean parentalResponsibility, String restriction) {
        as(schoolApp()).body(Map.of("relationship", "MOTHER", "parentalResponsibility", parentalResponsibility,
                        "restriction", restriction))
                .put("/api/v1/pupils/{p}/guardians/{g}", pupil, guardian).then().statusCode(200);
    }

    /** A pupil with one guardian who holds parental responsibility; returns {pupil, guardian}. */
    UUID[] family() {
        UUID pupil = pupil();
        UUID guardian = guardian();
        link(pupil, guardian, true, "NONE");
        return new UUID[] {pupil, guardian};
    }

    /** The parent grants LIVE_VIDEO from the parent app; returns the consent id. */
    String parentGrants(UUID pupil, UUID guardian) {
        return as(parent(guardian)).body(Map.of("pupilId", pupil, "purpose", "LIVE_VIDEO", "scope", "STANDING",
                        "decision", "GRANTED"))
                .post("/api/v1/consents").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> emailEvidence(String text) {
        return Map.of("channel", "EMAIL", "reference", "<" + UUID.randomUUID() + "@mail.example>",
                "receivedAt", Instant.now().minusSeconds(3600).toString(), "text", text);
    }
}
