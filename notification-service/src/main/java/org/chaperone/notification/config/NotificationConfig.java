package org.chaperone.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** notification-service's own settings. */
@ConfigMapping(prefix = "chaperone.notification")
public interface NotificationConfig {

    /** AES-256 key, base64 of 32 bytes, that seals join links and passcodes until their e-mail is sent. */
    String secretKey();

    /** Links in messages point into the school's Chaperone app under this base. */
    String appBaseUrl();

    /** Times in messages are written in this zone. */
    @WithDefault("Europe/London")
    ZoneId timeZone();

    /**
     * The staff id of the trust's safeguarding lead, above every school's rota (R14, R17); their contact point
     * is kept under each school like any member of staff's.
     */
    String trustSafeguardingLead();

    Delivery delivery();

    Escalation escalation();

    /** The SMS provider: a JSON webhook signed with HMAC-SHA256; the SMS channel is on when its URL is set. */
    Provider sms();

    /** App push: each person's app webhook, signed with HMAC-SHA256; the channel is on when its secret is set. */
    Provider push();

    /** The school apps' status webhooks: how status callbacks are posted and retried. */
    Callbacks statusWebhook();

    /** Calls to URLs that callers register (status webhooks, app webhooks): where they may go. */
    Outbound outbound();

    interface Outbound {

        /**
         * Non-public ranges (CIDR, comma-separated, e.g. {@code 10.20.0.0/16}) that registered URLs may reach all
         * the same, e.g. an internal gateway. Empty by default: public addresses only. Names without a dot and
         * {@code localhost} stay refused whatever is allowed here.
         */
        Optional<List<String>> allowedPrivateRanges();
    }

    interface Callbacks {

        /** How often the callback sender looks for due callbacks. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Callbacks posted per round. */
        @WithDefault("50")
        int batchSize();

        /** Posts of a round in flight at once; their own threads, never the deliveries'. */
        @WithDefault("4")
        int concurrency();

        /** Attempts before a callback is given up (dead letter). */
        @WithDefault("10")
        int maxAttempts();

        /** Delay before the first retry; it doubles per attempt, with jitter, up to {@link #maxDelay()}. */
        @WithDefault("10s")
        Duration firstRetry();

        @WithDefault("30m")
        Duration maxDelay();

        /** How long a claimed callback is left alone before another sender may retry it (longer than the timeout). */
        @WithDefault("1m")
        Duration lease();

        /** How long one post may take, connecting included. */
        @WithDefault("10s")
        Duration timeout();

        /** How long a callback that was sent or given up (SENT, DEAD) is kept before housekeeping deletes it. */
        @WithDefault("30d")
        Duration retention();
    }

    /** An HTTP provider behind the one port of {@link org.chaperone.notification.domain.DeliveryChannel}. */
    interface Provider {

        /** Where messages are posted (SMS); app push posts to each person's own webhook instead. */
        Optional<URI> url();

        /** The shared secret of the HMAC-SHA256 signature, agreed with the provider. */
        Optional<String> secret();

        /** How long one call may take, connecting included. */
        @WithDefault("10s")
        Duration timeout();

        /** The sender the provider shows, e.g. an SMS sender id. */
        @WithDefault("Chaperone")
        String sender();
    }

    /** The alert escalation clock (R17). */
    interface Escalation {

        /** How often the clock looks for alerts whose window ran out. */
        @WithDefault("5s")
        Duration pollInterval();

        /** The shortest window a school may set. */
        @WithDefault("1m")
        Duration shortestWindow();

        /** Alerts escalated per round. */
        @WithDefault("50")
        int batchSize();
    }

    interface Delivery {

        /** How often the sender looks for due deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries sent per round of the sender. */
        @WithDefault("50")
        int batchSize();

        /** Sends of a round in flight at once (the mailer's pool has 10 connections by default). */
        @WithDefault("8")
        int concurrency();

        /** Attempts before a delivery is given up (dead letter). */
        @WithDefault("8")
        int maxAttempts();

        /** Delay before the first retry; it doubles per attempt, with jitter, up to {@link #maxDelay()}. */
        @WithDefault("10s")
        Duration firstRetry();

        @WithDefault("30m")
        Duration maxDelay();

        /** How long a claimed delivery is left alone before another sender may retry it. */
        @WithDefault("2m")
        Duration lease();
    }
}
