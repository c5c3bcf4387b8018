package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class TokenTest {

    @Test
    void everyBadTokenIsRefusedWith401BeforeAnyServiceIsCalled() {
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("none", null);
        authorizations.put("empty", "");
        authorizations.put("basic", "Basic Zm9vOmJhcg==");
        authorizations.put("garbage", "Bearer not.a.token");
        authorizations.put("expired", "Bearer " + Tokens.subject("s").roles("staff").schools("x").expired().sign());
        authorizations.put("wrong-issuer", "Bearer " + Tokens.subject("s").roles("staff").schools("x")
                .issuer("https://evil.example").sign());
        authorizations.put("wrong-audience", "Bearer " + Tokens.subject("s").roles("staff").schools("x")
                .audience("another-api").sign());
        authorizations.put("wrong-key", "Bearer " + Tokens.subject("s").roles("staff").schools("x")
                .signWithUntrustedKey());
        authorizations.put("alg-none", "Bearer " + Tokens.subject("s").roles("staff").schools("x").unsigned());
        authorizations.put("hs256-public-key", "Bearer " + Tokens.subject("s").roles("staff").schools("x")
                .signHs256WithPublicKey());
        String valid = Tokens.staff("s", "x");
        String[] parts = valid.split("\\.");
        authorizations.put("tampered", "Bearer " + parts[0] + "." + parts[1].substring(0, parts[1].length() - 4)
                + "AAAA." + parts[2]);

        authorizations.forEach((variant, authorization) -> {
            String path = "/api/v1/pupils/token-" + variant;
            var request = given();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.when().post(path)
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo("urn:chaperone:problem:unauthorized"))
                    .body("status", equalTo(401))
                    .body("instance", equalTo(path));
            assertThat(StubServices.receivedFor(path)).as(variant).isEmpty();
        });

        given().auth().oauth2(valid).when().post("/api/v1/pupils/token-valid").then().statusCode(200);
        assertThat(StubServices.receivedFor("/api/v1/pupils/token-valid")).hasSize(1);
    }

    @Test
    void anExpiredTokenIsNamedAsSuch() {
        given().auth().oauth2(Tokens.subject("s").roles("staff").schools("x").expired().sign())
                .when().get("/api/v1/pupils/token-expired-detail")
                .then().statusCode(401).body("detail", equalTo("The token has expired."));
    }

    @Test
    void healthOpenApiAndDocsAreTheOnlyOpenPaths() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/api/openapi").then().statusCode(200);
        given().when().get("/api/docs").then().statusCode(200);
        given().when().get("/api/v1/pupils").then().statusCode(401);
    }

    @Test
    void metricsAndOtherManagementPathsDoNotAnswerOnThePublicPort() {
        for (String path : List.of("/q/metrics", "/q/metrics/", "/q/metrics?x=1", "/metrics", "/q/dev-ui",
                "/q/info", "/q/openapi")) {
            given().when().get(path)
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chaperone:problem:not-found"));
        }
        // Not with a token either: the public port has no metrics to give.
        given().auth().oauth2(Tokens.staff("s", "x")).when().get("/q/metrics").then().statusCode(404);
    }
}
