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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.chaperone.gateway.config.GatewayConfig;
import org.chaperone.gateway.edge.Cors;
import org.chaperone.gateway.edge.RequestIds;
import org.chaperone.gateway.limits.RateLimiter;
import org.chaperone.gateway.observe.AccessLog;
import org.chaperone.gateway.observe.RouteMetrics;
import org.chaperone.gateway.openapi.ApiDocument;
import org.chaperone.gateway.openapi.DocsPage;
import org.chaperone.gateway.problem.GatewayProblem;
import org.chaperone.gateway.routing.CircuitBreaker;
import org.chaperone.gateway.routing.Route;
import org.chaperone.gateway.routing.RouteTable;
import org.chaperone.gateway.routing.ServiceProxy;
import org.chaperone.gateway.routing.UpstreamService;
import org.chaperone.gateway.security.SigningKeys;
import org.chaperone.gateway.security.TokenRejectedException;
import org.chaperone.gateway.security.TokenVerifier;
import org.chaperone.gateway.security.VerifiedCaller;

/**
 * The gateway's request pipeline on the Quarkus Vert.x router, entirely on the event loop (nothing blocks):
 * edge (request id, CORS, security headers, access log, metrics) for every request; then for {@code /api/v1/...}
 * HTTP/1.1+, per-address rate limit, path sanity, route, declared body size, token, per-subject rate limit, and
 * the streaming proxy. {@code /api/openapi} and {@code /api/docs} are open, like {@code /q/health}.
 */
@ApplicationScoped
public class GatewayRouter {

    static final String ROUTE = "chaperone.route";
    static final String SUBJECT = "chaperone.subject";
    static final String REQUEST_ID = "chaperone.requestId";

    private static final Set<String> METRIC_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

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
    private ApiDocument apiDocument;
    private RouteMetrics metrics;
    private long evictionTimer;

    GatewayRouter(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    void install(@Observes Router router) {
        table = new RouteTable(routes());
        client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.maxConnectionsPerService())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setPipelining(false));
        proxy = new ServiceProxy(client, config.maxBodySize().asLongValue());
        verifier = new TokenVerifier(signingKeys(), config.jwt().issuer(), config.jwt().audience(),
                config.jwt().clockSkew(), config.jwt().cacheTtl(), config.jwt().cacheSize());
        perIp = new RateLimiter(config.rateLimit().perIp().requests(), config.rateLimit().perIp().period());
        perSubject = new RateLimiter(config.rateLimit().perSubject().requests(),
                config.rateLimit().perSubject().period());
        evictionTimer = vertx.setPeriodic(60_000, id -> {
            perIp.evictIdle();
            perSubject.evictIdle();
        });
        cors = new Cors(config.cors().origins().orElse(List.of()), config.cors().methods(), config.cors().headers(),
                config.cors().exposedHeaders(), config.cors().maxAge());
        apiDocument = new ApiDocument(client, table.routes(), config.openapi().title(), config.openapi().version(),
                config.openapi().cacheFor(), config.openapi().fetchTimeout());
        metrics = new RouteMetrics(registry);

        router.route().order(-1000).handler(this::edge);
        router.get("/api/openapi").handler(this::openApi);
        router.get("/api/docs").handler(this::docs);
        router.route("/api/*").handler(this::api);
        // Last of all: whatever no route (ours or Quarkus' /q/...) took is a problem response too, not an HTML page.
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> fail(ctx, GatewayProblem.NOT_FOUND, "Nothing here."));
    }

    void shutdown(@Observes ShutdownEvent event) {
        vertx.cancelTimer(evictionTimer);
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

    /** Every request: request id, CORS, security headers; for /api also metrics and the access log. */
    private void edge(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        ctx.put(REQUEST_ID, requestId);
        long started = System.nanoTime();
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
        if (path.startsWith("/api/")) {
            ctx.addEndHandler(done -> observe(ctx, requestId, started));
        }
        switch (cors.apply(request, response)) {
            case PREFLIGHT_ANSWERED -> response.setStatusCode(204).end();
            case PREFLIGHT_REFUSED -> GatewayProblem.FORBIDDEN.send(ctx, "This origin may not call the API.");
            default -> ctx.next();
        }
    }

    private void observe(RoutingContext ctx, String requestId, long started) {
        long nanos = System.nanoTime() - started;
        HttpServerRequest request = ctx.request();
        Route route = ctx.get(ROUTE);
        String routeName = route != null ? route.prefix() : ctx.get(ROUTE + ".name", "none");
        String service = route != null ? route.service().name() : "gateway";
        int status = ctx.response().closed() && !ctx.response().ended() ? 499 : ctx.response().getStatusCode();
        String method = request.method().name();
        metrics.record(routeName, service, METRIC_METHODS.contains(method) ? method : "OTHER", status, nanos);
        String traceparent = request.getHeader("traceparent");
        AccessLog.record(requestId, RequestIds.validTraceparent(traceparent) ? traceparent.substring(3, 35) : null,
                ctx.get(SUBJECT), method, request.path(), routeName, service, status, nanos / 1e6,
                ctx.response().bytesWritten(), request.remoteAddress() == null ? null
                        : request.remoteAddress().hostAddress());
    }

    private boolean throttledByAddress(RoutingContext ctx) {
        // The socket's address, never X-Forwarded-For: a caller cannot pick its own bucket.
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        RateLimiter.Decision decision = perIp.acquire(address);
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
        ctx.put(ROUTE + ".name", "/api/openapi");
        if (throttledByAddress(ctx)) {
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
        ctx.put(ROUTE + ".name", "/api/docs");
        if (throttledByAddress(ctx)) {
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

    private void api(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // Nothing may be read from the body before the service is connected; the proxy resumes it.
        request.pause();
        if (request.version() == HttpVersion.HTTP_1_0) {
            // The proxy would have to buffer a chunked answer whole for an HTTP/1.0 client.
            ctx.response().putHeader("Connection", "close");
            fail(ctx, GatewayProblem.HTTP_VERSION_NOT_SUPPORTED, "Use HTTP/1.1 or later.");
            return;
        }
        if (throttledByAddress(ctx)) {
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
        ctx.put(ROUTE, route);
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
            ctx.put(SUBJECT, caller.subject());
            RateLimiter.Decision decision = perSubject.acquire(caller.subject());
            if (!decision.allowed()) {
                request.resume();
                tooMany(ctx, decision);
                return;
            }
            proxy.forward(ctx, route, ctx.get(REQUEST_ID));
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

    private static boolean hasEncodedSeparator(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("//")
                || path.indexOf('\\') >= 0;
    }
}
