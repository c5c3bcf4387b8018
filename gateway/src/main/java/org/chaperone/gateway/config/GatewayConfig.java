package org.chaperone.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own settings. The route table is data: {@code routes."<public path prefix>"=<service>}, so a
 * service that gains an API only adds lines to application.properties.
 */
@ConfigMapping(prefix = "chaperone.gateway")
public interface GatewayConfig {

    /** Upstream services by name (consent, scheduling, ...). */
    Map<String, Service> services();

    /** Public path prefix (e.g. {@code /api/v1/pupils}) to service name; matched on whole path segments. */
    Map<String, String> routes();

    /** Per-route timeouts overriding the service's, keyed by the same prefix as {@link #routes()}. */
    Map<String, Duration> routeTimeouts();

    /** The largest request body accepted, declared (Content-Length) or streamed (chunked). */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** Connections per upstream service; the Vert.x default of 5 is far too small for a proxy. */
    @WithDefault("64")
    int maxConnectionsPerService();

    /** How long a new upstream connection may take. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * The proxies in front of the gateway (the ingress controller's pod addresses), as CIDR ranges: from these,
     * and only these, the caller's address is taken from {@code X-Forwarded-For} for the per-address limit and the
     * access log. None by default: the socket's address is the caller's.
     */
    Optional<List<String>> trustedProxies();

    /** Access log lines waiting to be written to stdout; beyond this, new lines are dropped (and counted). */
    @WithDefault("16384")
    int accessLogQueue();

    Jwt jwt();

    RateLimit rateLimit();

    Breaker circuitBreaker();

    Cors cors();

    /** Send Strict-Transport-Security: set where the gateway is reached only over TLS (the ingress terminates it). */
    @WithDefault("false")
    boolean hsts();

    ApiDocument openapi();

    interface Service {
        URI url();

        /**
         * No response head for this long after the gateway starts forwarding (waiting for a pooled connection
         * included): 504. Once the answer has begun, nothing more of it for this long: both connections are reset
         * (a started answer cannot become a 504). Checked every 100 ms, so either comes at most that much later.
         */
        @WithDefault("10s")
        Duration timeout();

        /** Where the service serves its OpenAPI document as JSON. */
        @WithDefault("/q/openapi?format=json")
        String openapiPath();
    }

    interface Jwt {
        String issuer();

        String audience();

        /** A PEM or JWK-set file, or an http(s) JWKS URL (fetched without blocking, cached, refreshed). */
        Optional<String> publicKeyLocation();

        /** The identity provider's JWKS URL; takes precedence over {@link #publicKeyLocation()}. */
        Optional<String> jwksUrl();

        /** The public key itself (PEM or base64 DER): for tests. */
        Optional<String> publicKey();

        @WithDefault("30s")
        Duration clockSkew();

        /** How often a JWKS is fetched again; an unknown key id triggers an earlier fetch. */
        @WithDefault("10m")
        Duration jwksRefresh();

        /** A verified token is remembered until it expires, but at most this long. */
        @WithDefault("5m")
        Duration cacheTtl();

        @WithDefault("20000")
        int cacheSize();
    }

    interface RateLimit {
        /** Every request to /api from one client address (the socket's, never X-Forwarded-For). */
        Bucket perIp();

        /** Every authenticated request of one token subject. */
        Bucket perSubject();
    }

    interface Bucket {
        int requests();

        Duration period();
    }

    interface Breaker {
        /** Consecutive failures (no connection, timeout) that open a service's circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 before one trial request is let through. */
        @WithDefault("10s")
        Duration openFor();
    }

    interface Cors {
        /** Origins of the school web apps allowed to call from a browser; none by default. */
        Optional<List<String>> origins();

        @WithDefault("GET,POST,PUT,PATCH,DELETE")
        List<String> methods();

        @WithDefault("Authorization,Content-Type,Idempotency-Key,X-Request-Id,traceparent,tracestate")
        List<String> headers();

        @WithDefault("X-Request-Id,Retry-After,Location,Idempotent-Replayed")
        List<String> exposedHeaders();

        @WithDefault("10m")
        Duration maxAge();
    }

    interface ApiDocument {
        @WithDefault("Chaperone API")
        String title();

        @WithDefault("1.0")
        String version();

        /** How long a merged document is reused before the services are asked again. */
        @WithDefault("30s")
        Duration cacheFor();

        @WithDefault("3s")
        Duration fetchTimeout();
    }
}
