package org.chaperone.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaperone.gateway.config.GatewayConfig;
import org.chaperone.gateway.edge.Cors;
import org.chaperone.gateway.edge.RequestIds;
import org.chaperone.gateway.edge.TrustedProxies;
import org.chaperone.gateway.limits.RateLimiter;
import org.chaperone.gateway.observe.AccessLog;
import org.chaperone.gateway.observe.AccessLogWriter;
import org.chaperone.gateway.observe.RouteMetrics;
import org.chaperone.gateway.openapi.ApiDocument;
import org.chaperone.gateway.openapi.DocsPage;
import org.chaperone.gateway.problem.GatewayProblem;
import org.chaperone.gateway.routing.CircuitBreaker;
import org.chaperone.gateway.routing.EventLoopClients;
import org.chaperone.gateway.routing.Route;
import org.chaperone.gateway.routing.RouteTable;
import org.chaperone.gateway.routing.ServiceProxy;
import org.chaperone.gateway.routing.UpstreamService;
import org.chaperone.gateway.security.SigningKeys;
import org.chaperone.gateway.security.TokenRejectedException;
import org.chaperone.gateway.security.TokenVerifier;
import org.chaperone.gateway.security.VerifiedCaller;
import org.jboss.logging.Logger;

/**
 * The gateway's request pipeline on the Quarkus Vert.x router, entirely on the event loop (nothing blocks):
 * edge (request id, CORS, security headers, access log, metrics) for every request; then for {@code /api/v1/...}
 * HTTP/1.1+, per-address rate limit, path sanity, route, declared body size, token, per-subject rate limit, and
 * the streaming proxy. {@code /api/openapi} and {@code /api/docs} are open, like {@code /q/health}.
 */
@ApplicationScoped
public class GatewayRouter {

    private static final Logger LOG = Logger.getLogger(GatewayRouter.class);

    /** The routing context's key for the {@link ApiCall} of a request to /api. */
    static final String CALL = "chaperone.call";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;

    private RouteTable table;
    private HttpClient client;
    private ServiceProxy proxy;
    private TokenVerifier verifier;
    private RateLimiter perIp;
    private RateLimiter perSubject;
    private Cors cors;
    private TrustedProxies trustedProxies;
    private ApiDocument apiDocument;
    private RouteMetrics metrics;
    private Map<Route, RouteMetrics.Meters> routeMeters;
    private RouteMetrics.Meters noRouteMeters;
    private RouteMetrics.Meters openApiMeters;
    private RouteMetrics.Meters docsMeters;
    private AccessLogWriter accessLogWriter;
    private AccessLog accessLog;
    private long evictionTimer;

