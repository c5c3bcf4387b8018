package org.chaperone.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryFailedException;

/**
 * Posts a JSON message to an HTTP provider, signed so the provider can tell it came from Chaperone and was not
 * replayed: {@code X-Chaperone-Timestamp} (Unix seconds), {@code X-Chaperone-Id} (unique per call) and
 * {@code X-Chaperone-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + id + "." + body)>}. Any 2xx is
 * accepted; anything else, or no answer within the timeout, is a failed attempt, retried by the sender. Redirects are
 * not followed. Errors never quote the URL or the body (they may hold a number or an address).
 *
 * <p>A post may be pinned to an address ({@link #post(URI, InetAddress, byte[], Map, Map)}): the connection goes to
 * that address while TLS still checks the URL's host name (SNI and certificate). That is how a URL a caller
 * registered is called at the address {@link OutboundAddressGuard} checked, not at whatever a second DNS lookup
 * says. The JDK's {@code java.net.http.HttpClient} cannot do this (no resolver of its own, restricted {@code Host}
 * header), so the client is Vert.x's ({@code RequestOptions.setServer}).
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

    public SignedWebhook(Vertx vertx, ObjectMapper json, String secret, Duration timeout, Clock clock) {
        this(vertx, json, secret.getBytes(StandardCharsets.UTF_8), timeout, clock, "Provider");
    }

    /**
     * A webhook whose secret differs per call ({@link #post(URI, InetAddress, byte[], Map, Map)}), e.g. each school
     * app's own; {@code who} names the other end in errors.
     */
    public SignedWebhook(Vertx vertx, ObjectMapper json, Duration timeout, Clock clock, String who) {
        this(vertx, json, null, timeout, clock, who);
    }

    private SignedWebhook(Vertx vertx, ObjectMapper json, byte[] secret, Duration timeout, Clock clock, String who) {
        this.json = json;
        this.secret = secret;
        this.timeout = timeout;
        this.clock = clock;
        this.who = who;
        // Trust: the JVM's default trust store, as before. The TLS engine is made for the URL's host name even when
        // the socket goes to a pinned address, so SNI and the certificate check use the name.
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setVerifyHost(true)
                .setMaxPoolSize(16));
    }

    /** Posts {@code body} as JSON to {@code url} (resolved as usual: operator configuration); returns on a 2xx. */
    public void post(URI url, Map<String, Object> body) {
        if (secret == null) {
            throw new IllegalStateException("this webhook is signed with a secret per call");
        }
        post(url, null, secret, body, Map.of());
    }

    /** Posts {@code body} as JSON to {@code url}, connecting to {@code pinned}; returns normally on a 2xx. */
    public void post(URI url, InetAddress pinned, Map<String, Object> body) {
        if (secret == null) {
            throw new IllegalStateException("this webhook is signed with a secret per call");
        }
        post(url, pinned, secret, body, Map.of());
    }

    /**
     * Posts {@code body} as JSON to {@code url}, signed with {@code secret}, with {@code headers} besides the
     * signature's; connects to {@code pinned} when given (else resolves the URL's host); returns normally on a 2xx.
     */
    public void post(URI url, InetAddress pinned, byte[] secret, Map<String, Object> body,
            Map<String, String> headers) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryFailedException(who + ": the message cannot be written as JSON", null);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String id = UUID.randomUUID().toString();
        RequestOptions request = request(url, pinned);
        request.putHeader("Content-Type", "application/json")
                .putHeader(TIMESTAMP, timestamp)
                .putHeader(ID, id)
                .putHeader(SIGNATURE, "v1=" + sign(secret, timestamp, id, payload));
        headers.forEach((name, value) -> request.putHeader(name, value));
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Future<Integer> status = client.request(request).compose(call -> {
            sent.set(call);
            return call.send(Buffer.buffer(payload));
        }).compose(response -> response.body().map(ignored -> response.statusCode()));
        int code;
        try {
            code = status.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpClientRequest call = sent.get();
            if (call != null) {
                call.reset();
            }
            throw new DeliveryFailedException(who + ": no answer within " + timeout.toMillis() + " ms", null);
        } catch (ExecutionException e) {
            throw new DeliveryFailedException(who + ": " + failure(e.getCause() == null ? e : e.getCause()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException(who + ": interrupted", null);
        }
        if (code / 100 != 2) {
            throw new DeliveryFailedException(who + ": HTTP " + code, null);
        }
    }

    /**
     * A failed call in a few stable words, never its message (which may quote the address): the client's own
     * exception classes (Netty's, Vert.x's) are folded into the JDK's names.
     */
    private String failure(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        if (cause instanceof TimeoutException || name.contains("Timeout")) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "ConnectException";
        }
        if (cause instanceof SSLException) {
            return cause instanceof SSLHandshakeException ? "SSLHandshakeException" : "SSLException";
        }
        return name.isEmpty() ? "connection failed" : name;
    }

    /** POST to the URL's host, port and path; the socket goes to {@code pinned} when given. */
    private RequestOptions request(URI url, InetAddress pinned) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setSsl(tls).setHost(host)
                .setPort(port).setURI(path).setFollowRedirects(false).setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        if (pinned != null) {
            // The address as a literal: nothing is left for Vert.x to resolve. TLS still checks the host name.
            options.setServer(SocketAddress.inetSocketAddress(port, pinned.getHostAddress()));
        }
        return options;
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
