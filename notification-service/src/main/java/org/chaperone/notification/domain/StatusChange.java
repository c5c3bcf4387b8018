package org.chaperone.notification.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a delivery's status as a school app hears of it: sent (accepted by the SMTP server or provider), a
 * retry scheduled after a failed attempt, or failed for good (nobody to send to, or the last attempt failed).
 */
public record StatusChange(Delivery delivery, ReportedStatus status, FailureReason failure, Instant at) {

    /** The statuses a school app is told of. */
    public enum ReportedStatus {
        SENT,
        RETRY_SCHEDULED,
        FAILED
    }

    /** Why a delivery failed for good. */
    public enum FailureReason {
        /** No address on the channel, or nobody holds the rota role. */
        UNREACHABLE,
        /** The last attempt failed (the delivery's dead letter). */
        ATTEMPTS_EXHAUSTED
    }

    public StatusChange {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if ((status == ReportedStatus.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure, and only a failure, has a reason");
        }
    }

    public static StatusChange sent(Delivery delivery, Instant at) {
        return new StatusChange(delivery, ReportedStatus.SENT, null, at);
    }

    public static StatusChange retryScheduled(Delivery delivery, Instant at) {
        return new StatusChange(delivery, ReportedStatus.RETRY_SCHEDULED, null, at);
    }

    public static StatusChange failed(Delivery delivery, FailureReason failure, Instant at) {
        return new StatusChange(delivery, ReportedStatus.FAILED, failure, at);
    }
}
