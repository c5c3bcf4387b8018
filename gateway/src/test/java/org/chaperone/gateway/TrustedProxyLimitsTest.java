package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind the ingress (here: the test client on 127.0.0.1, configured as the trusted proxy) each caller gets its own
 * per-address bucket from the address the ingress appended, and what a caller wrote before it buys nothing.
 */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
@TestProfile(TrustedProxyLimitsTest.BehindTheIngress.class)
class TrustedProxyLimitsTest {

    static final int PER_IP = 10;

    public static class BehindTheIngress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "chaperone.gateway.rate-limit.per-ip.requests", Integer.toString(PER_IP),
                    "chaperone.gateway.trusted-proxies", "127.0.0.0/8,::1");
        }
    }

    @Test
    void callersBehindTheIngressHaveTheirOwnBucketsAndCannotSpoofAnother() throws Exception {
        // A school whose staff share 203.0.113.50 runs out of its bucket...
        Integer refusedAt = null;
        for (int i = 0; i < PER_IP + 5 && refusedAt == null; i++) {
            // ...whatever each request claims before the address the ingress saw.
            Response response = given().header("X-Forwarded-For", "198.51.100." + i + ", 203.0.113.50")
                    .when().get("/api/v1/pupils/behind-ingress");
            if (response.statusCode() == 429) {
                refusedAt = i;
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refusedAt).as("203.0.113.50's bucket ran out").isNotNull().isLessThanOrEqualTo(PER_IP);

        // ...while another school, through the same ingress, is not held back by it.
        try (StdoutCapture stdout = new StdoutCapture()) {
            given().header("X-Forwarded-For", "203.0.113.60").header("X-Request-Id", "behind-ingress-other")
                    .when().get("/api/v1/pupils/behind-ingress").then().statusCode(401);
            assertThat(stdout.awaitAccessLine("behind-ingress-other").getString("client"))
                    .as("the access log names the caller, not the ingress").isEqualTo("203.0.113.60");
        }
    }
}
