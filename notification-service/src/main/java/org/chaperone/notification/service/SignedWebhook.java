package org.chaperone.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryFailedException;

/**
 * Posts a JSON message to an HTTP provider, signed so the provider can tell it came from Chaperone and was not
 * replayed: {@code X-Chaperone-Timestamp} (Unix seconds), {@code X-Chaperone-Id} (unique per call) and
 * {@code X-Chaperone-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + id + "." + body)>}. Any 2xx is
 * accepted; anything else, or no answer within the timeout, is a failed attempt, retried by the sender. Errors
 * never quote the URL or the body (they may hold a number or an address).
 */
public final class SignedWebhook {

    public static final String TIMESTAMP = "X-Chaperone-Timestamp";
    public static final String ID = "X-Chaperone-Id";
    public static final String SIGNATURE = "X-Chaperone-Signature";

    private final HttpClient client;
    private final ObjectMapper json;
    private final byte[] secret;
    private final Duration timeout;
    private final Clock clock;
    private final String who;

    public SignedWebhook(ObjectMapper json, String secret, Duration timeout, Clock clock) {
        this(json, secret.getBytes(StandardCharsets.UTF_8), timeout, clock, "Provider");
    }

    /**
     * A webhook whose secret differs per call ({@link #post(URI, byte[], Map, Map)}), e.g. each school app's own;
     * {@code who} names the other end in errors.
     */
    public SignedWebhook(ObjectMapper json, Duration timeout, Clock clock, String who) {
        this(json, null, timeout, clock, who);
    }

    private SignedWebhook(ObjectMapper json, byte[] secret, Duration timeout, Clock clock, String who) {
        this.json = json;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
        this.who = who;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts {@code body} as JSON to {@code url}; returns normally on a 2xx. */
    public void post(URI url, Map<String, Object> body) {
        if (secret == null) {
            throw new IllegalStateException("this webhook is signed with a secret per call");
        }
        post(url, secret, body, Map.of());
    }

    /**
     * Posts {@code body} as JSON to {@code url}, signed with {@code secret}, with {@code headers} besides the
     * signature's; returns normally on a 2xx.
     */
    public void post(URI url, byte[] secret, Map<String, Object> body, Map<String, String> headers) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailedException(who + ": the message cannot be written as JSON", null);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String id = UUID.randomUUID().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(TIMESTAMP, timestamp)
                .header(ID, id)
                .header(SIGNATURE, "v1=" + sign(secret, timestamp, id, payload));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailedException(who + ": " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException(who + ": interrupted", null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailedException(who + ": HTTP " + response.statusCode(), null);
        }
    }

    /** The hex HMAC-SHA256 of {@code timestamp.id.body} under {@code secret}: what a provider recomputes. */
    public static String sign(byte[] secret, String timestamp, String id, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + "." + id + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
