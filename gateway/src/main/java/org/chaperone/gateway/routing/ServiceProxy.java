package org.chaperone.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.chaperone.gateway.edge.RequestIds;
import org.chaperone.gateway.problem.GatewayProblem;
import org.jboss.logging.Logger;

/**
 * Streams one request to its service and the answer back (vertx-http-proxy's ProxyRequest/ProxyResponse: bodies
 * flow with back-pressure, nothing is buffered whole). Adds X-Forwarded-*, the request id and trace context,
 * drops hop-by-hop headers (including those the caller names in Connection), counts chunked bodies against the
 * limit, and turns upstream failures into problems: no connection 503, no answer in time 504.
 */
public final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final HttpClient client;
    private final long maxBodyBytes;
    private final UpstreamDeadlines deadlines;

    public ServiceProxy(Vertx vertx, HttpClient client, long maxBodyBytes) {
        this.client = client;
        this.maxBodyBytes = maxBodyBytes;
        this.deadlines = new UpstreamDeadlines(vertx);
    }

    public void close() {
        deadlines.close();
    }

    public void forward(RoutingContext ctx, Route route, String requestId, String traceparent) {
        UpstreamService service = route.service();
        CircuitBreaker breaker = service.breaker();
        HttpServerRequest request = ctx.request();
        if (!breaker.tryAcquire()) {
            unavailable(ctx, service, "The " + service.name() + " service is unavailable; try again later.");
            return;
        }
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        prepareHeaders(proxyRequest.headers(), request, requestId, traceparent);
        LimitedBody limitedBody = null;
        if (proxyRequest.getBody() != null && proxyRequest.getBody().length() < 0) {
            // No Content-Length (chunked): count the bytes as they pass.
            limitedBody = new LimitedBody(request, maxBodyBytes);
            proxyRequest.setBody(Body.body(limitedBody, -1));
        }
        Exchange exchange = new Exchange(ctx, route, proxyRequest, limitedBody);
        // The route's time runs from here: waiting for a pooled connection counts too.
        deadlines.start(exchange, route.timeout().toNanos());
        client.request(service.requestOptions()).onComplete(acquired -> {
            if (exchange.timedOut) {
                // Answered 504 while waiting for a connection: give the connection back unused.
                if (acquired.succeeded()) {
                    acquired.result().reset();
                }
                return;
            }
            if (acquired.failed() && request.response().closed()) {
                // The caller left while waiting for a pooled connection: the service is not to blame.
                deadlines.done(exchange);
                breaker.onAbandoned();
                proxyRequest.release();
                return;
            }
            if (acquired.failed()) {
                deadlines.done(exchange);
                failed(service, acquired.cause());
                proxyRequest.release();
                unavailable(ctx, service, "The " + service.name() + " service cannot be reached; try again later.");
                return;
            }
            HttpClientRequest upstream = acquired.result();
            // Failures surface through the response future; without a handler Vert.x would log each reset.
            upstream.exceptionHandler(ignored -> { });
            if (request.response().closed()) {
                // The caller left while we waited for a pooled connection: sending now would wedge that connection.
                deadlines.done(exchange);
                upstream.reset();
                breaker.onAbandoned();
                return;
            }
            exchange.upstream = upstream;
            proxyRequest.send(upstream).onComplete(sent -> {
                deadlines.done(exchange);
                if (sent.failed()) {
                    onUpstreamFailure(exchange, sent.cause());
                    return;
                }
                breaker.onSuccess();
                ProxyResponse response = sent.result();
                cleanResponseHeaders(response.headers());
                response.send();
            });
        });
    }

    /** One request on its way to a service, until the service's answer (its head) arrives. */
    private final class Exchange extends UpstreamDeadlines.Pending {
        final RoutingContext ctx;
        final Route route;
        final ProxyRequest proxyRequest;
        final LimitedBody limit;
        HttpClientRequest upstream;
        boolean timedOut;

        Exchange(RoutingContext ctx, Route route, ProxyRequest proxyRequest, LimitedBody limit) {
            this.ctx = ctx;
            this.route = route;
            this.proxyRequest = proxyRequest;
            this.limit = limit;
        }

        @Override
        void expired() {
            timedOut = true;
            if (upstream != null) {
                // Sent and not answered in time: the send fails with the reset, and onUpstreamFailure answers 504.
                upstream.reset();
                return;
            }
            // Still waiting for a pooled connection: that is the gateway's own congestion, not the service's fault.
            route.service().breaker().onAbandoned();
            proxyRequest.release();
            gatewayTimeout(ctx, route);
        }
    }

    private void onUpstreamFailure(Exchange exchange, Throwable cause) {
        RoutingContext ctx = exchange.ctx;
        Route route = exchange.route;
        ProxyRequest proxyRequest = exchange.proxyRequest;
        LimitedBody limit = exchange.limit;
        CircuitBreaker breaker = route.service().breaker();
        if (limit != null && limit.exceeded()) {
            breaker.onAbandoned();
            ctx.response().putHeader("Connection", "close");
            GatewayProblem.PAYLOAD_TOO_LARGE.send(ctx,
                    "The request body is larger than " + maxBodyBytes + " bytes.");
            return;
        }
        if (exchange.timedOut && !ctx.response().closed()) {
            failed(route.service(), new TimeoutException("no answer within " + route.timeout().toMillis() + " ms"));
            proxyRequest.release();
            gatewayTimeout(ctx, route);
            return;
        }
        if (ctx.response().closed() || cause instanceof io.vertx.core.http.StreamResetException) {
            // The caller went away first (and the proxy reset the upstream request on its behalf): whatever the
            // upstream error, the service is not to blame. Over HTTP/1.1 a reset is only ever ours, never the
            // service's, which shows as a closed connection instead.
            breaker.onAbandoned();
            return;
        }
        if (isTimeout(cause)) {
            failed(route.service(), cause);
            proxyRequest.release();
            gatewayTimeout(ctx, route);
            return;
        }
        if (ctx.response().closed() || !ctx.request().isEnded()) {
            // The caller went away or broke off its request: the service is not to blame.
            breaker.onAbandoned();
            if (!ctx.response().closed()) {
                ctx.response().reset();
            }
            return;
        }
        failed(route.service(), cause);
        proxyRequest.release();
        GatewayProblem.BAD_GATEWAY.send(ctx,
                "The " + route.service().name() + " service closed the connection without an answer.");
    }

    private static void failed(UpstreamService service, Throwable cause) {
        if (service.breaker().onFailure()) {
            LOG.warnf("circuit of %s opened after repeated failures (last: %s)", service.name(), cause.getMessage());
        }
    }

    private static boolean isTimeout(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void gatewayTimeout(RoutingContext ctx, Route route) {
        GatewayProblem.GATEWAY_TIMEOUT.send(ctx, "The " + route.service().name() + " service did not answer within "
                + route.timeout().toMillis() + " ms.");
    }

    private static void unavailable(RoutingContext ctx, UpstreamService service, String detail) {
        ctx.response().putHeader("Retry-After", Long.toString(service.breaker().retryAfterSeconds()));
        GatewayProblem.SERVICE_UNAVAILABLE.send(ctx, detail);
    }

    /** {@code traceparent}: the caller's if it was valid (then tracestate goes on too), else a new trace's. */
    static void prepareHeaders(MultiMap headers, HttpServerRequest request, String requestId, String traceparent) {
        removeConnectionNamed(headers);
        // X-Forwarded-For is a chain: the peer is appended to whatever the caller sent (as nginx and every other
        // proxy do). Only the last entry, added here from the socket, is known to be true; the gateway's own rate
        // limits never read the header. Forwarded and X-Real-IP cannot be extended that way, so they are dropped.
        headers.remove("Forwarded");
        String peer = peerAddress(request);
        List<String> chain = headers.getAll("X-Forwarded-For");
        if (chain.isEmpty()) {
            headers.set("X-Forwarded-For", peer);
        } else {
            headers.set("X-Forwarded-For", String.join(", ", chain) + ", " + peer);
        }
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        } else {
            headers.remove("X-Forwarded-Host");
        }
        headers.remove("X-Forwarded-Port");
        headers.remove("X-Real-IP");
        headers.set(RequestIds.HEADER, requestId);
        if (!traceparent.equals(headers.get("traceparent"))) {
            headers.set("traceparent", traceparent);
            headers.remove("tracestate");
        }
    }

    /** The address of the socket the request came on: never from a header, whatever the HTTP server is told. */
    public static String peerAddress(HttpServerRequest request) {
        SocketAddress address = request.connection() != null ? request.connection().remoteAddress()
                : request.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    static void cleanResponseHeaders(MultiMap headers) {
        removeConnectionNamed(headers);
        headers.remove("Keep-Alive");
        headers.remove("Server");
        headers.remove("X-Powered-By");
    }

    /** Headers a Connection header names are hop-by-hop too (RFC 9110 7.6.1). */
    private static void removeConnectionNamed(MultiMap headers) {
        for (String connection : headers.getAll("Connection")) {
            for (String name : connection.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty()) {
                    headers.remove(trimmed);
                }
            }
        }
        headers.remove("Connection");
    }
}
