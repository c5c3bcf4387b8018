package org.chaperone.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.chaperone.testkit.Tokens;

/**
 * Real HTTP services on loopback standing in for the four Chaperone services (plus a hanging one and a vacant
 * port): each records every request it receives and answers by path: an echo of what arrived (method, path,
 * query, headers, body length and SHA-256, streamed), {@code .../problem} a problem response, {@code .../delay}
 * after 200 ms, {@code .../download?bytes=N} N streamed bytes, {@code .../hop-by-hop} an answer with hop-by-hop
 * headers, {@code .../stall} a head and a first chunk and then nothing, and {@code /q/openapi} its OpenAPI
 * document. A response whose connection closes before it ended is recorded too ({@link #CLOSED_EARLY}).
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    /** The public routes each stub serves, as the gateway is configured in application.properties. */
    static final Map<String, List<String>> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("consent", List.of("/api/v1/pupils", "/api/v1/guardians", "/api/v1/consent-requests",
                "/api/v1/consents", "/api/v1/consent-status"));
        ROUTES.put("scheduling", List.of("/api/v1/sessions", "/api/v1/policies", "/api/v1/staff",
                "/api/v1/follow-ups"));
        ROUTES.put("incident", List.of("/api/v1/concerns", "/api/v1/access-audit", "/api/v1/child-protection"));
        ROUTES.put("notification", List.of("/api/v1/contact-points", "/api/v1/rota", "/api/v1/deliveries",
                "/api/v1/templates"));
        ROUTES.put("slow", List.of("/api/v1/slow"));
    }

    static final String VACANT_ROUTE = "/api/v1/vacant";
    static final long SLOW_TIMEOUT_MILLIS = 600;
    /** The route whose time is short, so that a stalled answer is cut off soon. */
    static final String STALL_ROUTE = "/api/v1/consent-status";
    static final long STALL_TIMEOUT_MILLIS = 800;
    static final String ALLOWED_ORIGIN = "https://school-app.example";

    /** What a stub received, as it arrived. */
    public record Received(String service, String method, String uri, Map<String, List<String>> headers) {
        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    static final ConcurrentLinkedQueue<Received> RECEIVED = new ConcurrentLinkedQueue<>();
    /** The URIs of requests whose connection closed before their response ended (the gateway reset them). */
    static final ConcurrentLinkedQueue<String> CLOSED_EARLY = new ConcurrentLinkedQueue<>();
    private static Vertx vertx;
    private static final Map<String, HttpServer> SERVERS = new HashMap<>();

    static List<Received> receivedFor(String uriPart) {
        return RECEIVED.stream().filter(r -> r.uri().contains(uriPart)).toList();
    }

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Tokens.quarkusConfig().size() + 32);
        if (vertx == null) {
            vertx = Vertx.vertx();
            for (String service : ROUTES.keySet()) {
                SERVERS.put(service, startStub(service));
            }
        }
        for (var entry : SERVERS.entrySet()) {
            config.put("chaperone.gateway.services." + entry.getKey() + ".url",
                    "http://127.0.0.1:" + entry.getValue().actualPort());
        }
        config.put("chaperone.gateway.routes.\"/api/v1/slow\"", "slow");
        config.put("chaperone.gateway.route-timeouts.\"/api/v1/slow\"", SLOW_TIMEOUT_MILLIS + "ms");
        config.put("chaperone.gateway.route-timeouts.\"" + STALL_ROUTE + "\"", STALL_TIMEOUT_MILLIS + "ms");
        config.put("chaperone.gateway.services.vacant.url", "http://127.0.0.1:" + vacantPort());
        config.put("chaperone.gateway.routes.\"" + VACANT_ROUTE + "\"", "vacant");
        config.put("chaperone.gateway.jwt.public-key", Tokens.quarkusConfig().get("mp.jwt.verify.publickey"));
        config.put("chaperone.gateway.jwt.issuer", Tokens.ISSUER);
        config.put("chaperone.gateway.jwt.audience", Tokens.AUDIENCE);
        config.put("chaperone.gateway.cors.origins", ALLOWED_ORIGIN);
        return config;
    }

    @Override
    public void stop() {
        // Kept for the next application start in this JVM (a test profile restarts the gateway only).
    }

    private static int vacantPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startStub(String service) {
        try {
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(request -> handle(service, request))
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("stub " + service + " did not start", e);
        }
    }

    private static void handle(String service, HttpServerRequest request) {
        if (request.path().equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi(service).toBuffer());
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new java.util.ArrayList<>())
                .add(h.getValue()));
        RECEIVED.add(new Received(service, request.method().name(), request.uri(), headers));
        HttpServerResponse response = request.response();
        String uri = request.uri();
        response.closeHandler(closed -> {
            if (!response.ended()) {
                CLOSED_EARLY.add(uri);
            }
        });
        if (service.equals("slow")) {
            return; // never answers; the gateway's route timeout must
        }
        String path = request.path();
        if (path.endsWith("/stall")) {
            // A head and a first chunk, then silence, with the connection open.
            request.resume();
            response.setChunked(true).putHeader("Content-Type", "text/plain").write("partial answer ");
            return;
        }
        if (path.endsWith("/hop-by-hop")) {
            request.resume();
            response.putHeader("Connection", "keep-alive, X-Backend-Hop")
                    .putHeader("X-Backend-Hop", "for-the-gateway-only")
                    .putHeader("Keep-Alive", "timeout=30")
                    .putHeader("Proxy-Authenticate", "Basic realm=\"stub\"")
                    .putHeader("Trailer", "X-Checksum")
                    .putHeader("X-Powered-By", "stub")
                    .putHeader("X-Stub-Service", service)
                    .putHeader("Content-Type", "text/plain")
                    .end("ok");
            return;
        }
        if (path.endsWith("/problem")) {
            request.resume();
            response.setStatusCode(422).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("type", "urn:chaperone:problem:policy-violation")
                            .put("title", "Policy violation").put("status", 422)
                            .put("rules", new JsonArray().add("R1")).encode());
            return;
        }
        if (path.endsWith("/download")) {
            long bytes = Long.parseLong(request.getParam("bytes", "1000000"));
            response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
            request.resume();
            writeBytes(response, bytes, Buffer.buffer(new byte[64 * 1024]));
            return;
        }
        MessageDigest digest = sha256();
        long[] length = {0};
        Buffer small = Buffer.buffer();
        request.handler(chunk -> {
            digest.update(chunk.getBytes());
            length[0] += chunk.length();
            if (small.length() < 4096) {
                small.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            JsonObject echo = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("path", request.path())
                    .put("query", request.query())
                    .put("bodyBytes", length[0])
                    .put("bodySha256", HexFormat.of().formatHex(digest.digest()))
                    .put("body", length[0] <= 4096 ? small.toString() : null);
            int status = Integer.parseInt(request.getParam("status", "200"));
            Runnable answer = () -> response.setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Stub-Service", service)
                    .putHeader("Server", "stub/1.0")
                    .end(echo.toBuffer());
            if (path.endsWith("/delay")) {
                vertx.setTimer(200, id -> {
                    if (!response.closed()) {
                        answer.run();
                    }
                });
            } else {
                answer.run();
            }
        });
    }

    private static void writeBytes(HttpServerResponse response, long remaining, Buffer chunk) {
        while (remaining > 0 && !response.writeQueueFull()) {
            int size = (int) Math.min(chunk.length(), remaining);
            response.write(size == chunk.length() ? chunk : chunk.getBuffer(0, size));
            remaining -= size;
        }
        if (remaining == 0) {
            response.end();
            return;
        }
        long left = remaining;
        response.drainHandler(v -> writeBytes(response, left, chunk));
    }

    /** Each stub documents every one of its routes; schema "Error" differs per service to exercise renaming. */
    static JsonObject openApi(String service) {
        JsonObject paths = new JsonObject();
        for (String prefix : ROUTES.get(service)) {
            paths.put(prefix, new JsonObject().put("get", new JsonObject().put("summary", "List " + prefix)
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok"))
                            .put("400", new JsonObject().put("description", "bad").put("content", new JsonObject()
                                    .put("application/problem+json", new JsonObject().put("schema",
                                            new JsonObject().put("$ref", "#/components/schemas/Error"))))))));
            paths.put(prefix + "/{id}", new JsonObject().put("get", new JsonObject().put("summary", "One of " + prefix)
                    .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")))));
        }
        paths.put("/internal/" + service, new JsonObject().put("get", new JsonObject().put("summary", "not public")));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service).put("version", "1"))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Error", new JsonObject().put("type", "object").put("description", service))
                        .put("Shared", new JsonObject().put("type", "string"))));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
