package org.chaperone.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation against a real JWKS endpoint on loopback (a new key id is fetched without blocking, once), and the
 * verified-token cache: one signature check per token until its expiry, bounded, sensible eviction.
 */
class TokenVerifierTest {

    static final String ISSUER = "https://idp.example";
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aRotatedKeyIsFetchedFromTheJwksAndAnUnknownOneIsRefused() throws Exception {
        KeyPair first = rsa();
        KeyPair second = rsa();
        AtomicReference<String> published = new AtomicReference<>(jwks(first, "k1"));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            fetches.incrementAndGet();
            request.response().putHeader("Content-Type", "application/json").end(published.get());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + server.actualPort() + "/jwks";
        SigningKeys keys = new SigningKeys.Jwks(vertx, url, Duration.ofMinutes(10), Duration.ZERO);
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER, "chaperone-api", Duration.ofSeconds(30),
                Duration.ofMinutes(5), 100);

        assertThat(verify(verifier, token(first, "k1", "alice"))).isEqualTo("alice");

        published.set(jwks(second, "k2"));
        assertThat(verify(verifier, token(second, "k2", "bob"))).isEqualTo("bob");

        KeyPair stranger = rsa();
        assertThat(verify(verifier, token(stranger, "k2", "mallory"))).isEqualTo("rejected");
        assertThat(verify(verifier, token(stranger, "k9", "mallory"))).isEqualTo("rejected");
        assertThat(fetches.get()).isBetween(2, 4);
        verifier.close();
    }

    /** A fixed key that counts how often a signature had to be checked. */
    static final class CountingKeys extends SigningKeys {
        final java.security.Key key;
        final AtomicInteger lookups = new AtomicInteger();

        CountingKeys(java.security.Key key) {
            this.key = key;
        }

        @Override
        java.security.Key find(String keyId) {
            lookups.incrementAndGet();
            return key;
        }

        @Override
        io.vertx.core.Future<Boolean> refreshForUnknownKey() {
            return io.vertx.core.Future.succeededFuture(false);
        }
    }

    @Test
    void aTokenIsVerifiedOnceAndThenRememberedUntilItsExpiry() throws Exception {
        KeyPair pair = rsa();
        CountingKeys keys = new CountingKeys(pair.getPublic());
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER, "chaperone-api", Duration.ofSeconds(30),
                Duration.ofHours(1), 100, now::get);
        long expiresAt = Instant.now().plusSeconds(600).getEpochSecond();
        String token = token(pair, "k1", "alice", expiresAt);

        for (int i = 0; i < 5; i++) {
            assertThat(verify(verifier, token)).isEqualTo("alice");
        }
        assertThat(keys.lookups.get()).isEqualTo(1);

        // Past its exp the cached verdict is not used: the token is checked again (and jose4j, on the real clock,
        // still finds it valid, which shows as a second signature check).
        now.set(expiresAt * 1000 + 1);
        assertThat(verify(verifier, token)).isEqualTo("alice");
        assertThat(keys.lookups.get()).isEqualTo(2);
    }

    @Test
    void theCacheTtlCapsHowLongAVerdictIsKept() throws Exception {
        KeyPair pair = rsa();
        CountingKeys keys = new CountingKeys(pair.getPublic());
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER, "chaperone-api", Duration.ofSeconds(30),
                Duration.ofMinutes(5), 100, now::get);
        String token = token(pair, "k1", "alice", Instant.now().plusSeconds(3600).getEpochSecond());
        verify(verifier, token);
        now.addAndGet(Duration.ofMinutes(4).toMillis());
        verify(verifier, token);
        assertThat(keys.lookups.get()).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        verify(verifier, token);
        assertThat(keys.lookups.get()).isEqualTo(2);
    }

    @Test
    void aFullCacheStaysBoundedAndKeepsItsBusyCallersWhenManyNewOnesArrive() throws Exception {
        KeyPair pair = rsa();
        CountingKeys keys = new CountingKeys(pair.getPublic());
        int size = 50;
        TokenVerifier verifier = new TokenVerifier(keys, ISSUER, "chaperone-api", Duration.ofSeconds(30),
                Duration.ofMinutes(5), size);
        long expiresAt = Instant.now().plusSeconds(600).getEpochSecond();
        List<String> oneOff = new ArrayList<>();
        for (int i = 0; i < 4 * size; i++) {
            oneOff.add(token(pair, "k1", "once-" + i, expiresAt));
        }
        String busy = token(pair, "k1", "busy", expiresAt);
        for (int i = 0; i < size; i++) {
            verify(verifier, oneOff.get(i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(verify(verifier, busy)).isEqualTo("busy");
        }
        for (int i = size; i < oneOff.size(); i++) {
            verify(verifier, oneOff.get(i));
        }
        assertThat(verifier.cachedTokens()).isLessThanOrEqualTo(size);
        int before = keys.lookups.get();
        assertThat(verify(verifier, busy)).isEqualTo("busy");
        assertThat(keys.lookups.get()).as("the busy caller's token was evicted by one-off callers").isEqualTo(before);
    }

    private static String verify(TokenVerifier verifier, String token) throws Exception {
        return verifier.verify("Bearer " + token).map(VerifiedCaller::subject).otherwise("rejected")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String token(KeyPair pair, String keyId, String subject) {
        return token(pair, keyId, subject, Instant.now().plusSeconds(600).getEpochSecond());
    }

    private static String token(KeyPair pair, String keyId, String subject, long expiresAt) {
        return Jwt.issuer(ISSUER).audience("chaperone-api").subject(subject).expiresAt(expiresAt)
                .jws().keyId(keyId).sign(pair.getPrivate());
    }

    private static String jwks(KeyPair pair, String keyId) {
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
        jwk.setKeyId(keyId);
        jwk.setUse("sig");
        return new JsonWebKeySet(jwk).toJson();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
