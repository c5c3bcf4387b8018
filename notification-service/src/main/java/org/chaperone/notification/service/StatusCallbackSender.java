package org.chaperone.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryFailedException;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryRefusedException;
import org.chaperone.notification.domain.RetrySchedule;
import org.chaperone.notification.domain.StatusCallback;
import org.chaperone.notification.domain.StatusWebhook;
import org.chaperone.notification.repository.StatusCallbackRepository;
import org.chaperone.notification.repository.StatusWebhookRepository;
import org.chaperone.notification.service.LeasedRounds.Failure;
import org.chaperone.runtime.security.SchoolScope;
import org.jboss.logging.Logger;

/**
 * Posts due status callbacks to the school apps' webhooks, the way the {@link DeliverySender} sends deliveries: each
 * round claims a batch ({@code FOR UPDATE SKIP LOCKED}, attempt counted, next attempt moved past a lease) and commits;
 * posts outside any transaction, several at once, on threads of its own; then records each outcome: accepted (any
 * 2xx), retry later with exponential backoff and jitter, or dead after the last attempt (a warning with ids only and
 * the {@code notification_status_callbacks_dead_total} metric). A webhook whose host is or resolves to a non-public
 * address ({@link OutboundAddressGuard}) is not called: the callback is dead at once, with the rule in its reason.
 * Two replicas never post the same callback at the same time; a sender that dies mid-post leaves its claims to be
 * retried after the lease (at least once, so the app deduplicates on the callback id).
 */
@ApplicationScoped
public class StatusCallbackSender {

    private static final Logger LOG = Logger.getLogger(StatusCallbackSender.class);
    /** The header carrying the callback id, the same on every attempt (it is in the signed body too). */
    public static final String CALLBACK_ID = "X-Chaperone-Callback-Id";
    private static final String WHO = "School app";

    @Inject
    StatusCallbackRepository callbacks;
    @Inject
    StatusWebhookRepository webhooks;
    @Inject
    StatusWebhookSecrets secrets;
    @Inject
    NotificationConfig config;
    @Inject
    MeterRegistry metrics;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @Inject
    OutboundAddressGuard guard;

    private final RandomGenerator random = new SecureRandom();
    private LeasedRounds rounds;
    private SignedWebhook webhook;

    @PostConstruct
    void start() {
        webhook = new SignedWebhook(vertx, json, config.statusWebhook().timeout(), Clock.systemUTC(), WHO);
        rounds = new LeasedRounds("status-callback-post", config.statusWebhook().concurrency());
    }

    @PreDestroy
    void stop() {
        rounds.stop();
    }

    /** After a transaction queued callbacks: one round soon, however many commits asked for it. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) StatusCallbacksQueued queued) {
        rounds.wake(this::postDue);
    }

    @Scheduled(every = "${chaperone.notification.status-webhook.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void postDue() {
        try {
            while (postRound() == config.statusWebhook().batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.errorf("status callback round failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Claims, posts and records one batch; returns how many callbacks it claimed. */
    public int postRound() {
        return rounds.run(this::claim, Claimed::id, this::post, this::record);
    }

    private List<Claimed> claim() {
        Instant now = Instant.now();
        List<StatusCallback> due = callbacks.lockDue(now, config.statusWebhook().batchSize(), SchoolScope.system());
        if (due.isEmpty()) {
            return List.of();
        }
        Map<String, StatusWebhook> bySchool = webhooks.find(due.stream().map(StatusCallback::schoolId)
                .collect(Collectors.toSet()), SchoolScope.system()).stream()
                .collect(Collectors.toMap(StatusWebhook::schoolId, Function.identity()));
        Map<String, Optional<byte[]>> opened = new HashMap<>();
        List<Claimed> claimed = new ArrayList<>();
        for (StatusCallback callback : due) {
            StatusWebhook target = bySchool.get(callback.schoolId());
            if (target == null) {
                // The webhook was removed after this was queued: nowhere to post it, and nobody who wants it.
                callbacks.drop(callback.id(), SchoolScope.system());
                continue;
            }
            callback.claim(config.statusWebhook().lease(), now);
            Optional<byte[]> secret = opened.computeIfAbsent(target.schoolId(), school -> secrets.open(target));
            claimed.add(secret.map(s -> new Claimed(callback.id(), target.url(), s, payload(callback), null))
                    .orElseGet(() -> new Claimed(callback.id(), null, null, null,
                            "The webhook's secret cannot be opened (another key?)")));
        }
        return claimed;
    }

