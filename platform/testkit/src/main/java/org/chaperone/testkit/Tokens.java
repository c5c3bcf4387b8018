package org.chaperone.testkit;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints RS256 tokens for tests, shaped like the trust's identity provider's: {@code groups} (roles),
 * {@code schools}, and for parents {@code guardian_id}. The signing key pair is made afresh in each test
 * JVM, so no private key is ever committed; services under test trust its public key through
 * {@link #quarkusConfig()}. Broken variants (expired, wrong issuer, wrong key, {@code alg: none},
 * HS256 keyed with the public key) exist to prove that services reject them.
 */
public final class Tokens {

    public static final String ISSUER = "https://idp.test.chaperone.local";
    public static final String AUDIENCE = "chaperone-api";

    private static final KeyPair TRUSTED = newKeyPair();
    private static final KeyPair UNTRUSTED = newKeyPair();

    private Tokens() {
    }

    /** Settings for a service under test to verify tokens minted here. */
    public static Map<String, String> quarkusConfig() {
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    public static Builder subject(String subject) {
        return new Builder(subject);
    }

    /** A member of staff of one school with the given roles (default {@code staff}). */
    public static String staff(String subject, String school, String... roles) {
        return subject(subject).schools(school).roles(roles.length == 0 ? new String[] {"staff"} : roles).sign();
    }

    /** A parent acting as the guardian the school app registered. */
    public static String parent(UUID guardianId, String school) {
        return subject("parent-" + guardianId).roles("parent").schools(school).guardianId(guardianId).sign();
    }

    public static final class Builder {
        private final String subject;
        private Set<String> roles = Set.of();
        private List<String> schools = List.of();
        private UUID guardianId;
        private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(30));
        private String issuer = ISSUER;
        private String audience = AUDIENCE;

        private Builder(String subject) {
            this.subject = subject;
        }

        public Builder roles(String... roles) {
            this.roles = Set.of(roles);
            return this;
        }

        public Builder schools(String... schools) {
            this.schools = List.of(schools);
            return this;
        }

        public Builder guardianId(UUID guardianId) {
            this.guardianId = guardianId;
            return this;
        }

        /** Expired an hour ago, well past any clock skew allowance. */
        public Builder expired() {
            this.expiresAt = Instant.now().minus(Duration.ofHours(1));
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Signed with the trusted key: accepted unless another property is broken. */
        public String sign() {
            return claims().jws().keyId("test-key").sign(TRUSTED.getPrivate());
        }

        /** Signed with a key the services do not trust. */
        public String signWithUntrustedKey() {
            return claims().jws().keyId("test-key").sign(UNTRUSTED.getPrivate());
        }

        /** HMAC-signed with the trusted public key as the secret: the classic algorithm-confusion attack. */
        public String signHs256WithPublicKey() {
            byte[] secret = TRUSTED.getPublic().getEncoded();
            return claims().jws().algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(secret, "HmacSHA256"));
        }

        /** An unsigned token ({@code alg: none}) with the same claims. */
        public String unsigned() {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("iss", issuer);
            payload.put("aud", audience);
            payload.put("sub", subject);
            payload.put("upn", subject);
            payload.put("groups", roles);
            payload.put("schools", schools);
            if (guardianId != null) {
                payload.put("guardian_id", guardianId.toString());
            }
            payload.put("iat", Instant.now().getEpochSecond());
            payload.put("exp", expiresAt.getEpochSecond());
            String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            try {
                return header + "." + base64Url(org.chaperone.events.EventCodec.mapper().writeValueAsBytes(payload)) + ".";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private JwtClaimsBuilder claims() {
            JwtClaimsBuilder claims = Jwt.issuer(issuer)
                    .audience(audience)
                    .subject(subject)
                    .upn(subject)
                    .groups(roles)
                    .claim("schools", schools)
                    .issuedAt(Math.min(Instant.now().getEpochSecond(), expiresAt.getEpochSecond() - 60))
                    .expiresAt(expiresAt.getEpochSecond());
            if (guardianId != null) {
                claims.claim("guardian_id", guardianId.toString());
            }
            return claims;
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
