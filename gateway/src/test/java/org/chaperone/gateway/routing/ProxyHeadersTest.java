package org.chaperone.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    private static final String CALLERS_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String NEW_TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void hopByHopRequestHeadersAndThoseConnectionNamesAreNotCopied() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap()
                .add("Host", "api.example")
                .add("Connection", "keep-alive, X-Secret")
                .add("connection", "Upgrade")
                .add("X-Secret", "s")
                .add("upgrade", "websocket")
                .add("Keep-Alive", "timeout=5")
                .add("TE", "trailers")
                .add("Trailer", "X-Sum")
                .add("Transfer-Encoding", "chunked")
                .add("Proxy-Authorization", "Basic x")
                .add("Proxy-Connection", "keep-alive")
                .add("Expect", "100-continue")
                .add("Forwarded", "for=1.2.3.4")
                .add("X-Real-IP", "1.2.3.4")
                .add("X-Forwarded-Port", "443")
                .add("X-Forwarded-Host", "spoofed")
                .add("X-Forwarded-Proto", "https")
                .add("X-Request-Id", "callers-own")
                .add("Authorization", "Bearer t")
                .add("Accept", "application/json")
                .add("Accept", "text/plain")
                .add("Content-Length", "12");
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();

        ProxyHeaders.copyRequest(caller, upstream, "10.1.2.3", false, "api.example", "rid-00000001", NEW_TRACE);

        assertThat(upstream.names()).containsExactlyInAnyOrder("Authorization", "Accept", "Content-Length",
                "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-Id", "traceparent");
        assertThat(upstream.getAll("Accept")).containsExactly("application/json", "text/plain");
        assertThat(upstream.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(upstream.get("X-Forwarded-Host")).isEqualTo("api.example");
        assertThat(upstream.get("X-Request-Id")).isEqualTo("rid-00000001");
    }

    @Test
    void theForwardedForChainIsExtendedAndTheCallersValidTraceKeepsItsState() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "198.51.100.1, 10.0.0.1")
                .add("x-forwarded-for", "192.0.2.44")
                .add("traceparent", CALLERS_TRACE)
                .add("tracestate", "vendor=1");
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();

        ProxyHeaders.copyRequest(caller, upstream, "127.0.0.1", true, null, "rid-00000002", CALLERS_TRACE);

        assertThat(upstream.getAll("X-Forwarded-For")).containsExactly("198.51.100.1, 10.0.0.1, 192.0.2.44, 127.0.0.1");
        assertThat(upstream.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(upstream.contains("X-Forwarded-Host")).isFalse();
        assertThat(upstream.getAll("traceparent")).containsExactly(CALLERS_TRACE);
        assertThat(upstream.get("tracestate")).isEqualTo("vendor=1");

        // A trace the gateway started replaces the caller's, whose state then belongs to nothing.
        MultiMap restarted = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequest(caller.set("traceparent", "garbage"), restarted, "127.0.0.1", false, null,
                "rid-00000003", NEW_TRACE);
        assertThat(restarted.getAll("traceparent")).containsExactly(NEW_TRACE);
        assertThat(restarted.contains("tracestate")).isFalse();
    }

    @Test
    void hopByHopAnswerHeadersTheServerBannerAndThoseConnectionNamesAreNotCopied() {
        MultiMap answer = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, X-Internal")
                .add("X-Internal", "i")
                .add("Keep-Alive", "timeout=30")
                .add("Transfer-Encoding", "chunked")
                .add("Trailer", "X-Sum")
                .add("Upgrade", "h2c")
                .add("Proxy-Authenticate", "Basic")
                .add("Server", "stub/1.0")
                .add("X-Powered-By", "stub")
                .add("Date", "Tue, 24 Nov 2026 12:00:00 GMT")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2")
                .add("Content-Type", "application/json");
        MultiMap caller = MultiMap.caseInsensitiveMultiMap();

        boolean chunked = ProxyHeaders.copyResponse(answer, caller);

        assertThat(chunked).isTrue();
        assertThat(caller.names()).containsExactlyInAnyOrder("Date", "Set-Cookie", "Content-Type");
        assertThat(caller.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(caller.get("Date")).isEqualTo("Tue, 24 Nov 2026 12:00:00 GMT");
    }

    @Test
    void anAnswerWithoutADateGetsOneAndADeclaredLengthIsKept() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap();
        boolean chunked = ProxyHeaders.copyResponse(MultiMap.caseInsensitiveMultiMap().add("Content-Length", "2"),
                caller);
        assertThat(chunked).isFalse();
        assertThat(caller.get("Content-Length")).isEqualTo("2");
        assertThat(caller.get("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    }
}
