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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Key rotation against a real JWKS endpoint on loopback: a new key id is fetched without blocking, once. */
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

    private static String verify(TokenVerifier verifier, String token) throws Exception {
        return verifier.verify("Bearer " + token).map(VerifiedCaller::subject).otherwise("rejected")
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String token(KeyPair pair, String keyId, String subject) {
        return Jwt.issuer(ISSUER).audience("chaperone-api").subject(subject)
                .expiresAt(Instant.now().plusSeconds(600).getEpochSecond())
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
