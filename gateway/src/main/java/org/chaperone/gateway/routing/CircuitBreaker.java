package org.chaperone.gateway.routing;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One service's circuit: after {@code threshold} consecutive failures (no connection, timeout) it opens and
 * the gateway answers 503 at once for {@code openFor}, so callers of a sick service do not pile up on it and
 * the other services keep their share of the gateway. Then one trial request goes through (half-open): its
 * success closes the circuit, its failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;

    // Written only under the lock; volatile so that the common case (closed, no failures) needs no lock at all.
    private volatile State state = State.CLOSED;
    private volatile int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = Math.max(1, threshold);
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** Whether a request may go to the service now; in half-open state only the first one may. */
    public boolean tryAcquire() {
        return state == State.CLOSED || tryAcquireSlowly();
    }

    private synchronized boolean tryAcquireSlowly() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.getAsLong() - openedAt < openForNanos) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default:
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public void onSuccess() {
        if (state == State.CLOSED && consecutiveFailures == 0) {
            return; // nothing to reset; a failure racing with this success is simply counted after it
        }
        recordSuccess();
    }

    private synchronized void recordSuccess() {
        consecutiveFailures = 0;
        trialInFlight = false;
        state = State.CLOSED;
    }

    /** Returns true when this failure opened the circuit. */
    public synchronized boolean onFailure() {
        trialInFlight = false;
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= threshold)) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
            return true;
        }
        return false;
    }

    /** A request that neither proved nor disproved the service (e.g. the caller went away) frees the trial slot. */
    public synchronized void onAbandoned() {
        trialInFlight = false;
    }

    public State state() {
        return state;
    }

    /** Whole seconds until the next trial, at least 1: the value of Retry-After on a 503. */
    public synchronized long retryAfterSeconds() {
        if (state != State.OPEN) {
            return 1;
        }
        long remaining = openForNanos - (clock.getAsLong() - openedAt);
        return Math.max(1, (remaining + 999_999_999L) / 1_000_000_000L);
    }
}
