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
import java.util.regex.Pattern;

/**
 * One message to one recipient on one channel, created once per event (unique on event, recipient, channel) and
 * kept with its attempts and outcome, so that every delivery is accounted for.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    /** Addresses and phone numbers that an SMTP or provider error may quote; they never reach the table. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"'@,;:]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{6,}[0-9]");
    private static final int MAX_ERROR = 500;

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;
    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;
    @Enumerated(EnumType.STRING)
    @Column(name = "message_kind", nullable = false, updatable = false)
    private MessageKind kind;
    @Column(name = "subject_id", nullable = false, updatable = false)
    private String subjectId;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_type", nullable = false, updatable = false)
    private RecipientType recipientType;
    @Column(name = "recipient_id", nullable = false, updatable = false)
    private String recipientId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Channel channel;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DeliveryStatus status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(nullable = false, updatable = false)
    private String parameters;
    @Column(name = "sealed_secrets")
    private String sealedSecrets;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(nullable = false, updatable = false)
    private int priority;

    protected Delivery() {
    }

    private Delivery(Message message, Recipient recipient, Channel channel, Instant now) {
        this.id = UUID.randomUUID();
        this.schoolId = message.schoolId();
        this.eventId = message.eventId();
        this.eventType = message.eventType();
        this.kind = message.kind();
        this.subjectId = message.subjectId();
        this.recipientType = recipient.type();
        this.recipientId = recipient.id();
        this.channel = channel;
        this.priority = message.kind().priority();
        this.parameters = message.parameters();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A message to be sent as soon as the sender gets to it. */
    public static Delivery pending(Message message, Recipient recipient, Channel channel, Instant now) {
        Delivery delivery = new Delivery(message, recipient, channel, now);
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        delivery.sealedSecrets = message.sealedSecrets();
        return delivery;
    }

    /** A message that cannot go anywhere (no address, nobody in the role): failed at once, kept as evidence. */
    public static Delivery unreachable(Message message, Recipient recipient, Channel channel, String reason,
            Instant now) {
        Delivery delivery = new Delivery(message, recipient, channel, now);
        delivery.status = DeliveryStatus.FAILED;
        delivery.lastError = redact(reason);
        return delivery;
    }

    /**
     * Takes the delivery for one attempt: counts it and moves its next attempt past {@code lease}, so that another
     * sender (another replica) leaves it alone meanwhile and retries it only if this one never reports back.
     */
    public void claim(Duration lease, Instant now) {
        if (status != DeliveryStatus.PENDING) {
            throw new IllegalStateException("only a pending delivery is sent");
        }
        attempts++;
        nextAttemptAt = now.plus(lease);
        updatedAt = now;
    }

    public void sent(Instant now) {
        status = DeliveryStatus.SENT;
        sentAt = now;
        nextAttemptAt = null;
        lastError = null;
        sealedSecrets = null;
        updatedAt = now;
    }

    /** Records a failed attempt; returns true when it was the last one and the delivery is now dead. */
    public boolean attemptFailed(String error, RetrySchedule retries, Instant now, RandomGenerator random) {
        lastError = redact(error);
        updatedAt = now;
        if (retries.exhausted(attempts)) {
            status = DeliveryStatus.FAILED;
            nextAttemptAt = null;
            sealedSecrets = null;
            return true;
        }
        nextAttemptAt = retries.nextAttempt(now, attempts, random);
        return false;
    }

    /** An error as kept and shown: without any address or number it quotes, and bounded. */
    public static String redact(String error) {
        if (error == null) {
            return null;
        }
        String redacted = PHONE.matcher(EMAIL.matcher(error).replaceAll("[address]")).replaceAll("[number]");
        return redacted.length() > MAX_ERROR ? redacted.substring(0, MAX_ERROR) : redacted;
    }

    public UUID id() {
        return id;
    }

    public String schoolId() {
        return schoolId;
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public MessageKind kind() {
        return kind;
    }

    public String subjectId() {
        return subjectId;
    }

    public Recipient recipient() {
        return new Recipient(recipientType, recipientId);
    }

    public Channel channel() {
        return channel;
    }

    public DeliveryStatus status() {
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

    public String parameters() {
        return parameters;
    }

    public String sealedSecrets() {
        return sealedSecrets;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public int priority() {
        return priority;
    }

    /**
     * What one event says to its recipients: the kind, the aggregate it is about, its template parameters as JSON
     * (ids and times, nothing secret) and, for an invite, the join link and passcode sealed (encrypted).
     */
    public record Message(String schoolId, String eventId, String eventType, MessageKind kind, String subjectId,
            String parameters, String sealedSecrets) {
    }
}