    /** What the school app is told: ids, kind, channel, status and times; never an address, a name or a message. */
    static Map<String, Object> payload(StatusCallback c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", c.id().toString());
        body.put("type", "delivery.status");
        body.put("schoolId", c.schoolId());
        body.put("deliveryId", c.deliveryId().toString());
        body.put("eventId", c.eventId());
        body.put("kind", c.kind().name());
        body.put("subjectId", c.subjectId());
        body.put("channel", c.channel().name());
        body.put("recipientType", c.recipientType().name());
        body.put("recipientId", c.recipientId());
        body.put("status", c.deliveryStatus().name());
        if (c.failure() != null) {
            body.put("failure", c.failure().name());
        }
        body.put("attempts", c.deliveryAttempts());
        if (c.deliveryNextAttempt() != null) {
            body.put("nextAttemptAt", c.deliveryNextAttempt().toString());
        }
        body.put("occurredAt", c.occurredAt().toString());
        return body;
    }

    private Optional<Failure> post(Claimed callback) {
        if (callback.failure() != null) {
            return Optional.of(Failure.retry(callback.failure()));
        }
        try {
            // Resolved and checked now (the name's answer may have changed since registration), posted to that address.
            InetAddress pinned = guard.resolve(callback.url(), "status-webhook");
            webhook.post(callback.url(), pinned, callback.secret(), callback.body(),
                    Map.of(CALLBACK_ID, callback.id().toString()));
            return Optional.empty();
        } catch (DeliveryRefusedException e) {
            return Optional.of(Failure.permanent(WHO + ": " + e.getMessage()));
        } catch (DeliveryFailedException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(Failure.retry(why.startsWith(WHO) ? why : WHO + ": " + why));
        } catch (RuntimeException e) {
            return Optional.of(Failure.retry(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void record(List<Claimed> claimed, Map<UUID, Failure> failures) {
        Instant now = Instant.now();
        NotificationConfig.Callbacks settings = config.statusWebhook();
        RetrySchedule retries = new RetrySchedule(settings.maxAttempts(), settings.firstRetry(), settings.maxDelay());
        RetrySchedule once = new RetrySchedule(1, settings.firstRetry(), settings.maxDelay());
        List<UUID> ids = claimed.stream().map(Claimed::id).toList();
        for (StatusCallback callback : callbacks.findByIds(ids, SchoolScope.system())) {
            Failure failure = failures.get(callback.id());
            if (failure == null) {
                callback.sent(now);
                metrics.counter("notification.status_callbacks.sent").increment();
                LOG.debugf("status callback %s of delivery %s (%s) accepted by school %s's app", callback.id(),
                        callback.deliveryId(), callback.deliveryStatus(), callback.schoolId());
            } else if (callback.attemptFailed(failure.reason(), failure.permanent() ? once : retries, now, random)) {
                if (failure.permanent()) {
                    LOG.warnf("status callback %s of delivery %s to school %s's app not posted: %s", callback.id(),
                            callback.deliveryId(), callback.schoolId(), callback.lastError());
                }
                metrics.counter("notification.status_callbacks.dead").increment();
                LOG.warnf("DEAD LETTER: status callback %s of delivery %s (%s) to school %s's app failed after %d "
                        + "attempt(s): %s", callback.id(), callback.deliveryId(), callback.deliveryStatus(),
                        callback.schoolId(), callback.attempts(), callback.lastError());
            } else {
                LOG.infof("status callback %s to school %s's app failed attempt %d (%s); next at %s", callback.id(),
                        callback.schoolId(), callback.attempts(), callback.lastError(), callback.nextAttemptAt());
            }
        }
    }

    /** A claimed callback ready to post, or already known to fail. */
    private record Claimed(UUID id, URI url, byte[] secret, Map<String, Object> body, String failure) {

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "Claimed[id=" + id + "]";
        }
    }
}
