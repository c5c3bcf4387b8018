package org.chaperone.gateway.security;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies bearer tokens before any service is called: RS256 only (so {@code alg: none} and HS256 keyed with the
 * public key fail), signature, expiry, issuer and audience. Verification is CPU work and runs on the event loop;
 * a verified token is remembered until it expires (at most {@code cacheTtl}), which keeps repeated calls cheap.
 * The services verify the token again: they trust no network, this gateway included.
 */
public final class TokenVerifier {

    private final SigningKeys keys;
    private final JwtConsumer consumer;
    private final long cacheTtlMillis;
    private final int cacheSize;
    private final ConcurrentHashMap<String, VerifiedCaller> verified = new ConcurrentHashMap<>();

    public TokenVerifier(SigningKeys keys, String issuer, String audience, Duration clockSkew, Duration cacheTtl,
            int cacheSize) {
        this.keys = keys;
        this.cacheTtlMillis = cacheTtl.toMillis();
        this.cacheSize = cacheSize;
        this.consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nesting) -> {
                    var key = keys.find(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("no key " + jws.getKeyIdHeaderValue());
                    }
                    return key;
                })
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) clockSkew.toSeconds())
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audience)
                .build();
    }

    /** The caller of an {@code Authorization} header value; fails with {@link TokenRejectedException}. */
    public Future<VerifiedCaller> verify(String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return Future.failedFuture(new TokenRejectedException("A bearer token is required."));
        }
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Future.failedFuture(new TokenRejectedException("Only bearer tokens are accepted."));
        }
        String token = authorization.substring(7).trim();
        long now = System.currentTimeMillis();
        VerifiedCaller cached = verified.get(token);
        if (cached != null) {
            if (cached.trustedUntilMillis() > now) {
                return Future.succeededFuture(cached);
            }
            verified.remove(token);
        }
        try {
            return Future.succeededFuture(accept(token, now));
        } catch (UnknownKey unknownKey) {
            // Perhaps the provider rotated its keys: fetch them again (without blocking) and try once more.
            return keys.refreshForUnknownKey().compose(refreshed -> {
                if (!refreshed) {
                    return Future.failedFuture(new TokenRejectedException("The token is not trusted."));
                }
                try {
                    return Future.succeededFuture(accept(token, System.currentTimeMillis()));
                } catch (UnknownKey stillUnknown) {
                    return Future.failedFuture(new TokenRejectedException("The token is not trusted."));
                } catch (TokenRejectedException rejected) {
                    return Future.failedFuture(rejected);
                }
            });
        } catch (TokenRejectedException rejected) {
            return Future.failedFuture(rejected);
        }
    }

    private VerifiedCaller accept(String token, long now) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw new TokenRejectedException("The token has expired.");
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof UnresolvableKeyException) {
                    throw new UnknownKey();
                }
            }
            throw new TokenRejectedException("The token is not trusted.");
        }
        try {
            long trustedUntil = Math.min(claims.getExpirationTime().getValueInMillis(), now + cacheTtlMillis);
            VerifiedCaller caller = new VerifiedCaller(claims.getSubject(), trustedUntil);
            if (verified.size() >= cacheSize) {
                // Crude but bounded: a full cache starts over rather than growing without limit.
                verified.clear();
            }
            verified.put(token, caller);
            return caller;
        } catch (MalformedClaimException e) {
            throw new TokenRejectedException("The token is not trusted.");
        }
    }

    public void close() {
        keys.close();
    }

    private static final class UnknownKey extends RuntimeException {
        UnknownKey() {
            super(null, null, false, false);
        }
    }
}
