package org.chaperone.gateway.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's own errors, as RFC 9457 problem responses shaped like the services' ({@code type}
 * {@code urn:chaperone:problem:<kind>}, title, status, detail, instance). Never a stack trace or class name.
 */
public enum GatewayProblem {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FOUND(404, "not-found", "Not found"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway timeout"),
    HTTP_VERSION_NOT_SUPPORTED(505, "http-version-not-supported", "HTTP version not supported"),
    INTERNAL_ERROR(500, "internal-error", "Internal error");

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:chaperone:problem:";

    private final int status;
    private final String kind;
    private final String title;

    GatewayProblem(int status, String kind, String title) {
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_PREFIX + kind;
    }

    /** Answers with this problem unless a response has already started (then the connection is reset). */
    public void send(RoutingContext ctx, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
            return;
        }
        JsonObject body = new JsonObject()
                .put("type", type())
                .put("title", title)
                .put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", ctx.request().path());
        response.setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }
}
