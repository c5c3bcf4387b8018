package org.chaperone.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tenancy and roles: a parent acts only for their own children, every caller only for their schools. */
@QuarkusTest
class AccessTest {

    final SchoolFixture linden = SchoolFixture.school("linden-primary");
    final SchoolFixture ashLea = SchoolFixture.school("ash-lea");

    @Test
    void parentCannotSeeOrDecideForAnotherFamilysChild() {
        UUID[] mine = linden.family();
        UUID[] theirs = linden.family();
        String theirGrant = linden.parentGrants(theirs[0], theirs[1]);
        String me = linden.parent(mine[1]);

        linden.as(me).get("/api/v1/pupils/{id}", theirs[0]).then().statusCode(404)
                .contentType("application/problem+json");
        linden.as(me).get("/api/v1/pupils/{id}/consents", theirs[0]).then().statusCode(404);
        linden.as(me).get("/api/v1/pupils/{id}/guardians", theirs[0]).then().statusCode(404);
        linden.as(me).get("/api/v1/guardians/{id}", theirs[1]).then().statusCode(404);
        linden.as(me).body(Map.of("pupilId", theirs[0], "purpose", "LIVE_VIDEO", "scope", "STANDING",
                "decision", "GRANTED")).post("/api/v1/consents").then().statusCode(404);
        linden.as(me).post("/api/v1/consents/{id}/withdrawal", theirGrant).then().statusCode(404);

        // ...while their own child is theirs to see and decide for.
        linden.as(me).get("/api/v1/pupils/{id}", mine[0]).then().statusCode(200);
        linden.parentGrants(mine[0], mine[1]);
    }

    @Test
    void anotherSchoolsPupilAnswers404() {
        UUID[] lindenFamily = linden.family();
        String ashLeaTeacher = ashLea.teacher();
        linden.as(ashLeaTeacher).get("/api/v1/pupils/{id}", lindenFamily[0]).then().statusCode(404)
                .body("type", equalTo("urn:chaperone:problem:not-found"));
        linden.as(ashLeaTeacher).get("/api/v1/pupils/{id}/consents", lindenFamily[0]).then().statusCode(404);
        linden.as(ashLea.schoolApp()).body(Map.of("relationship", "MOTHER", "parentalResponsibility", true,
                        "restriction", "NONE"))
                .put("/api/v1/pupils/{p}/guardians/{g}", lindenFamily[0], lindenFamily[1]).then().statusCode(404);
        linden.as(ashLeaTeacher).get("/api/v1/pupils?schoolId=linden-primary").then().statusCode(404);
        linden.as(ashLeaTeacher).body(Map.of("schoolId", "linden-primary", "purpose", "LIVE_VIDEO",
                "pupilIds", List.of(lindenFamily[0]))).post("/api/v1/consent-status").then().statusCode(404);
        // A status query in one's own school cannot reach into another's.
        linden.as(ashLeaTeacher).body(Map.of("schoolId", "ash-lea", "purpose", "LIVE_VIDEO",
                        "pupilIds", List.of(lindenFamily[0]))).post("/api/v1/consent-status").then().statusCode(400)
                .body("violations[0].field", equalTo("pupilIds[0]"));
        // A trust role acts for every school.
        linden.as(Tokens.subject("trust-lead").roles("trust-safeguarding-lead").sign())
                .get("/api/v1/pupils/{id}", lindenFamily[0]).then().statusCode(200);
    }

    @Test
    void wrongRoleAnswers403() {
        UUID[] family = linden.family();
        linden.as(linden.parent(family[1])).body(Map.of("schoolId", linden.school, "misId", "X1",
                        "upn", SchoolFixture.newUpn(), "givenName", "A", "familyName", "B", "dateOfBirth", "2016-01-01"))
                .post("/api/v1/pupils").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:forbidden"));
        linden.as(linden.teacher()).body(Map.of("pupilId", family[0], "guardianId", family[1], "purpose", "LIVE_VIDEO",
                "scope", "STANDING", "decision", "GRANTED")).post("/api/v1/consents").then().statusCode(403);
        linden.as(linden.schoolApp()).get("/api/v1/pupils/{id}/consents", family[0]).then().statusCode(403);
        linden.as(linden.teacher()).get("/api/v1/consent-requests/pending").then().statusCode(403);
    }

    @Test
    void aParentMayWithdrawOnlyTheirOwnGrantButTheOfficeMayRecordAnothers() {
        UUID[] family = linden.family();
        UUID second = linden.guardian();
        linden.link(family[0], second, true, "NONE");
        String grant = linden.parentGrants(family[0], family[1]);
        linden.as(linden.parent(second)).post("/api/v1/consents/{id}/withdrawal", grant).then().statusCode(403);
        linden.as(linden.office()).body(Map.of("evidence", SchoolFixture.emailEvidence("Please stop, she says")))
                .post("/api/v1/consents/{id}/withdrawal", grant).then().statusCode(201)
                .body("decision", equalTo("WITHDRAWN")).body("channel", equalTo("EMAIL"));
    }

    static Stream<Arguments> badTokens() {
        var teacher = Tokens.subject("teacher-1").roles("staff").schools("linden-primary");
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("expired", Tokens.subject("teacher-1").roles("staff").schools("linden-primary")
                        .expired().sign()),
                Arguments.of("wrong issuer", Tokens.subject("teacher-1").roles("staff").schools("linden-primary")
                        .issuer("https://someone-else.example").sign()),
                Arguments.of("wrong key", teacher.signWithUntrustedKey()),
                Arguments.of("alg none", teacher.unsigned()),
                Arguments.of("HS256 with the public key", teacher.signHs256WithPublicKey()));
    }

    @ParameterizedTest(name = "{0} answers 401")
    @MethodSource("badTokens")
    void badOrMissingTokenAnswers401(String name, String token) {
        var request = token == null ? given() : given().auth().oauth2(token);
        request.contentType(ContentType.JSON).get("/api/v1/pupils?schoolId=linden-primary")
                .then().statusCode(401).contentType("application/problem+json");
        var post = token == null ? given() : given().auth().oauth2(token);
        post.contentType(ContentType.JSON).body(Map.of("schoolId", "linden-primary", "purpose", "LIVE_VIDEO",
                "pupilIds", List.of(UUID.randomUUID()))).post("/api/v1/consent-status").then().statusCode(401);
    }

    @Test
    void healthIsOpen() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
