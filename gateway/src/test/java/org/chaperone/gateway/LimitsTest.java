package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
@TestProfile(LimitsTest.LowLimits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsTest {

    static final int PER_IP = 40;
    static final int PER_SUBJECT = 5;

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "chaperone.gateway.rate-limit.per-ip.requests", Integer.toString(PER_IP),
                    "chaperone.gateway.rate-limit.per-subject.requests", Integer.toString(PER_SUBJECT),
                    "chaperone.gateway.hsts", "true");
        }
    }

    @Test
    @Order(1)
    void aSubjectOverItsLimitGets429WithRetryAfterAndOthersDoNot() {
        String busy = Tokens.staff("staff-busy", "school-1");
        for (int i = 0; i < PER_SUBJECT; i++) {
            given().auth().oauth2(busy).when().get("/api/v1/pupils/limit-" + i).then().statusCode(200);
        }
        Response refused = given().auth().oauth2(busy).when().get("/api/v1/pupils/limit-over");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:too-many-requests"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(StubServices.receivedFor("/api/v1/pupils/limit-over")).isEmpty();

        given().auth().oauth2(Tokens.staff("staff-calm", "school-1")).when().get("/api/v1/pupils/calm")
                .then().statusCode(200);
    }

    @Test
    @Order(2)
    void aSpoofedForwardedForDoesNotBuyAFreshBucket() {
        Integer refusedAt = null;
        for (int i = 0; i < PER_IP + 10 && refusedAt == null; i++) {
            Response response = given()
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .header("X-Real-IP", "198.51.100." + i)
                    .header("Forwarded", "for=198.51.100." + i)
                    .when().get("/api/v1/pupils/anonymous");
            if (response.statusCode() == 429) {
                refusedAt = i;
                assertThat(response.header("Retry-After")).isNotBlank();
                assertThat(response.contentType()).startsWith("application/problem+json");
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refusedAt).as("the address's bucket ran out although every request claimed another address")
                .isNotNull().isLessThanOrEqualTo(PER_IP);
    }

    @Test
    @Order(3)
    void strictTransportSecurityIsSentWhereConfigured() {
        given().when().get("/q/health/live").then()
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
}