    GatewayRouter(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    void install(@Observes Router router) {
        table = new RouteTable(routes());
        HttpClientOptions upstream = new HttpClientOptions()
                .setMaxPoolSize(config.maxConnectionsPerService())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setPipelining(false);
        // For the API document and nothing on the request path.
        client = vertx.createHttpClient(upstream);
        EventLoopClients clients = new EventLoopClients(vertx, upstream, config.maxConnectionsPerService());
        proxy = new ServiceProxy(vertx, clients, config.maxBodySize().asLongValue());
        LOG.infof("%d routes to %d services; up to %d connections per service from each event loop; %s transport",
                table.routes().size(), config.services().size(), clients.poolSizePerLoop(),
                vertx.isNativeTransportEnabled() ? "native (epoll)" : "Java NIO");
        verifier = new TokenVerifier(signingKeys(), config.jwt().issuer(), config.jwt().audience(),
                config.jwt().clockSkew(), config.jwt().cacheTtl(), config.jwt().cacheSize());
        perIp = new RateLimiter(config.rateLimit().perIp().requests(), config.rateLimit().perIp().period());
        perSubject = new RateLimiter(config.rateLimit().perSubject().requests(),
                config.rateLimit().perSubject().period());
        evictionTimer = vertx.setPeriodic(60_000, id -> {
            perIp.evictIdle();
            perSubject.evictIdle();
        });
        trustedProxies = TrustedProxies.of(config.trustedProxies().orElse(List.of()));
        cors = new Cors(config.cors().origins().orElse(List.of()), config.cors().methods(), config.cors().headers(),
                config.cors().exposedHeaders(), config.cors().maxAge());
        apiDocument = new ApiDocument(client, table.routes(), config.openapi().title(), config.openapi().version(),
                config.openapi().cacheFor(), config.openapi().fetchTimeout());
        metrics = new RouteMetrics(registry);
        routeMeters = new IdentityHashMap<>();
        for (Route route : table.routes()) {
            routeMeters.put(route, metrics.forRoute(route.prefix(), route.service().name()));
        }
        noRouteMeters = metrics.forRoute("none", "gateway");
        openApiMeters = metrics.forRoute("/api/openapi", "gateway");
        docsMeters = metrics.forRoute("/api/docs", "gateway");
        accessLogWriter = AccessLogWriter.toStdout(config.accessLogQueue());
        accessLog = new AccessLog(accessLogWriter);

        router.route().order(-1000).handler(this::edge);
        router.get("/api/openapi").handler(this::openApi);
        router.get("/api/docs").handler(this::docs);
        router.route("/api/*").handler(this::api);
        // Last of all: whatever no route (ours or Quarkus' /q/...) took is a problem response too, not an HTML page.
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> fail(ctx, GatewayProblem.NOT_FOUND, "Nothing here."));
    }

