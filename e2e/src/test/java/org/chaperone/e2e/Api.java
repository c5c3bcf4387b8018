package org.chaperone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.chaperone.local.ApiClient;

/**
 * Calls through the gateway, as a school app would: a bearer token, JSON, an idempotency key on writes; one attempt
 * is deploy/local's {@link ApiClient}, on top of which this adds a school app's retries and test-friendly failures.
 */
final class Api {

    /** How long {@link #retrying} keeps trying. */
    static final Duration RETRY_FOR = Duration.ofMinutes(5);

    private final ApiClient client;

    Api(URI gateway) {
        this.client = new ApiClient(gateway, Duration.ofSeconds(3));
    }

    ApiClient.Answer get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    ApiClient.Answer post(String path, String token, Object body, String idempotencyKey) {
        return call("POST", path, token, body, idempotencyKey);
    }

    ApiClient.Answer put(String path, String token, Object body) {
        return call("PUT", path, token, body, null);
    }

    ApiClient.Answer call(String method, String path, String token, Object body, String idempotencyKey) {
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
    ApiClient.Answer send(String method, String path, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        return client.send(method, path, token, body, idempotencyKey);
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
                ApiClient.Answer answer = send(method, path, token, body, key);
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
        return ApiClient.abbreviate(text);
    }
}
