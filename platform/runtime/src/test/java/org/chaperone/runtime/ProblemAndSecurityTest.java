package org.chaperone.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class ProblemAndSecurityTest {

    static Stream<Arguments> badTokens() {
        var staff = Tokens.subject("staff-1").roles("staff").schools("school-a");
        return Stream.of(
                Arguments.of("expired", Tokens.subject("staff-1").roles("staff").schools("school-a").expired().sign()),
                Arguments.of("wrong issuer", Tokens.subject("staff-1").roles("staff").schools("school-a")
                        .issuer("https://evil.example").sign()),
                Arguments.of("wrong audience", Tokens.subject("staff-1").roles("staff").schools("school-a")
                        .audience("someone-else").sign()),
                Arguments.of("wrong key", staff.signWithUntrustedKey()),
                Arguments.of("alg none", staff.unsigned()),
                Arguments.of("HS256 keyed with the public key", staff.signHs256WithPublicKey()),
                Arguments.of("garbage", "not.a.jwt"));
    }

    @ParameterizedTest(name = "{0} token answers 401")
    @MethodSource("badTokens")
    void badTokenAnswers401Problem(String name, String token) {
        given().auth().oauth2(token).get("/probe/schools/school-a")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:chaperone:problem:unauthorized"));
    }

    @Test
    void noTokenAnswers401Problem() {
        given().get("/probe/schools/school-a")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void validTokenOfOwnSchoolIsAccepted() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).get("/probe/schools/school-a")
                .then().statusCode(200).body(equalTo("school-a"));
    }

    @Test
    void otherSchoolAnswers404NotItsContent() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).get("/probe/schools/school-b")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:not-found"))
                .body("detail", not(containsString("school-b")));
    }

    @Test
    void trustRoleActsForEverySchool() {
        given().auth().oauth2(Tokens.subject("trust-1").roles("trust-admin").sign()).get("/probe/schools/school-b")
                .then().statusCode(200);
    }

    @Test
    void wrongRoleAnswers403Problem() {
        given().auth().oauth2(Tokens.subject("p-1").roles("parent").schools("school-a").guardianId(UUID.randomUUID())
                        .sign())
                .get("/probe/schools/school-a")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:forbidden"));
    }

    @Test
    void everyBadFieldIsNamed() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType(ContentType.JSON)
                .body("{\"schoolId\":\"\",\"label\":\"far-too-long-a-label\",\"pupilIds\":[null,\""
                        + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\"]}")
                .post("/probe")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:invalid-request"))
                .body("violations.field", containsInAnyOrder("label", "pupilIds", "pupilIds[0]", "schoolId"))
                .body("violations.rule", hasItem("Size"));
    }

    @Test
    void malformedJsonNamesTheBody() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType(ContentType.JSON)
                .body("{\"schoolId\": \"school-a\", ")
                .post("/probe")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body"))
                .body("violations[0].rule", equalTo("WellFormedJson"));
    }

    @Test
    void wrongTypeNamesTheField() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType(ContentType.JSON)
                .body("{\"schoolId\":\"school-a\",\"label\":\"x\",\"pupilIds\":[\"not-a-uuid\"]}")
                .post("/probe")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("pupilIds[0]"))
                .body("violations[0].message", equalTo("Must be a UUID"));
    }

    @Test
    void unknownFieldIsRejectedByName() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType(ContentType.JSON)
                .body("{\"schoolId\":\"school-a\",\"label\":\"x\",\"pupilIds\":[],\"colour\":\"red\"}")
                .post("/probe")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("colour"))
                .body("violations[0].rule", equalTo("KnownField"));
    }

    @Test
    void wrongContentTypeIsNamed() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType("text/plain")
                .body("schoolId=school-a")
                .post("/probe")
                .then().statusCode(415).contentType("application/problem+json")
                .body("violations[0].field", equalTo("Content-Type"));
    }

    @Test
    void missingBodyIsNamed() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).contentType(ContentType.JSON)
                .post("/probe")
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
    }

    @Test
    void policyViolationListsEveryRule() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).get("/probe/policy")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:policy-violation"))
                .body("rules", containsInAnyOrder("R4", "R5"))
                .body("violations.field", containsInAnyOrder("hosts", "start"));
    }

    @Test
    void unexpectedFailureHidesItsDetail() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).get("/probe/boom")
                .then().statusCode(500).contentType("application/problem+json")
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")))
                .body("detail", containsString("reference"));
    }

    @Test
    void unknownPathIsAProblemToo() {
        given().auth().oauth2(Tokens.staff("staff-1", "school-a")).get("/probe/nowhere/at/all")
                .then().statusCode(404).contentType("application/problem+json")
                .body("stackTrace", nullValue());
    }
}
