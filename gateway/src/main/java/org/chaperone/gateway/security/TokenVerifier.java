package org.chaperone.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * The cache is keyed by the whole token (so a token is verified once until then) and bounded by {@code cacheSize}
 * tokens; when it is full, Caffeine's W-TinyLFU eviction drops the tokens least likely to be used again, so a
 * burst of new callers does not push every busy caller back to a full signature check at once.
 * The services verify the token again: they trust no network, this gateway included.
 */
public final class TokenVerifier {

    private final SigningKeys keys;
    private final JwtConsumer consumer;
    private final long cacheTtlMillis;
    private final LongSupplier wallClock;
    private final Cache<String, VerifiedCaller> verified;

    public TokenVerifier(SigningKeys keys, String issuer, String audience, Duration clockSkew, Duration cacheTtl,
            int cacheSize) {
        this(keys, issuer, audience, clockSkew, cacheTtl, cacheSize, System::currentTimeMillis);
    }

    TokenVerifier(SigningKeys keys, String issuer, String audience, Duration clockSkew, Duration cacheTtl,
            int cacheSize, LongSupplier wallClock) {
        this.keys = keys;
        this.cacheTtlMillis = cacheTtl.toMillis();
        this.wallClock = wallClock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(Math.max(0, cacheSize))
                // Housekeeping on the calling thread (an event loop, briefly), not handed to a thread pool.
                .executor(Runnable::run)
                .expireAfter(new UntilTrustEnds(wallClock))
                .build();
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
        long now = wallClock.getAsLong();
        VerifiedCaller cached = verified.getIfPresent(token);
        if (cached != null) {
            if (cached.trustedUntilMillis() > now) {
                return Future.succeededFuture(cached);
            }
            verified.invalidate(token);
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
                    return Future.succeededFuture(accept(token, wallClock.getAsLong()));
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
            if (trustedUntil > now) {
                verified.put(token, caller);
            }
            return caller;
        } catch (MalformedClaimException e) {
            throw new TokenRejectedException("The token is not trusted.");
        }
    }

    public void close() {
        keys.close();
    }

    /** How many verified tokens are remembered now (after pending evictions). */
    long cachedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** An entry lives while its token is trusted: until its {@code exp}, at most {@code cacheTtl} after verification. */
    private static final class UntilTrustEnds implements Expiry<String, VerifiedCaller> {
        private final LongSupplier wallClock;

        UntilTrustEnds(LongSupplier wallClock) {
            this.wallClock = wallClock;
        }

        @Override
        public long expireAfterCreate(String token, VerifiedCaller caller, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, caller.trustedUntilMillis() - wallClock.getAsLong()));
        }

        @Override
        public long expireAfterUpdate(String token, VerifiedCaller caller, long currentTime, long currentDuration) {
            return expireAfterCreate(token, caller, currentTime);
        }

        @Override
        public long expireAfterRead(String token, VerifiedCaller caller, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    private static final class UnknownKey extends RuntimeException {
        UnknownKey() {
            super(null, null, false, false);
        }
    }
}
