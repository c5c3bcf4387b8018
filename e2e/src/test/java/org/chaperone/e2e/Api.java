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
import java.time.Instant;

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
    /** How long {@link #retrying} keeps trying. */
    static final Duration RETRY_FOR = Duration.ofMinutes(5);

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

    /**
     * A school app's retry: the same request with the same idempotency key until it is answered as wanted. While a
     * part is down the gateway answers 502, 503 or 504, or nothing at all; any other answer is a defect.
     */
    JsonNode retrying(String method, String path, String token, Object body, String key, int wanted) {
        Instant deadline = Instant.now().plus(RETRY_FOR);
        String last = "nothing";
        boolean failedBefore = false;
        while (Instant.now().isBefore(deadline)) {
            try {
                Answer answer = send(method, path, token, body, key);
                if (answer.status() == wanted) {
                    return answer.body();
                }
                last = "HTTP " + answer.status() + " " + abbreviate(answer.raw());
                // a 409 after an attempt that timed out: that attempt may still be committing; once it has, the
                // same idempotency key answers what it answered
                boolean inFlight = answer.status() == 409 && failedBefore && key != null;
                if (answer.status() < 500 && answer.status() != 429 && !inFlight) {
                    throw new AssertionError(method + " " + path + " answered " + last);
                }
                failedBefore = true;
            } catch (IOException e) {
                failedBefore = true;
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Mailbox.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError(method + " " + path + " not answered " + wanted + " within " + RETRY_FOR
                + "; last: " + last);
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 500 ? flat.substring(0, 500) + "..." : flat;
    }
}
