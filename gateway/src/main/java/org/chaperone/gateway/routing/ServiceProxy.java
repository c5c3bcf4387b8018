package org.chaperone.gateway.routing;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeoutException;
import org.chaperone.gateway.problem.GatewayProblem;
import org.jboss.logging.Logger;

/**
 * Streams one request to its service and the answer back, directly on the Vert.x HTTP client (pooled keep-alive
 * HTTP/1.1 connections): the caller's headers are copied once into the upstream request ({@link ProxyHeaders}),
 * its body is pumped through with back-pressure and counted against the limit, the answer's head is copied once
 * and its body pumped back the same way; nothing is buffered whole. Upstream failures become problems: no
 * connection 503, no answer head within the route's time 504, the connection closed without an answer 502. Once
 * the answer has begun, a service that sends nothing more for the route's time has both connections reset, and a
 * caller that goes away has the upstream request reset, so that neither leaves a connection behind.
 */
public final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    /**
     * The routing context's key for the status an answer cut off by the gateway counts as: 504 when the service
     * stalled, 502 when its connection broke. A response that ends unfinished without it was left by the caller.
     */
    public static final String CUT_OFF_STATUS = "chaperone.cut-off-status";

    /** Upstream failures surface through the answer's future; without a handler Vert.x would log each reset. */
    private static final Handler<Throwable> IGNORED = ignored -> { };

    private final EventLoopClients clients;
    private final long maxBodyBytes;
    private final UpstreamDeadlines deadlines;

    public ServiceProxy(Vertx vertx, EventLoopClients clients, long maxBodyBytes) {
        this.clients = clients;
        this.maxBodyBytes = maxBodyBytes;
        this.deadlines = new UpstreamDeadlines(vertx);
    }

    public void close() {
        deadlines.close();
        clients.close();
    }

    /** Call on the request's event loop with the request paused: nothing of its body may be read before this. */
    public void forward(RoutingContext ctx, Route route, String requestId, String traceparent) {
        UpstreamService service = route.service();
        if (!service.breaker().tryAcquire()) {
            unavailable(ctx, service, "The " + service.name() + " service is unavailable; try again later.");
            return;
        }
        Exchange exchange = new Exchange(ctx, route, requestId, traceparent);
        ctx.response().exceptionHandler(exchange::callerGone);
        ctx.request().exceptionHandler(exchange::callerGone);
        // The route's time runs from here: waiting for a pooled connection counts too.
        deadlines.start(exchange, exchange.timeoutNanos);
        // This event loop's own pool: the exchange stays on the caller's thread from end to end.
        clients.current().request(service.requestOptions()).onComplete(exchange);
    }

    /**
     * One request on its way to a service and its answer on the way back. Every callback runs on the caller's
     * event loop (the HTTP client calls back on the context that asked), so the fields need no locking.
     */
    private final class Exchange extends UpstreamDeadlines.Pending implements Handler<AsyncResult<HttpClientRequest>> {
        final RoutingContext ctx;
        final HttpServerRequest request;
        final HttpServerResponse response;
        final Route route;
        final long timeoutNanos;
        final String requestId;
        final String traceparent;
        HttpClientRequest upstream;
        HttpClientResponse answer;
        /** Given up (timed out, refused, failed, caller gone): the upstream request is reset, later events ignored. */
        boolean aborted;
        /** A chunked body, which declared no length, is counted on the way through. */
        boolean counted;
        long bodyBytes;
        /** The answer's head has arrived; from then on the deadline bounds the silence between its chunks. */
        boolean answered;
        long lastHeardNanos;
        boolean waitingForCaller;
        /** Bytes of the answer still to come when it declared its length, else -1. */
        long answerRemaining = -1;
        /** The answer's last chunk, sent together with the end of the response in one write. */
        Buffer lastChunk;

        Exchange(RoutingContext ctx, Route route, String requestId, String traceparent) {
            this.ctx = ctx;
            this.request = ctx.request();
            this.response = ctx.response();
            this.route = route;
            this.timeoutNanos = route.timeout().toNanos();
            this.requestId = requestId;
            this.traceparent = traceparent;
        }

        CircuitBreaker breaker() {
            return route.service().breaker();
        }

        /** A pooled connection to the service is ours (or none could be had). */
        @Override
        public void handle(AsyncResult<HttpClientRequest> acquired) {
            if (aborted) {
                // Answered 504 or the caller left while we waited: give the connection back unused.
                if (acquired.succeeded()) {
                    acquired.result().exceptionHandler(IGNORED).reset();
                }
                return;
            }
            if (acquired.failed()) {
                abort();
                failed(route.service(), acquired.cause());
                request.resume();
                unavailable(ctx, route.service(),
                        "The " + route.service().name() + " service cannot be reached; try again later.");
                return;
            }
            HttpClientRequest upstream = acquired.result();
            this.upstream = upstream;
            upstream.exceptionHandler(IGNORED);
            upstream.setMethod(request.method());
            upstream.setURI(request.uri());
            HostAndPort authority = request.authority();
            ProxyHeaders.copyRequest(request.headers(), upstream.headers(), peerAddress(request), request.isSSL(),
                    authority == null ? null : authority.toString(), requestId, traceparent);
            upstream.response(this::onAnswer);
            sendBody(upstream);
        }

        private void sendBody(HttpClientRequest upstream) {
            if (request.headers().contains("Transfer-Encoding")) {
                // Chunked: no length declared up front, so the limit is enforced as the bytes pass.
                counted = true;
                upstream.headers().remove("Content-Length");
                upstream.setChunked(true);
            } else {
                String length = request.getHeader("Content-Length");
                if (length == null || length.equals("0")) {
                    upstream.end();
                    request.resume(); // lets the (empty) request end, so the connection can take the next one
                    return;
                }
                // Declared, and checked against the limit before the token was; Vert.x reads no more than that.
            }
            request.handler(this::onCallerChunk);
            request.endHandler(this::onCallerEnd);
            upstream.drainHandler(this::onUpstreamDrained);
            request.resume();
        }

        private void onCallerChunk(Buffer chunk) {
            if (aborted) {
                return; // read and dropped, so that the caller's connection stays usable
            }
            if (counted && (bodyBytes += chunk.length()) > maxBodyBytes) {
                tooLarge();
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
            }
        }

        private void onUpstreamDrained(Void ignored) {
            if (!aborted) {
                request.resume();
            }
        }

        private void onCallerEnd(Void ignored) {
            if (!aborted) {
                upstream.end();
            }
        }

        private void tooLarge() {
            abort();
            breaker().onAbandoned();
            // Nothing more is read; the connection closes after the answer.
            request.pause();
            response.putHeader("Connection", "close");
            GatewayProblem.PAYLOAD_TOO_LARGE.send(ctx, "The request body is larger than " + maxBodyBytes + " bytes.");
        }

        private void onAnswer(AsyncResult<HttpClientResponse> result) {
            if (aborted) {
                return; // the upstream request was reset by whoever aborted
            }
            if (result.failed()) {
                abort();
                Throwable cause = result.cause();
                failed(route.service(), cause);
                if (isTimeout(cause)) {
                    gatewayTimeout();
                    return;
                }
                if (!request.isEnded()) {
                    response.putHeader("Connection", "close");
                }
                GatewayProblem.BAD_GATEWAY.send(ctx,
                        "The " + route.service().name() + " service closed the connection without an answer.");
                return;
            }
            HttpClientResponse answer = result.result();
            this.answer = answer;
            answered = true;
            lastHeardNanos = System.nanoTime(); // the deadline, still running, now bounds the silence in the answer
            breaker().onSuccess();
            int status = answer.statusCode();
            response.setStatusCode(status);
            boolean chunked = ProxyHeaders.copyResponse(answer.headers(), response.headers());
            String length = answer.getHeader("Content-Length");
            if (chunked) {
                response.headers().remove("Content-Length");
                response.setChunked(true);
            } else if (length != null) {
                answerRemaining = parseLength(length);
            } else if (mayHaveBody(status)) {
                // Neither length nor chunks: the service's body runs until it closes the connection.
                response.setChunked(true);
            }
            answer.handler(this::onAnswerChunk);
            answer.endHandler(this::onAnswerEnd);
            answer.exceptionHandler(this::onAnswerBroken);
            response.drainHandler(this::onCallerDrained);
        }

        private boolean mayHaveBody(int status) {
            return request.method() != HttpMethod.HEAD && status >= 200 && status != 204 && status != 304;
        }

        private void onAnswerChunk(Buffer chunk) {
            if (aborted) {
                return;
            }
            lastHeardNanos = System.nanoTime();
            if (answerRemaining > 0 && (answerRemaining -= chunk.length()) == 0) {
                // The declared length is complete, so the end follows at once: one write for both.
                lastChunk = chunk;
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                // The caller reads slower than the service sends: wait for it, without counting against the service.
                waitingForCaller = true;
                answer.pause();
            }
        }

        private void onCallerDrained(Void ignored) {
            if (waitingForCaller && !aborted) {
                waitingForCaller = false;
                lastHeardNanos = System.nanoTime();
                answer.resume();
            }
        }

        private void onAnswerEnd(Void ignored) {
            if (aborted) {
                return;
            }
            deadlines.done(this);
            Buffer last = lastChunk;
            lastChunk = null;
            if (last != null) {
                response.end(last);
            } else {
                response.end();
            }
        }

        private void onAnswerBroken(Throwable cause) {
            if (aborted) {
                return;
            }
            // The service's connection broke halfway through its answer: the caller's cannot be completed either.
            abort();
            failed(route.service(), cause);
            cutOff(502);
        }

        /** The caller went away (or its connection failed) before the exchange was over. */
        void callerGone(Throwable cause) {
            if (aborted) {
                return;
            }
            abort();
            if (!answered) {
                breaker().onAbandoned(); // the service is not to blame
            }
            resetCaller();
        }

        @Override
        void expired() {
            if (aborted) {
                return;
            }
            if (answered) {
                if (waitingForCaller) {
                    deadlines.start(this, timeoutNanos); // the caller's pace is not the service's fault
                    return;
                }
                long silentNanos = System.nanoTime() - lastHeardNanos;
                if (silentNanos < timeoutNanos) {
                    deadlines.start(this, timeoutNanos - silentNanos);
                    return;
                }
                // Head sent, then silence: end the caller's response (it cannot become a 504 any more).
                abort();
                failed(route.service(), new TimeoutException("the answer stalled for " + route.timeout().toMillis()
                        + " ms"));
                cutOff(504);
                return;
            }
            abort();
            if (upstream == null) {
                // Still waiting for a pooled connection: that is the gateway's own congestion, not the service's fault.
                breaker().onAbandoned();
            } else {
                failed(route.service(), new TimeoutException("no answer within " + route.timeout().toMillis() + " ms"));
            }
            request.resume(); // whatever is left of the body is read and dropped
            gatewayTimeout();
        }

        /** Gives the exchange up: no deadline any more, and the upstream request (if any) reset, closing its connection. */
        private void abort() {
            aborted = true;
            deadlines.done(this);
            lastChunk = null;
            if (upstream != null) {
                upstream.reset();
            }
        }

        /** Ends the caller's unfinished answer because of the service, counted (metrics, access log) as {@code status}. */
        private void cutOff(int status) {
            ctx.put(CUT_OFF_STATUS, status);
            resetCaller();
        }

        private void resetCaller() {
            if (!response.closed() && !response.ended()) {
                // Closing the connection (not response.reset(), which marks the response closed itself and so skips
                // its end handlers) ends the unfinished answer and still runs the metrics and the access log.
                request.connection().close();
            }
        }

        private void gatewayTimeout() {
            GatewayProblem.GATEWAY_TIMEOUT.send(ctx, "The " + route.service().name() + " service did not answer within "
                    + route.timeout().toMillis() + " ms.");
        }
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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

    /** The address of the socket the request came on: never from a header, whatever the HTTP server is told. */
    public static String peerAddress(HttpServerRequest request) {
        SocketAddress address = request.connection() != null ? request.connection().remoteAddress()
                : request.remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
