package org.chaperone.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff from {@code firstRetry}, doubling per attempt up to
 * {@code maxDelay}, with "equal jitter" (half fixed, half random) so that many deliveries failed by one outage do
 * not all retry in the same instant; after {@code maxAttempts} attempts, never (the delivery is dead).
 */
public record RetrySchedule(int maxAttempts, Duration firstRetry, Duration maxDelay) {

    public RetrySchedule {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        Objects.requireNonNull(firstRetry);
        Objects.requireNonNull(maxDelay);
        if (firstRetry.isNegative() || firstRetry.isZero() || maxDelay.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("0 < firstRetry <= maxDelay");
        }
    }

    /** Whether a delivery that has failed {@code attempts} times may be tried again. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** The delay before the next attempt after {@code attempts} failed ones (1 = the first failed). */
    public Duration delayAfter(int attempts, RandomGenerator random) {
        long first = firstRetry.toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.min(maxDelay.toMillis(), first << doublings);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    public Instant nextAttempt(Instant now, int attempts, RandomGenerator random) {
        return now.plus(delayAfter(attempts, random));
    }
}
