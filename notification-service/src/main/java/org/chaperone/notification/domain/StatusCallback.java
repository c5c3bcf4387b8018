package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * One change of a delivery's status, to be posted to the school app's status webhook: written in the transaction
 * that changed the status (an outbox), then posted with retries until it is accepted or dead. Its id is the callback
 * id the app sees on every attempt. Ids only: never an address, a number, a name or a message.
 */
@Entity
@Table(name = "status_callback")
public class StatusCallback {

    private static final int MAX_ERROR = 200;

    /** Where the callback itself is: waiting to be posted, accepted by the app, or given up (the dead letter). */
    public enum CallbackState {
        PENDING,
        SENT,
        DEAD
    }

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "delivery_id", nullable = false, updatable = false)
    private UUID deliveryId;
    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;
    @Enumerated(EnumType.STRING)
    @Column(name = "message_kind", nullable = false, updatable = false)
    private MessageKind kind;
    @Column(name = "subject_id", nullable = false, updatable = false)
    private String subjectId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Channel channel;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_type", nullable = false, updatable = false)
    private RecipientType recipientType;
    @Column(name = "recipient_id", nullable = false, updatable = false)
    private String recipientId;
    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_status", nullable = false, updatable = false)
    private StatusChange.ReportedStatus deliveryStatus;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private StatusChange.FailureReason failure;
    @Column(name = "delivery_attempts", nullable = false, updatable = false)
    private int deliveryAttempts;
    @Column(name = "delivery_next_attempt", updatable = false)
    private Instant deliveryNextAttempt;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CallbackState status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "sent_at")
    private Instant sentAt;

    protected StatusCallback() {
    }

    /** Takes the callback for one attempt, as a delivery is claimed: counted, and left alone for {@code lease}. */
    public void claim(Duration lease, Instant now) {
        if (status != CallbackState.PENDING) {
            throw new IllegalStateException("only a pending callback is posted");
        }
        attempts++;
        nextAttemptAt = now.plus(lease);
        updatedAt = now;
    }

    public void sent(Instant now) {
        status = CallbackState.SENT;
        sentAt = now;
        nextAttemptAt = null;
        lastError = null;
        updatedAt = now;
    }

    /** Records a failed attempt; returns true when it was the last one and the callback is now dead. */
    public boolean attemptFailed(String error, RetrySchedule retries, Instant now, RandomGenerator random) {
        lastError = error == null ? null : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        updatedAt = now;
        if (retries.exhausted(attempts)) {
            status = CallbackState.DEAD;
            nextAttemptAt = null;
            return true;
        }
        nextAttemptAt = retries.nextAttempt(now, attempts, random);
        return false;
    }

    public UUID id() {
        return id;
    }

    public String schoolId() {
        return schoolId;
    }

    public UUID deliveryId() {
        return deliveryId;
    }

    public String eventId() {
        return eventId;
    }

    public MessageKind kind() {
        return kind;
    }

    public String subjectId() {
        return subjectId;
    }

    public Channel channel() {
        return channel;
    }

    public RecipientType recipientType() {
        return recipientType;
    }

    public String recipientId() {
        return recipientId;
    }

    public StatusChange.ReportedStatus deliveryStatus() {
        return deliveryStatus;
    }

    public StatusChange.FailureReason failure() {
        return failure;
    }

    public int deliveryAttempts() {
        return deliveryAttempts;
    }

    public Instant deliveryNextAttempt() {
        return deliveryNextAttempt;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public CallbackState status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
