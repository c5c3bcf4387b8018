package org.chaperone.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Writes a fresh RSA key pair's public half as PEM (for the gateway's CHAPERONE_JWT_PUBLIC_KEY) and RS256 tokens,
 * one per line, for distinct subjects (like many staff members of a few schools), valid for three hours.
 * Args: directory issuer audience count.
 */
public final class Setup {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        String audience = args[2];
        int count = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("public.pem"), pem, StandardCharsets.US_ASCII);
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(token(pair, issuer, audience, i));
        }
        Files.write(dir.resolve("tokens.txt"), tokens, StandardCharsets.US_ASCII);
        System.out.println("wrote " + dir.resolve("public.pem") + " and " + count + " tokens");
    }

    private static String token(KeyPair pair, String issuer, String audience, int i) throws JoseException,
            IOException {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("bench-staff-" + i);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(180);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", "staff");
        claims.setStringListClaim("schools", "school-" + (i % 20));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue("bench");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
