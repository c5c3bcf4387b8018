package org.chaperone.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
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

    public ServiceProxy(HttpClient client, long maxBodyBytes) {
        this.client = client;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void forward(RoutingContext ctx, Route route, String requestId) {
        UpstreamService service = route.service();
        CircuitBreaker breaker = service.breaker();
        HttpServerRequest request = ctx.request();
        if (!breaker.tryAcquire()) {
            unavailable(ctx, service, "The " + service.name() + " service is unavailable; try again later.");
            return;
        }
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        prepareHeaders(proxyRequest.headers(), request, requestId);
        LimitedBody limitedBody = null;
        if (proxyRequest.getBody() != null && proxyRequest.getBody().length() < 0) {
            // No Content-Length (chunked): count the bytes as they pass.
            limitedBody = new LimitedBody(request, maxBodyBytes);
            proxyRequest.setBody(Body.body(limitedBody, -1));
        }
        LimitedBody limit = limitedBody;
        RequestOptions options = new RequestOptions()
                .setServer(service.address())
                .setHost(service.url().getHost())
                .setPort(service.address().port())
                .setIdleTimeout(route.timeout().toMillis());
        client.request(options).onComplete(acquired -> {
            if (acquired.failed() && request.response().closed()) {
                // The caller left while waiting for a pooled connection: the service is not to blame.
                breaker.onAbandoned();
                proxyRequest.release();
                return;
            }
            if (acquired.failed()) {
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
                upstream.reset();
                breaker.onAbandoned();
                return;
            }
            proxyRequest.send(upstream).onComplete(sent -> {
                if (sent.failed()) {
                    onUpstreamFailure(ctx, route, proxyRequest, limit, sent.cause());
                    return;
                }
                breaker.onSuccess();
                ProxyResponse response = sent.result();
                cleanResponseHeaders(response.headers());
                response.send();
            });
        });
    }

    private void onUpstreamFailure(RoutingContext ctx, Route route, ProxyRequest proxyRequest, LimitedBody limit,
            Throwable cause) {
        CircuitBreaker breaker = route.service().breaker();
        if (limit != null && limit.exceeded()) {
            breaker.onAbandoned();
            ctx.response().putHeader("Connection", "close");
            GatewayProblem.PAYLOAD_TOO_LARGE.send(ctx,
                    "The request body is larger than " + maxBodyBytes + " bytes.");
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
            GatewayProblem.GATEWAY_TIMEOUT.send(ctx, "The " + route.service().name() + " service did not answer within "
                    + route.timeout().toMillis() + " ms.");
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

    private static void unavailable(RoutingContext ctx, UpstreamService service, String detail) {
        ctx.response().putHeader("Retry-After", Long.toString(service.breaker().retryAfterSeconds()));
        GatewayProblem.SERVICE_UNAVAILABLE.send(ctx, detail);
    }

    static void prepareHeaders(MultiMap headers, HttpServerRequest request, String requestId) {
        removeConnectionNamed(headers);
        // The gateway is the edge: what a caller says about earlier hops cannot be checked, so it is replaced.
        headers.remove("Forwarded");
        headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        } else {
            headers.remove("X-Forwarded-Host");
        }
        headers.remove("X-Forwarded-Port");
        headers.remove("X-Real-IP");
        headers.set(RequestIds.HEADER, requestId);
        if (!RequestIds.validTraceparent(headers.get("traceparent"))) {
            headers.set("traceparent", RequestIds.newTraceparent());
            headers.remove("tracestate");
        }
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
