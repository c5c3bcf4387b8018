package org.chaperone.gateway.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per caller key: {@code requests} per {@code period}, refilled continuously, with a full
 * period's worth as the burst. Idle full buckets are dropped by {@link #evictIdle()} so the map stays small.
 */
public final class RateLimiter {

    /** The verdict: allowed, or refused with the seconds until a request would be allowed again. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int requests, Duration period) {
        this(requests, period, System::nanoTime);
    }

    RateLimiter(int requests, Duration period, LongSupplier clock) {
        if (requests <= 0 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive number of requests per positive period");
        }
        this.capacity = requests;
        this.tokensPerNano = requests / (double) period.toNanos();
        this.clock = clock;
    }

    public Decision acquire(String key) {
        long now = clock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            bucket.refill(now, capacity, tokensPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOWED;
            }
            double missing = 1 - bucket.tokens;
            long seconds = (long) Math.ceil(missing / tokensPerNano / 1e9);
            return new Decision(false, Math.max(1, seconds));
        }
    }

    /** Forgets buckets that have refilled completely: they behave exactly like new ones. */
    public void evictIdle() {
        long now = clock.getAsLong();
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now, capacity, tokensPerNano);
                return bucket.tokens >= capacity;
            }
        });
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        void refill(long now, double capacity, double tokensPerNano) {
            if (now > updatedAt) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
                updatedAt = now;
            }
        }
    }
}
