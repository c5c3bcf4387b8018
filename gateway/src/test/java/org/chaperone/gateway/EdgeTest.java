package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class EdgeTest {

    static final String TOKEN = Tokens.staff("staff-edge", "school-1");

    // The management interface's root is /q already.
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
        given().header("Origin", StubServices.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/consents")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", StubServices.ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Vary", containsString("Origin"));
        assertThat(StubServices.RECEIVED.stream().filter(r -> r.method().equals("OPTIONS")).toList()).isEmpty();
    }

    @Test
    void otherOriginsGetNoCorsAndTheirPreflightIsRefused() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/consents")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(TOKEN).header("Origin", "https://evil.example")
                .when().get("/api/v1/consents/cors-other")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        given().auth().oauth2(TOKEN).header("Origin", StubServices.ALLOWED_ORIGIN)
                .when().get("/api/v1/consents/cors-allowed")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", StubServices.ALLOWED_ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void securityHeadersOnProxiedAnswersAndGatewayErrorsAndNoServerBanner() {
        given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/headers")
                .then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Server", nullValue())
                .header("Strict-Transport-Security", nullValue());
        given().when().get("/api/v1/pupils/headers")
                .then().statusCode(401)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                .header("Server", nullValue());
    }

    @Test
    void metricsCountRequestsPerRouteAndStatus() {
        given().auth().oauth2(TOKEN).when().get("/api/v1/rota/metrics-1").then().statusCode(200);
        given().when().get("/api/v1/rota/metrics-2").then().statusCode(401);
        // Scraped on the management port; the public port does not serve metrics (TokenTest).
        String metrics = given().when().get(managementMetrics).then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "gateway_requests_seconds_count\\{[^}]*route=\"/api/v1/rota\"[^}]*status=\"200\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern(
                "gateway_requests_seconds_count\\{[^}]*route=\"/api/v1/rota\"[^}]*status=\"401\"[^}]*} [1-9]");
    }

    @Test
    void theAccessLogHasRequestIdSubjectAndLatencyButNoTokenOrBody() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        List<String> lines;
        try (StdoutCapture stdout = new StdoutCapture()) {
            given().auth().oauth2(TOKEN).header("X-Request-Id", "access-log-0001").header("traceparent", traceparent)
                    .body("{\"secret\":\"pupil-narrative\"}").contentType("application/json")
                    .when().post("/api/v1/concerns/logged?q=Smith").then().statusCode(200);
            given().header("X-Request-Id", "access-log-0002")
                    .when().get("/api/v1/concerns/x").then().statusCode(401)
                    .body("type", equalTo("urn:chaperone:problem:unauthorized"));
            given().auth().oauth2(TOKEN).header("X-Request-Id", "access-log-0003")
                    .when().get("/api/v1/concerns/new-trace").then().statusCode(200);
            lines = stdout.awaitLines(List.of("access-log-0001", "access-log-0002", "access-log-0003"),
                    Duration.ofSeconds(5));
        }
        String line = lineWith(lines, "access-log-0001");
        JsonObject entry = new JsonObject(line);
        assertThat(entry.getString("requestId")).isEqualTo("access-log-0001");
        assertThat(entry.getString("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(entry.getString("subject")).isEqualTo("staff-edge");
        assertThat(entry.getString("method")).isEqualTo("POST");
        assertThat(entry.getString("path")).isEqualTo("/api/v1/concerns/logged");
        assertThat(entry.getString("route")).isEqualTo("/api/v1/concerns");
        assertThat(entry.getString("service")).isEqualTo("incident");
        assertThat(entry.getInteger("status")).isEqualTo(200);
        assertThat(entry.getDouble("latencyMs")).isNotNull().isPositive();
        assertThat(Instant.parse(entry.getString("time"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(line).doesNotContain(TOKEN.substring(0, 20)).doesNotContain(TOKEN.substring(TOKEN.length() - 20))
                .doesNotContain("pupil-narrative").doesNotContain("Smith");

        JsonObject refused = new JsonObject(lineWith(lines, "access-log-0002"));
        assertThat(refused.getInteger("status")).isEqualTo(401);
        assertThat(refused.getString("subject")).isNull();
        assertThat(refused.getString("route")).isEqualTo("/api/v1/concerns");

        // A trace the gateway starts is the one the service receives, and the one the log names.
        JsonObject started = new JsonObject(lineWith(lines, "access-log-0003"));
        String sent = StubServices.receivedFor("/api/v1/concerns/new-trace").get(0).header("traceparent");
        assertThat(started.getString("traceId")).isNotNull().isEqualTo(sent.substring(3, 35));
    }

    private static String lineWith(List<String> lines, String requestId) {
        return lines.stream().filter(l -> l.contains("\"requestId\":\"" + requestId + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no access log line for " + requestId));
    }
}
