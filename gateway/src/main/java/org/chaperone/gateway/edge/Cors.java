package org.chaperone.gateway.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * CORS for the school web apps: an exact allow-list of origins per environment. A preflight from a listed origin
 * is answered here (no token needed, nothing is forwarded); one from any other origin is refused with 403; a
 * plain request from another origin gets no CORS headers, so the browser keeps its answer from the page.
 */
public final class Cors {

    public enum Verdict { NOT_CORS, ALLOWED, PREFLIGHT_ANSWERED, PREFLIGHT_REFUSED }

    private final Set<String> origins;
    private final String methods;
    private final String headers;
    private final String exposedHeaders;
    private final String maxAge;

    public Cors(List<String> origins, List<String> methods, List<String> headers, List<String> exposedHeaders,
            Duration maxAge) {
        this.origins = Set.copyOf(origins);
        this.methods = String.join(", ", methods);
        this.headers = String.join(", ", headers);
        this.exposedHeaders = String.join(", ", exposedHeaders);
        this.maxAge = Long.toString(maxAge.toSeconds());
    }

    public Verdict apply(HttpServerRequest request, HttpServerResponse response) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return Verdict.NOT_CORS;
        }
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader("Access-Control-Request-Method") != null;
        boolean allowed = origins.contains(origin);
        response.headers().add("Vary", "Origin");
        if (!allowed) {
            return preflight ? Verdict.PREFLIGHT_REFUSED : Verdict.NOT_CORS;
        }
        response.putHeader("Access-Control-Allow-Origin", origin);
        if (preflight) {
            response.putHeader("Access-Control-Allow-Methods", methods)
                    .putHeader("Access-Control-Allow-Headers", headers)
                    .putHeader("Access-Control-Max-Age", maxAge);
            return Verdict.PREFLIGHT_ANSWERED;
        }
        response.putHeader("Access-Control-Expose-Headers", exposedHeaders);
        return Verdict.ALLOWED;
    }
}
