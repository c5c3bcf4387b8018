package org.chaperone.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

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

/**
 * Who sees and handles which concern (R12, R14), other schools' concerns, roles, tokens, and the access audit of
 * every read.
 */
@QuarkusTest
class AccessTest {

    final SchoolConcerns school = SchoolConcerns.fresh();
    final SchoolConcerns other = SchoolConcerns.fresh();

    @Test
    void aStaffConductConcernGoesToTheHeadteacherAndTrustLeadAndNeverToTheStaffMemberItNames() {
        String named = "staff-named-" + UUID.randomUUID();
        UUID id = school.staffConduct(named);
        school.as(school.teacher()).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(200)
                .body("routedTo", equalTo("HEADTEACHER_AND_TRUST_LEAD"));

        // The Headteacher and the trust safeguarding lead see and handle it.
        school.as(school.headteacher()).get("/api/v1/concerns/{id}?reason=allegation", id).then().statusCode(200)
                .body("concern.concernsStaffId", equalTo(named))
                .body("concern.routedTo", equalTo("HEADTEACHER_AND_TRUST_LEAD"));
        school.as(school.headteacher()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(200);
        school.as(SchoolConcerns.trustLead()).get("/api/v1/concerns/{id}?reason=LADO liaison", id).then()
                .statusCode(200);
        school.as(school.headteacher()).get("/api/v1/concerns?schoolId={s}&reason=weekly", school.school).then()
                .statusCode(200).body("id", hasItem(id.toString()));

        // The DSL team does not (not routed to them): it does not exist for them.
        school.as(school.dsl()).get("/api/v1/concerns/{id}?reason=curious", id).then().statusCode(404);
        school.as(school.deputyDsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(404);
        school.as(school.dsl()).get("/api/v1/concerns?schoolId={s}&reason=weekly", school.school).then()
                .statusCode(200).body("id", not(hasItem(id.toString())));

        // The member of staff it names never sees it, whatever roles they hold.
        String namedWithEveryRole = school.staff(named, "dsl", "deputy-dsl", "headteacher", "staff", "slt");
        school.as(namedWithEveryRole).get("/api/v1/concerns/{id}?reason=curious", id).then().statusCode(404)
                .body(not(org.hamcrest.Matchers.containsString(SchoolConcerns.NARRATIVE)));
        school.as(namedWithEveryRole).get("/api/v1/concerns/{id}/chronology?reason=curious", id).then()
                .statusCode(404);
        school.as(namedWithEveryRole).get("/api/v1/concerns/{id}/chronology/verification?reason=x", id).then()
                .statusCode(404);
        school.as(namedWithEveryRole).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(404);
        school.as(namedWithEveryRole).body(Map.of("severity", "LOW", "rationale", "nothing in it"))
                .post("/api/v1/concerns/{id}/risk-assessments", id).then().statusCode(404);
        school.as(namedWithEveryRole).body(Map.of("outcome", "UNFOUNDED", "rationale", "nothing in it"))
                .post("/api/v1/concerns/{id}/closure", id).then().statusCode(404);
        school.as(namedWithEveryRole).get("/api/v1/concerns?schoolId={s}&reason=weekly", school.school).then()
                .statusCode(200).body("id", not(hasItem(id.toString())));
    }

    @Test
    void aParentCanRaiseAConcernAboutAMemberOfStaffOnly() {
        UUID guardian = UUID.randomUUID();
        Map<String, Object> conduct = school.concern("STAFF_CONDUCT", false, List.of(UUID.randomUUID()));
        conduct.put("concernsStaffId", "staff-0042");
        UUID id = school.raise(school.parent(guardian), conduct);
        school.as(school.parent(guardian)).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(200)
                .body("routedTo", equalTo("HEADTEACHER_AND_TRUST_LEAD"));
        school.as(school.parent(UUID.randomUUID())).get("/api/v1/concerns/{id}/receipt", id).then().statusCode(404);
        school.as(school.parent(guardian)).body(school.concern("DISCLOSURE", false, List.of(UUID.randomUUID())))
                .post("/api/v1/concerns").then().statusCode(422).body("rules", contains("R14"));
    }

    @Test
    void anotherSchoolsConcernDoesNotExistForThem() {
        UUID id = school.disclosure(false);
        other.as(other.dsl()).get("/api/v1/concerns/{id}?reason=curious", id).then().statusCode(404)
                .contentType("application/problem+json");
        other.as(other.dsl()).get("/api/v1/concerns/{id}/chronology?reason=curious", id).then().statusCode(404);
        other.as(other.dsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(404);
        other.as(other.headteacher()).body(Map.of("outcome", "UNFOUNDED", "rationale", "x"))
                .post("/api/v1/concerns/{id}/closure", id).then().statusCode(404);
        other.as(other.dsl()).get("/api/v1/concerns?schoolId={s}&reason=curious", school.school).then()
                .statusCode(404);
        other.as(other.teacher()).body(school.concern("DISCLOSURE", false, List.of(UUID.randomUUID())))
                .post("/api/v1/concerns").then().statusCode(404);
        // The school's own DSL, and the trust lead across schools, do see it.
        school.as(school.dsl()).get("/api/v1/concerns/{id}?reason=review", id).then().statusCode(200);
        school.as(SchoolConcerns.trustLead()).get("/api/v1/concerns/{id}?reason=trust review", id).then()
                .statusCode(200);
    }

    static Stream<Arguments> wrongRoles() {
        return Stream.of(
                Arguments.of("staff lists concerns", "staff", "GET", "/api/v1/concerns?schoolId={s}&reason=x"),
                Arguments.of("slt reads a concern", "slt", "GET", "/api/v1/concerns/{id}?reason=x"),
                Arguments.of("office raises a concern", "office", "POST", "/api/v1/concerns"),
                Arguments.of("school-app raises a concern", "school-app", "POST", "/api/v1/concerns"),
                Arguments.of("trust-admin reads a concern", "trust-admin", "GET", "/api/v1/concerns/{id}?reason=x"),
                Arguments.of("staff acknowledges", "staff", "POST", "/api/v1/concerns/{id}/acknowledgement"),
                Arguments.of("parent reads a chronology", "parent", "GET", "/api/v1/concerns/{id}/chronology?reason=x"),
                Arguments.of("dsl reads the access audit", "dsl", "GET", "/api/v1/access-audit"),
                Arguments.of("headteacher reads the access audit", "headteacher", "GET", "/api/v1/access-audit"));
    }

    @ParameterizedTest(name = "{0} answers 403")
    @MethodSource("wrongRoles")
    void aRoleThatMayNotActAnswers403(String name, String role, String method, String path) {
        UUID id = school.disclosure(false);
        var request = school.as(school.staff("someone-" + role, role));
        if (method.equals("POST")) {
            request.body(school.concern("DISCLOSURE", false, List.of(UUID.randomUUID())));
        }
        request.request(method, path.replace("{s}", school.school).replace("{id}", id.toString())).then()
                .statusCode(403).contentType("application/problem+json");
    }

    static Stream<Arguments> badTokens() {
        var dsl = Tokens.subject("dsl-1").roles("dsl").schools("linden-primary");
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("expired", Tokens.subject("dsl-1").roles("dsl").schools("linden-primary").expired().sign()),
                Arguments.of("wrong issuer", Tokens.subject("dsl-1").roles("dsl").schools("linden-primary")
                        .issuer("https://someone-else.example").sign()),
                Arguments.of("wrong audience", Tokens.subject("dsl-1").roles("dsl").schools("linden-primary")
                        .audience("another-api").sign()),
                Arguments.of("wrong key", dsl.signWithUntrustedKey()),
                Arguments.of("alg none", dsl.unsigned()),
                Arguments.of("HS256 with the public key", dsl.signHs256WithPublicKey()));
    }

    @ParameterizedTest(name = "{0} answers 401")
    @MethodSource("badTokens")
    void aBadOrMissingTokenAnswers401(String name, String token) {
        var list = token == null ? given() : given().auth().oauth2(token);
        list.get("/api/v1/concerns?schoolId=linden-primary&reason=x").then().statusCode(401)
                .contentType("application/problem+json");
        var raise = token == null ? given() : given().auth().oauth2(token);
        raise.contentType(ContentType.JSON).body(Map.of("schoolId", "linden-primary", "category", "DISCLOSURE",
                "whatHappened", "x", "occurredAt", "2026-01-01T10:00:00Z", "pupilIds", List.of(UUID.randomUUID()),
                "immediateRisk", false)).post("/api/v1/concerns").then().statusCode(401);
        var read = token == null ? given() : given().auth().oauth2(token);
        read.get("/api/v1/concerns/{id}?reason=x", UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void everyReadIsInTheAccessAuditWithWhoWhatWhenAndWhy() {
        UUID id = school.disclosure(false);
        school.as(school.dsl()).get("/api/v1/concerns/{id}?reason=initial triage", id).then().statusCode(200);
        school.as(school.deputyDsl()).header("Access-Reason", "preparing the referral")
                .get("/api/v1/concerns/{id}/chronology", id).then().statusCode(200);
        school.as(school.dsl()).get("/api/v1/concerns/{id}/chronology/verification?reason=integrity check", id)
                .then().statusCode(200);
        school.as(school.dsl()).get("/api/v1/concerns?schoolId={s}&reason=morning list", school.school).then()
                .statusCode(200);
        // A read without a reason is refused, and so not audited.
        school.as(school.dsl()).get("/api/v1/concerns/{id}", id).then().statusCode(400)
                .body("violations.field", contains("reason"));

        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?incidentId={id}", id).then()
                .statusCode(200).body("$", hasSize(4))
                .body("action", contains("LISTED", "VERIFIED_CHRONOLOGY", "READ_CHRONOLOGY", "READ"))
                .body("reason", contains("morning list", "integrity check", "preparing the referral",
                        "initial triage"))
                .body("actor", contains("dsl-" + school.school, "dsl-" + school.school, "deputy-dsl-" + school.school,
                        "dsl-" + school.school))
                .body("[3].actorRoles", contains("dsl"))
                .body("[3].schoolId", equalTo(school.school))
                .body("[3].accessedAt", org.hamcrest.Matchers.notNullValue());
        // The trust lead's own reads are audited too, and the audit can be searched by school and by actor.
        school.as(SchoolConcerns.trustLead()).get("/api/v1/concerns/{id}?reason=trust review", id).then()
                .statusCode(200);
        List<String> actors = school.as(SchoolConcerns.trustLead())
                .get("/api/v1/access-audit?schoolId={s}", school.school).then().statusCode(200)
                .extract().path("actor");
        assertThat(actors).hasSize(5).first().isEqualTo("trust-lead");
        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?actor={a}&incidentId={id}",
                        "deputy-dsl-" + school.school, id).then().statusCode(200).body("$", hasSize(1));
    }
}
