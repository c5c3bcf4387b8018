package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.chaperone.gateway.observe.AccessLog;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class EdgeTest {

    static final String TOKEN = Tokens.staff("staff-edge", "school-1");

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
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern(
                "gateway_requests_seconds_count\\{[^}]*route=\"/api/v1/rota\"[^}]*status=\"200\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern(
                "gateway_requests_seconds_count\\{[^}]*route=\"/api/v1/rota\"[^}]*status=\"401\"[^}]*} [1-9]");
    }

    @Test
    void theAccessLogHasRequestIdSubjectAndLatencyButNoTokenOrBody() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.addHandler(capture);
        try {
            given().auth().oauth2(TOKEN).header("X-Request-Id", "access-log-0001")
                    .body("{\"secret\":\"pupil-narrative\"}").contentType("application/json")
                    .when().post("/api/v1/concerns/logged?q=Smith").then().statusCode(200);
            long deadline = System.currentTimeMillis() + 3000;
            while (lines.stream().noneMatch(l -> l.contains("access-log-0001")) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            logger.removeHandler(capture);
        }
        String line = lines.stream().filter(l -> l.contains("access-log-0001")).findFirst().orElseThrow();
        io.vertx.core.json.JsonObject entry = new io.vertx.core.json.JsonObject(line);
        assertThat(entry.getString("subject")).isEqualTo("staff-edge");
        assertThat(entry.getString("route")).isEqualTo("/api/v1/concerns");
        assertThat(entry.getString("service")).isEqualTo("incident");
        assertThat(entry.getInteger("status")).isEqualTo(200);
        assertThat(entry.getDouble("latencyMs")).isNotNull();
        assertThat(line).doesNotContain(TOKEN.substring(0, 20)).doesNotContain(TOKEN.substring(TOKEN.length() - 20))
                .doesNotContain("pupil-narrative").doesNotContain("Smith");
        given().when().get("/api/v1/concerns/x").then().statusCode(401)
                .body("type", equalTo("urn:chaperone:problem:unauthorized"));
    }
}
