package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

/** What the proxy itself owns: hop-by-hop headers both ways, and what happens when one side stops half-way. */
@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class ProxyStreamingTest {

    static final String TOKEN = Tokens.staff("staff-streaming", "school-1");

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void hopByHopRequestHeadersIncludingThoseConnectionNamesStayAtTheGateway() throws Exception {
        String answer = RawHttp.exchange(gateway.getPort(), "GET /api/v1/pupils/hop-raw?a=1 HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                + "Connection: keep-alive, X-Hop-A\r\nConnection: x-hop-b\r\n"
                + "X-Hop-A: one\r\nX-Hop-B: two\r\nX-End-To-End: kept\r\n"
                + "Keep-Alive: timeout=5\r\nTE: trailers\r\nTrailer: X-Checksum\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nProxy-Connection: keep-alive\r\n"
                + "X-Real-IP: 203.0.113.7\r\nForwarded: for=203.0.113.7\r\nX-Forwarded-Port: 443\r\n\r\n", null);
        assertThat(answer).startsWith("HTTP/1.1 200");
        StubServices.Received received = StubServices.receivedFor("/api/v1/pupils/hop-raw").get(0);
        assertThat(received.uri()).isEqualTo("/api/v1/pupils/hop-raw?a=1");
        assertThat(received.header("X-End-To-End")).isEqualTo("kept");
        for (String hop : new String[] {"X-Hop-A", "X-Hop-B", "Keep-Alive", "TE", "Trailer", "Proxy-Authorization",
                "Proxy-Connection", "X-Real-IP", "Forwarded", "X-Forwarded-Port"}) {
            assertThat(received.header(hop)).as(hop).isNull();
        }
        // The gateway's connection to the service is its own: pooled, kept alive, to the service's own host.
        assertThat(received.header("Connection")).isNotEqualToIgnoringCase("close");
        assertThat(received.header("Host")).startsWith("127.0.0.1:");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost");
    }

    @Test
    void hopByHopAnswerHeadersIncludingThoseConnectionNamesStayAtTheGateway() {
        given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/h-1/hop-by-hop")
                .then().statusCode(200)
                .body(equalTo("ok"))
                .header("X-Stub-Service", "consent")
                .header("X-Backend-Hop", nullValue())
                .header("Keep-Alive", nullValue())
                .header("Proxy-Authenticate", nullValue())
                .header("Trailer", nullValue())
                .header("X-Powered-By", nullValue())
                .header("Date", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void whenTheCallerLeavesMidAnswerTheServiceRequestIsReset() throws Exception {
        String uri = "/api/v1/deliveries/d-gone/download?bytes=" + (2L << 30);
        try (StdoutCapture stdout = new StdoutCapture()) {
            try (Socket socket = RawHttp.connect(gateway.getPort())) {
                socket.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                InputStream in = socket.getInputStream();
                assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
                in.readNBytes(256 * 1024);
                socket.setSoLinger(true, 0); // reset, as a vanished client does
            }
            awaitClosedEarly(uri, Duration.ofSeconds(5));
            assertThat(accessLogStatus(stdout, "/api/v1/deliveries/d-gone/download")).as("the caller left")
                    .isEqualTo(499);
        }
        given().auth().oauth2(TOKEN).when().get("/api/v1/deliveries/after-gone").then().statusCode(200);
    }

    @Test
    void whenTheCallerLeavesMidRequestTheServiceRequestIsReset() throws Exception {
        String sized = "/api/v1/pupils/gone-sized";
        String chunked = "/api/v1/pupils/gone-chunked";
        try (Socket socket = RawHttp.connect(gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + sized + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(3000)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            awaitReceived(sized);
            socket.setSoLinger(true, 0);
        }
        try (Socket socket = RawHttp.connect(gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + chunked + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + "y".repeat(1024) + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            awaitReceived(chunked);
            socket.setSoLinger(true, 0);
        }
        awaitClosedEarly(sized, Duration.ofSeconds(5));
        awaitClosedEarly(chunked, Duration.ofSeconds(5));
        given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/after-gone").then().statusCode(200);
    }

    @Test
    void aServiceThatStallsAfterItsHeadIsCutOffInTimeAndTheGatewayKeepsServing() throws Exception {
        String uri = StubServices.STALL_ROUTE + "/s-1/stall";
        long started;
        long endedMillis;
        try (StdoutCapture stdout = new StdoutCapture(); Socket socket = RawHttp.connect(gateway.getPort())) {
            socket.setSoTimeout(10_000);
            started = System.nanoTime();
            socket.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TOKEN + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 200");
            try {
                // The first chunk arrives; then the connection must end (closed or reset), not hang.
                while (in.read() != -1) {
                    // drain
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the stalled answer was not cut off within 10 s", e);
            } catch (IOException reset) {
                // a reset is an end too
            }
            endedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(accessLogStatus(stdout, uri)).as("cut off by the gateway because the service stalled, not a"
                    + " caller who left").isEqualTo(504);
        }
        assertThat(endedMillis).isBetween(StubServices.STALL_TIMEOUT_MILLIS - 50,
                StubServices.STALL_TIMEOUT_MILLIS + 1500);
        awaitClosedEarly(uri, Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TOKEN).when().get(StubServices.STALL_ROUTE + "/after-stall-" + i)
                    .then().statusCode(200);
        }
    }

    /** The status of the access log line for {@code path}, once it is written. */
    private static int accessLogStatus(StdoutCapture stdout, String path) throws InterruptedException {
        return stdout.awaitAccessLine("\"path\":\"" + path + "\"").getInteger("status");
    }

    private static void awaitReceived(String uri) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (StubServices.receivedFor(uri).isEmpty()) {
            assertThat(System.nanoTime()).as("the service never received " + uri).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitClosedEarly(String uri, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!StubServices.CLOSED_EARLY.contains(uri)) {
            assertThat(System.nanoTime()).as("the service's request " + uri + " was never reset").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
