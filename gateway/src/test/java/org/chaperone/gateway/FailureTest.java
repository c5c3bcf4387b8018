package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class FailureTest {

    static final String TOKEN = Tokens.staff("staff-failures", "school-1");

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void aHangingServiceTimesOutWith504ThenItsCircuitOpensWhileOtherServicesAnswer() {
        for (int attempt = 0; attempt < 3; attempt++) {
            long started = System.nanoTime();
            given().auth().oauth2(TOKEN).when().get("/api/v1/slow/hang-" + attempt)
                    .then().statusCode(504)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chaperone:problem:gateway-timeout"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).isBetween(StubServices.SLOW_TIMEOUT_MILLIS - 50, StubServices.SLOW_TIMEOUT_MILLIS + 1500);
            given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/during-timeouts").then().statusCode(200);
        }
        // Three failures in a row (the test threshold): the circuit is open, the service is not asked any more.
        long started = System.nanoTime();
        given().auth().oauth2(TOKEN).when().get("/api/v1/slow/after-open")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:chaperone:problem:service-unavailable"));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(StubServices.SLOW_TIMEOUT_MILLIS);
        assertThat(StubServices.receivedFor("/api/v1/slow/after-open")).isEmpty();
        assertThat(Integer.parseInt(given().auth().oauth2(TOKEN).when().get("/api/v1/slow/x")
                .then().extract().header("Retry-After"))).isBetween(1, 30);
        given().auth().oauth2(TOKEN).when().get("/api/v1/concerns/still-fine").then().statusCode(200);
    }

    @Test
    void aServiceThatIsDownAnswers503WithRetryAfterAndTheOthersKeepWorking() {
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(TOKEN).when().get(StubServices.VACANT_ROUTE + "/x")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:chaperone:problem:service-unavailable"));
            given().auth().oauth2(TOKEN).when().get("/api/v1/deliveries/fine").then().statusCode(200);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WithContentLength() throws Exception {
        long over = 8L * 1024 * 1024 + 1;
        String answer = RawHttp.exchange(gateway.getPort(), "POST /api/v1/pupils/declared-too-big HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + over + "\r\n\r\n", new byte[1024]);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        assertThat(StubServices.receivedFor("/api/v1/pupils/declared-too-big")).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
        try (Socket socket = RawHttp.connect(gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/pupils/too-big-chunked HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TOKEN + "\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            // 10 MB in 64 KB chunks against the 8 MB limit; the gateway may hang up before all is sent.
            try {
                for (int i = 0; i < 160; i++) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (java.io.IOException hungUp) {
                // expected once the gateway has answered and closed
            }
            String answer = RawHttp.readHead(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void http10IsRefusedAndPathsMustBeNormalAndKnown() throws Exception {
        String answer = RawHttp.exchange(gateway.getPort(), "GET /api/v1/pupils/x HTTP/1.0\r\nAuthorization: Bearer "
                + TOKEN + "\r\n\r\n", null);
        assertThat(answer).startsWith("HTTP/1.0 505").contains("application/problem+json");

        String dotted = RawHttp.exchange(gateway.getPort(), "GET /api/v1/pupils/../../q/metrics HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n", null);
        assertThat(dotted).startsWith("HTTP/1.1 400").contains("application/problem+json");

        given().auth().oauth2(TOKEN).urlEncodingEnabled(false).when().get("/api/v1/pupils/a%2F..%2Fb")
                .then().statusCode(400).body("type", equalTo("urn:chaperone:problem:bad-request"));
        given().auth().oauth2(TOKEN).when().get("/api/v1/pupilsX/1")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:not-found"));
        given().auth().oauth2(TOKEN).when().get("/api/v2/anything")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/elsewhere").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void burstsOfClientsThatDisconnectMidRequestDoNotWedgeTheGateway() throws Exception {
        int port = gateway.getPort();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int burst = 0; burst < 3; burst++) {
                List<Future<?>> dropped = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    int n = i;
                    dropped.add(pool.submit(() -> {
                        try (Socket socket = RawHttp.connect(port)) {
                            OutputStream out = socket.getOutputStream();
                            if (n % 2 == 0) {
                                // A whole request to a slow path (the pool of 8 fills up), then gone.
                                out.write(("GET /api/v1/pupils/drop/delay HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Authorization: Bearer " + TOKEN + "\r\n\r\n")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                            } else {
                                // Half a body, then gone.
                                out.write(("POST /api/v1/pupils/drop/delay HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 10000\r\n\r\n"
                                        + "x".repeat(3000)).getBytes(StandardCharsets.ISO_8859_1));
                            }
                            out.flush();
                            Thread.sleep(20);
                            socket.setSoLinger(true, 0); // reset, as a vanished client does
                        }
                        return null;
                    }));
                }
                for (Future<?> f : dropped) {
                    f.get(20, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // Normal traffic afterwards is answered, through the same small connection pool.
        for (int i = 0; i < 20; i++) {
            Response response = given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/after-burst/delay");
            assertThat(response.statusCode()).isEqualTo(200);
        }
        given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/after-burst").then().statusCode(200);
    }

}
