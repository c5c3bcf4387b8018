package org.chaperone.gateway.security;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The keys tokens may be signed with: one fixed key (the dev stack's PEM, a test key) or the identity provider's
 * JWKS, fetched with the non-blocking Vert.x client (never on a blocked event loop), kept in memory, fetched again
 * periodically and when a token names a key id not seen yet (key rotation), at most every {@link #MIN_REFETCH}.
 */
public abstract class SigningKeys {

    static final Duration MIN_REFETCH = Duration.ofSeconds(30);

    /** The key for a key id (null when the token names none), or null when unknown. */
    abstract Key find(String keyId);

    /** Fetches the key set again if that may bring an unknown key; completes false when nothing new can come. */
    abstract Future<Boolean> refreshForUnknownKey();

    void close() {
    }

    public static SigningKeys of(Vertx vertx, String location, Duration refresh) {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return new Jwks(vertx, location, refresh, MIN_REFETCH);
        }
        try {
            return fromText(Files.readString(Path.of(location), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token verification key " + location, e);
        }
    }

    /** A PEM public key, a bare base64 DER key, or a JWK set. */
    public static SigningKeys fromText(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            return new Fixed(parseKeySet(trimmed));
        }
        String base64 = trimmed.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new Fixed(key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the token verification key is not an RSA public key", e);
        }
    }

    static List<JsonWebKey> parseKeySet(String json) {
        try {
            return new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWK set", e);
        }
    }

    static Key select(List<JsonWebKey> keys, String keyId) {
        for (JsonWebKey jwk : keys) {
            boolean forSigning = jwk.getUse() == null || "sig".equals(jwk.getUse());
            if (forSigning && jwk instanceof PublicJsonWebKey publicKey
                    && (keyId == null ? keys.size() == 1 : keyId.equals(jwk.getKeyId()))) {
                return publicKey.getPublicKey();
            }
        }
        return null;
    }

    private static final class Fixed extends SigningKeys {
        private final PublicKey key;
        private final List<JsonWebKey> keySet;

        Fixed(PublicKey key) {
            this.key = key;
            this.keySet = null;
        }

        Fixed(List<JsonWebKey> keySet) {
            this.key = null;
            this.keySet = keySet;
        }

        @Override
        Key find(String keyId) {
            // A single configured key verifies whatever key id the token names.
            return key != null ? key : select(keySet, keyId);
        }

        @Override
        Future<Boolean> refreshForUnknownKey() {
            return Future.succeededFuture(false);
        }
    }

    static final class Jwks extends SigningKeys {
        private static final Logger LOG = Logger.getLogger(Jwks.class);

        private final Vertx vertx;
        private final Context context;
        private final HttpClient client;
        private final String url;
        private final long timer;
        private final long minRefetchNanos;
        private volatile List<JsonWebKey> keys = List.of();
        private volatile long lastFetchNanos;
        private Future<Boolean> inFlight;

        Jwks(Vertx vertx, String url, Duration refresh, Duration minRefetch) {
            this.vertx = vertx;
            // Every fetch runs on this one context: the response body is then read on the thread that receives it.
            // Started from another thread (startup, a test), the body handler could be set after the body had
            // arrived, and the fetch would see an empty document.
            this.context = vertx.getOrCreateContext();
            this.minRefetchNanos = minRefetch.toNanos();
            this.url = url;
            this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(3000).setMaxPoolSize(2));
            fetch();
            this.timer = vertx.setPeriodic(Math.max(1000, refresh.toMillis()), id -> fetch());
        }

        @Override
        Key find(String keyId) {
            return select(keys, keyId);
        }

        @Override
        synchronized Future<Boolean> refreshForUnknownKey() {
            if (inFlight != null) {
                return inFlight;
            }
            if (System.nanoTime() - lastFetchNanos < minRefetchNanos) {
                return Future.succeededFuture(false);
            }
            return fetch();
        }

        private synchronized Future<Boolean> fetch() {
            if (inFlight != null) {
                return inFlight;
            }
            lastFetchNanos = System.nanoTime();
            Promise<Boolean> result = Promise.promise();
            context.runOnContext(v -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
                            .setAbsoluteURI(url).setIdleTimeout(5000).putHeader("Accept", "application/json"))
                    .compose(request -> request.send())
                    .compose(response -> response.statusCode() == 200
                            ? response.body()
                            : Future.failedFuture("JWKS answered " + response.statusCode()))
                    .map(body -> {
                        keys = parseKeySet(body.toString(StandardCharsets.UTF_8));
                        return true;
                    })
                    .recover(failure -> {
                        LOG.warnf("cannot fetch the JWKS %s: %s (keeping %d known keys)", url, failure.getMessage(),
                                keys.size());
                        return Future.succeededFuture(false);
                    })
                    .onComplete(result));
            Future<Boolean> fetched = result.future();
            inFlight = fetched;
            fetched.onComplete(done -> {
                synchronized (this) {
                    inFlight = null;
                }
            });
            return fetched;
        }

        @Override
        void close() {
            vertx.cancelTimer(timer);
            client.close();
        }
    }
}
