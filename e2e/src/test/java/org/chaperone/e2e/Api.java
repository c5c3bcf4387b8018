package org.chaperone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls through the gateway, as a school app would: a bearer token, JSON, an idempotency key on writes. */
final class Api {

    /** An answer: its status and its JSON body (an empty object when there is none). */
    record Answer(int status, JsonNode body, String raw) {

        Answer expect(int wanted) {
            if (status != wanted) {
                throw new AssertionError("expected HTTP " + wanted + ", got " + status + ": " + abbreviate(raw));
            }
            return this;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Api(URI gateway) {
        this.gateway = gateway;
    }

    Answer get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    Answer post(String path, String token, Object body, String idempotencyKey) {
        return call("POST", path, token, body, idempotencyKey);
    }

    Answer put(String path, String token, Object body) {
        return call("PUT", path, token, body, null);
    }

    Answer call(String method, String path, String token, Object body, String idempotencyKey) {
        try {
            return send(method, path, token, body, idempotencyKey);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One attempt; an I/O failure (the gateway down, a reset) is thrown, as a client would see it. */
    Answer send(String method, String path, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        JsonNode json;
        try {
            json = raw == null || raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        return new Answer(response.statusCode(), json, raw == null ? "" : raw);
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
