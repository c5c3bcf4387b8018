package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class RoutingTest {

    static final String TOKEN = Tokens.staff("staff-routing", "school-1");

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void everyRouteReachesItsService() {
        StubServices.ROUTES.forEach((service, prefixes) -> {
            if (service.equals("slow")) {
                return;
            }
            for (String prefix : prefixes) {
                given().auth().oauth2(TOKEN).when().get(prefix + "/abc")
                        .then().statusCode(200)
                        .header("X-Stub-Service", service)
                        .body("service", equalTo(service))
                        .body("path", equalTo(prefix + "/abc"));
                given().auth().oauth2(TOKEN).when().get(prefix)
                        .then().statusCode(200).body("path", equalTo(prefix));
            }
        });
    }

    @Test
    void methodPathQueryHeadersAndBodyArriveIntact() {
        String body = "{\"name\":\"Ada\",\"note\":\"ü €\"}";
        Response response = given().auth().oauth2(TOKEN)
                .urlEncodingEnabled(false)
                .header("X-Custom", "kept")
                .header("Idempotency-Key", "k-123")
                .contentType("application/json; charset=utf-8")
                .body(body)
                .when().patch("/api/v1/guardians/g-1/links?x=1&y=a%20b&y=c&status=201");
        response.then().statusCode(201)
                .body("method", equalTo("PATCH"))
                .body("path", equalTo("/api/v1/guardians/g-1/links"))
                .body("query", equalTo("x=1&y=a%20b&y=c&status=201"))
                .body("body", equalTo(body));
        StubServices.Received received = StubServices.receivedFor("/api/v1/guardians/g-1/links").get(0);
        assertThat(received.method()).isEqualTo("PATCH");
        assertThat(received.header("X-Custom")).isEqualTo("kept");
        assertThat(received.header("Idempotency-Key")).isEqualTo("k-123");
        assertThat(received.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        // The services verify the token again, so it goes on.
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void statusCodesAndProblemResponsesComeBackAsTheServiceSentThem() {
        for (int status : List.of(200, 201, 204, 400, 403, 404, 409, 500)) {
            given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/p-1?status=" + status)
                    .then().statusCode(status);
        }
        given().auth().oauth2(TOKEN).when().post("/api/v1/consents/c-1/problem")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chaperone:problem:policy-violation"))
                .body("rules[0]", equalTo("R1"));
    }

    @Test
    void forwardedHeadersRequestIdAndTraceContextArePassedOnAndReturned() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        given().auth().oauth2(TOKEN)
                .header("X-Request-Id", "req-abcdef-12345")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("Forwarded", "for=203.0.113.9")
                .header("traceparent", traceparent)
                .header("tracestate", "vendor=1")
                .when().get("/api/v1/pupils/fwd-1")
                .then().statusCode(200)
                .header("X-Request-Id", "req-abcdef-12345");
        StubServices.Received received = StubServices.receivedFor("/api/v1/pupils/fwd-1").get(0);
        assertThat(received.header("X-Request-Id")).isEqualTo("req-abcdef-12345");
        // The caller's claim stays first in the chain; the address the gateway saw is appended.
        assertThat(received.header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(received.header("Forwarded")).isNull();
        assertThat(received.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(received.header("X-Forwarded-Host")).isEqualTo("localhost:" + gateway.getPort());
        assertThat(received.header("traceparent")).isEqualTo(traceparent);
        assertThat(received.header("tracestate")).isEqualTo("vendor=1");
    }

    @Test
    void theForwardedForChainIsExtendedWithThePeerAddressNeverReplaced() {
        given().auth().oauth2(TOKEN)
                .header("X-Forwarded-For", "198.51.100.1, 10.0.0.1")
                .header("X-Forwarded-For", "192.0.2.44")
                .when().get("/api/v1/pupils/xff-chain").then().statusCode(200);
        List<StubServices.Received> chained = StubServices.receivedFor("/api/v1/pupils/xff-chain");
        assertThat(chained).hasSize(1);
        assertThat(chained.get(0).headers().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("X-Forwarded-For"))
                .flatMap(h -> h.getValue().stream()).toList())
                .containsExactly("198.51.100.1, 10.0.0.1, 192.0.2.44, 127.0.0.1");

        given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/xff-none").then().statusCode(200);
        assertThat(StubServices.receivedFor("/api/v1/pupils/xff-none").get(0).header("X-Forwarded-For"))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aMalformedRequestIdIsReplacedAndAMissingTraceIsStarted() {
        String returned = given().auth().oauth2(TOKEN)
                .header("X-Request-Id", "bad id; <script>")
                .when().get("/api/v1/pupils/rid-1")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(returned).matches("[0-9a-f-]{36}");
        StubServices.Received received = StubServices.receivedFor("/api/v1/pupils/rid-1").get(0);
        assertThat(received.header("X-Request-Id")).isEqualTo(returned);
        assertThat(received.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        String generated = given().auth().oauth2(TOKEN).when().get("/api/v1/pupils/rid-2")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(generated).isNotBlank().isNotEqualTo(returned);
    }

    @Test
    void hopByHopHeadersAreDroppedBothWays() {
        given().auth().oauth2(TOKEN)
                .header("Connection", "keep-alive, X-Hop-Secret")
                .header("X-Hop-Secret", "do-not-forward")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .when().get("/api/v1/pupils/hop-1")
                .then().statusCode(200)
                .header("Server", (String) null);
        StubServices.Received received = StubServices.receivedFor("/api/v1/pupils/hop-1").get(0);
        assertThat(received.header("X-Hop-Secret")).isNull();
        assertThat(received.header("Keep-Alive")).isNull();
        assertThat(received.header("Proxy-Authorization")).isNull();
    }

    @Test
    void largeBodiesStreamBothWaysIntact() throws Exception {
        byte[] upload = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(upload);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(upload));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // With Content-Length ...
        HttpResponse<String> sized = http.send(HttpRequest.newBuilder(uri("/api/v1/consent-requests/bulk"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.body()).contains("\"bodyBytes\":" + upload.length).contains(expected);

        // ... and chunked (no length known up front).
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/v1/consent-requests/bulk"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).contains("\"bodyBytes\":" + upload.length).contains(expected);

        long size = 24L * 1024 * 1024;
        HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(
                        uri("/api/v1/deliveries/d-1/download?bytes=" + size))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        long read = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                read += n;
            }
        }
        assertThat(read).isEqualTo(size);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + gateway.getPort() + path);
    }
}
