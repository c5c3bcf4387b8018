package org.chaperone.bench.dispatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/**
 * The benchmark's own identity provider: a fresh RSA key pair per run, its public half as PEM for the service
 * ({@code CHAPERONE_JWT_PUBLIC_KEY}), its private half kept under target/ to sign RS256 tokens for staff, the school
 * apps and the trust's admin. Nothing here is a real key. Main args: directory (writes the key pair).
 */
public final class BenchKeys {

    public static final String ISSUER = "https://idp.chaperone.local/bench";
    public static final String AUDIENCE = "chaperone-api";

    private final PrivateKey key;

    private BenchKeys(PrivateKey key) {
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("public.pem"), pem, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("private.key"),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        System.out.println("wrote " + dir.resolve("public.pem"));
    }

    static BenchKeys read(Path dir) throws Exception {
        byte[] der = Base64.getDecoder().decode(Files.readString(dir.resolve("private.key")).strip());
        return new BenchKeys(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }

    /** A token valid for three hours; {@code schools} may be empty (the trust's admin). */
    String token(String subject, List<String> roles, List<String> schools) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(180);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        claims.setStringListClaim("schools", schools);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("bench");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