    void shutdown(@Observes ShutdownEvent event) {
        vertx.cancelTimer(evictionTimer);
        if (proxy != null) {
            proxy.close();
        }
        if (accessLogWriter != null) {
            accessLogWriter.close();
        }
        if (verifier != null) {
            verifier.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private List<Route> routes() {
        Map<String, UpstreamService> services = new LinkedHashMap<>();
        config.services().forEach((name, service) -> services.put(name, new UpstreamService(name, service.url(),
                service.timeout(), service.openapiPath(),
                new CircuitBreaker(config.circuitBreaker().failureThreshold(), config.circuitBreaker().openFor()))));
        List<Route> routes = new ArrayList<>();
        config.routes().forEach((prefix, serviceName) -> {
            UpstreamService service = services.get(serviceName);
            if (service == null) {
                throw new IllegalStateException("route " + prefix + " names unknown service " + serviceName);
            }
            if (!prefix.startsWith("/api/") || prefix.endsWith("/")) {
                throw new IllegalStateException("route " + prefix + " must start with /api/ and not end with /");
            }
            Duration timeout = config.routeTimeouts().getOrDefault(prefix, service.timeout());
            routes.add(new Route(prefix, service, timeout));
        });
        return routes;
    }

    private SigningKeys signingKeys() {
        GatewayConfig.Jwt jwt = config.jwt();
        if (jwt.publicKey().isPresent()) {
            return SigningKeys.fromText(jwt.publicKey().get());
        }
        if (jwt.jwksUrl().isPresent()) {
            return SigningKeys.of(vertx, jwt.jwksUrl().get(), jwt.jwksRefresh());
        }
        return SigningKeys.of(vertx, jwt.publicKeyLocation().orElseThrow(() -> new IllegalStateException(
                "set CHAPERONE_JWT_PUBLIC_KEY (a PEM file) or CHAPERONE_JWT_JWKS_URL")), jwt.jwksRefresh());
    }

    /** What the gateway knows about one request to /api, for its metrics and its access log line. */
    static final class ApiCall {
        final String requestId;
        final long startedNanos;
        RouteMetrics.Meters meters;
        String routeName = "none";
        String serviceName = "gateway";
        String subject;
        String traceparent;
        /** The caller's address (see {@link TrustedProxies}), found once for the limit and the log. */
        String client;

        ApiCall(String requestId, long startedNanos, RouteMetrics.Meters meters) {
            this.requestId = requestId;
            this.startedNanos = startedNanos;
            this.meters = meters;
        }

        void route(Route route, RouteMetrics.Meters routeMeters) {
            this.meters = routeMeters;
            this.routeName = route.prefix();
            this.serviceName = route.service().name();
        }
    }

    /** Every request: request id, CORS, security headers; for /api also metrics and the access log. */
    private void edge(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        long started = System.nanoTime();
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        response.headersEndHandler(v -> {
            response.headers()
                    .set(RequestIds.HEADER, requestId)
                    .set("X-Content-Type-Options", "nosniff")
                    .set("Referrer-Policy", "no-referrer")
                    .remove("Server")
                    .remove("X-Powered-By");
            if (config.hsts()) {
                response.headers().set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
        });
        String path = request.path();
        if (path.startsWith("/api/") || path.equals("/api")) {
            ApiCall call = new ApiCall(requestId, started, noRouteMeters);
            ctx.put(CALL, call);
            ctx.addEndHandler(done -> observe(ctx, call));
        }
        switch (cors.apply(request, response)) {
            case PREFLIGHT_ANSWERED -> response.setStatusCode(204).end();
            case PREFLIGHT_REFUSED -> GatewayProblem.FORBIDDEN.send(ctx, "This origin may not call the API.");
            default -> ctx.next();
        }
    }

    private void observe(RoutingContext ctx, ApiCall call) {
        long nanos = System.nanoTime() - call.startedNanos;
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        int status = response.getStatusCode();
        if (response.closed() && !response.ended()) {
            // Cut off halfway: by the gateway because the service failed (502/504), else the caller left (499).
            Integer cutOff = ctx.get(ServiceProxy.CUT_OFF_STATUS);
            status = cutOff != null ? cutOff : 499;
        }
        call.meters.record(request.method(), status, nanos);
        if (!accessLog.enabled()) {
            return;
        }
        String traceparent = call.traceparent != null ? call.traceparent : request.getHeader("traceparent");
        accessLog.record(call.requestId,
                RequestIds.validTraceparent(traceparent) ? RequestIds.traceId(traceparent) : null,
                call.subject, request.method().name(), request.path(), call.routeName, call.serviceName, status, nanos,
                response.bytesWritten(), client(ctx, call));
    }

    /** The socket's address, or the one a trusted proxy in front saw: a caller cannot pick its own bucket. */
    private String client(RoutingContext ctx, ApiCall call) {
        if (call.client == null) {
            HttpServerRequest request = ctx.request();
            String peer = ServiceProxy.peerAddress(request);
            call.client = trustedProxies.isEmpty() ? peer
                    : trustedProxies.client(peer, request.headers().getAll("X-Forwarded-For"));
        }
        return call.client;
    }

    private boolean throttledByAddress(RoutingContext ctx, ApiCall call) {
        RateLimiter.Decision decision = perIp.acquire(client(ctx, call));
        if (!decision.allowed()) {
            tooMany(ctx, decision);
            return true;
        }
        return false;
    }

    private static void tooMany(RoutingContext ctx, RateLimiter.Decision decision) {
        ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        GatewayProblem.TOO_MANY_REQUESTS.send(ctx, "Too many requests; try again in " + decision.retryAfterSeconds()
                + " s.");
    }

    private void openApi(RoutingContext ctx) {
        if (throttledByAddress(ctx, named(ctx, "/api/openapi", openApiMeters))) {
            return;
        }
        apiDocument.current().onComplete(done -> {
            if (done.failed()) {
                GatewayProblem.INTERNAL_ERROR.send(ctx, "The API document could not be assembled.");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").end(done.result().toBuffer());
        });
    }

    private void docs(RoutingContext ctx) {
        if (throttledByAddress(ctx, named(ctx, "/api/docs", docsMeters))) {
            return;
        }
        apiDocument.current().onComplete(done -> {
            if (done.failed()) {
                GatewayProblem.INTERNAL_ERROR.send(ctx, "The API document could not be assembled.");
                return;
            }
            ctx.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Content-Security-Policy", DocsPage.CONTENT_SECURITY_POLICY)
                    .putHeader("X-Frame-Options", "DENY")
                    .end(DocsPage.render(done.result()));
        });
    }

    private static ApiCall named(RoutingContext ctx, String routeName, RouteMetrics.Meters meters) {
        ApiCall call = ctx.get(CALL);
        call.routeName = routeName;
        call.meters = meters;
        return call;
    }

    private void api(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ApiCall call = ctx.get(CALL);
        // Nothing may be read from the body before the service is connected; the proxy resumes it.
        request.pause();
        if (request.version() == HttpVersion.HTTP_1_0) {
            // The proxy would have to buffer a chunked answer whole for an HTTP/1.0 client.
            ctx.response().putHeader("Connection", "close");
            fail(ctx, GatewayProblem.HTTP_VERSION_NOT_SUPPORTED, "Use HTTP/1.1 or later.");
            return;
        }
        if (throttledByAddress(ctx, call)) {
            request.resume();
            return;
        }
        String path = request.path();
        if (!path.equals(ctx.normalizedPath()) || hasEncodedSeparator(path)) {
            fail(ctx, GatewayProblem.BAD_REQUEST, "The path must be in normal form (no dot segments, no encoded"
                    + " separators, no empty segments).");
            return;
        }
        Route route = table.find(path);
        if (route == null) {
            fail(ctx, GatewayProblem.NOT_FOUND, "No API at this path.");
            return;
        }
        call.route(route, routeMeters.get(route));
        if (declaredBodyTooLarge(request)) {
            ctx.response().putHeader("Connection", "close");
            fail(ctx, GatewayProblem.PAYLOAD_TOO_LARGE, "The request body is larger than "
                    + config.maxBodySize().asLongValue() + " bytes.");
            return;
        }
        verifier.verify(request.getHeader("Authorization")).onComplete(verified -> {
            if (verified.failed()) {
                String reason = verified.cause() instanceof TokenRejectedException
                        ? verified.cause().getMessage() : "The token could not be verified.";
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"chaperone\"");
                fail(ctx, GatewayProblem.UNAUTHORIZED, reason);
                return;
            }
            VerifiedCaller caller = verified.result();
            call.subject = caller.subject();
            RateLimiter.Decision decision = perSubject.acquire(caller.subject());
            if (!decision.allowed()) {
                request.resume();
                tooMany(ctx, decision);
                return;
            }
            // The caller's trace if it sent a valid one, else a new one: passed on, and named in the access log.
            String traceparent = request.getHeader("traceparent");
            call.traceparent = RequestIds.validTraceparent(traceparent) ? traceparent : RequestIds.newTraceparent();
            proxy.forward(ctx, route, call.requestId, call.traceparent);
        });
    }

    private static void fail(RoutingContext ctx, GatewayProblem problem, String detail) {
        // Whatever body came with a refused request is read and dropped, so the connection stays usable.
        ctx.request().resume();
        problem.send(ctx, detail);
    }

    private boolean declaredBodyTooLarge(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > config.maxBodySize().asLongValue();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** {@code %2f}, {@code %5c}, {@code %2e} (any case), {@code //} or a backslash: one pass, no copies. */
    static boolean hasEncodedSeparator(String path) {
        int length = path.length();
        for (int i = 0; i < length; i++) {
            char c = path.charAt(i);
            if (c == '\\' || (c == '/' && i + 1 < length && path.charAt(i + 1) == '/')) {
                return true;
            }
            if (c == '%' && i + 2 < length) {
                char high = path.charAt(i + 1);
                char low = Character.toLowerCase(path.charAt(i + 2));
                if ((high == '2' && (low == 'f' || low == 'e')) || (high == '5' && low == 'c')) {
                    return true;
                }
            }
        }
        return false;
    }
}
