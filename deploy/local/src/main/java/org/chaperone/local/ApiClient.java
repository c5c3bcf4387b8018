package org.chaperone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the suite's REST API as a school app does: a bearer token, JSON both ways, an {@code Idempotency-Key} where
 * given. One client for the demo loaders, the promises demo and the end-to-end tests, against a service directly or
 * the gateway.
 */
public final class ApiClient {

    /** An answer: its status, its JSON body (an empty object when there is none or it is not JSON) and the text. */
    public record Answer(int status, JsonNode body, String raw) {

        /** This answer, when its status is {@code wanted}; otherwise an {@link UnexpectedAnswer} naming both. */
        public Answer expect(int wanted) {
            if (status != wanted) {
                throw new UnexpectedAnswer("expected HTTP " + wanted + ", got " + status + ": " + abbreviate(raw));
            }
            return this;
        }
    }

    /** An answer with another status than the caller expected. */
    public static final class UnexpectedAnswer extends IllegalStateException {

        UnexpectedAnswer(String message) {
            super(message);
        }
    }

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;

    public ApiClient(URI base, Duration connectTimeout) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public URI base() {
        return base;
    }

    /** One attempt ({@code token} null for the open paths); an I/O failure (nothing listening, a reset, a timeout) is thrown, as a client would see it. */
    public Answer send(String method, String path, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body() == null ? "" : response.body();
        JsonNode json;
        try {
            json = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException notJson) {
            json = JSON.createObjectNode();
        }
        return new Answer(response.statusCode(), json, raw);
    }

    /** The body of an answer with status {@code expected}; any other status is an {@link IOException} naming it. */
    public JsonNode expect(String method, String path, String token, Object body, String idempotencyKey,
            int expected) throws IOException, InterruptedException {
        Answer answer = send(method, path, token, body, idempotencyKey);
        if (answer.status() != expected) {
            throw new IOException(method + " " + path + " answered " + answer.status() + " (expected " + expected
                    + "): " + abbreviate(answer.raw()));
        }
        return answer.body();
    }

    /** The text on one line, cut at 400 characters: enough of a problem response to say what went wrong. */
    public static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }
}
