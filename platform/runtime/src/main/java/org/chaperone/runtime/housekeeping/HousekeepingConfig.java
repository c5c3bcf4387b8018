package org.chaperone.runtime.housekeeping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the housekeeping job that deletes old rows of the platform's queue tables (never a safeguarding
 * record): published outbox events, inbox entries and Idempotency-Key records past their windows.
 */
@ConfigMapping(prefix = "chaperone.housekeeping")
public interface HousekeepingConfig {

    /** Whether the job runs on its schedule; off, nothing is deleted (the tables grow again). */
    @WithDefault("true")
    boolean enabled();

    /** How often the job runs (on one replica at a time). */
    @WithDefault("1h")
    Duration interval();

    /** How long after start the first run waits, so that a rollout's start-up is not slowed by it. */
    @WithDefault("5m")
    Duration initialDelay();

    /** Rows deleted per transaction: short transactions and short row locks, whatever the backlog. */
    @WithDefault("1000")
    int batchSize();

    /** No new batch starts after this long; what is left waits for the next run. */
    @WithDefault("5m")
    Duration maxRunTime();

    /** How long a published outbox event is kept after it was published. Unpublished events are never deleted. */
    @WithDefault("7d")
    Duration outboxRetention();

    /**
     * The Idempotency-Key replay window: within it a repeated request gets the first response; after it the
     * record is deleted, and a request reusing the key is a new request.
     */
    @WithDefault("24h")
    Duration idempotencyRetention();

    /**
     * How long a consumer remembers an event it applied. Must be longer than {@link #topicRetention()}, or an
     * event still on its topic could be redelivered after its inbox row was deleted and be applied twice.
     */
    @WithDefault("30d")
    Duration inboxRetention();

    /**
     * How long an event can stay readable on the topics this service consumes: their longest {@code retention.ms}
     * plus {@code segment.ms}, since Kafka deletes whole segments (deploy/k8s/base/kafka/topics.yaml: 14 days plus
     * the default 7-day segment).
     */
    @WithDefault("21d")
    Duration topicRetention();
}
