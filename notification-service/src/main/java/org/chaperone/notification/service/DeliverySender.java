package org.chaperone.notification.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.chaperone.events.notification.FailureKind;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.DeliveryChannel;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryRefusedException;
import org.chaperone.notification.domain.DeliveryChannel.RenderedMessage;
import org.chaperone.notification.domain.Recipient;
import org.chaperone.notification.domain.RetrySchedule;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.notification.repository.ContactPointRepository;
import org.chaperone.notification.repository.DeliveryRepository;
import org.chaperone.notification.service.LeasedRounds.Failure;
import org.chaperone.runtime.security.SchoolScope;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries. Each round claims a batch, safeguarding messages first ({@code FOR UPDATE SKIP LOCKED},
 * attempt counted, next attempt moved past a lease) and commits; sends outside any transaction, several at once;
 * then records each outcome: sent, retry later
 * with exponential backoff and jitter, or dead after the last attempt (a warning with ids only and the
 * {@code notification_deliveries_dead_total} metric), and queues the school apps' status callbacks with it
 * ({@link StatusCallbacks}). Two replicas never send the same delivery at the same time;
 * a sender that dies mid-send leaves its claims to be retried after the lease (at least once).
 *
 * <p>Rounds run on a schedule, and also right after a consumer commits new deliveries, for latency; the two may
 * overlap, which the row claims make harmless.
 */
@ApplicationScoped
public class DeliverySender {

    private static final Logger LOG = Logger.getLogger(DeliverySender.class);

    @Inject
    DeliveryRepository deliveries;
    @Inject
    ContactPointRepository contacts;
    @Inject
    MessageTemplates templates;
    @Inject
    SecretSeal seal;
    @Inject
    NotificationConfig config;
    @Inject
    Instance<DeliveryChannel> channelBeans;
    @Inject
    MeterRegistry metrics;
    @Inject
    DeliveryEvents events;
    @Inject
    EscalationService escalations;
    @Inject
    StatusCallbacks statusCallbacks;

    private final RandomGenerator random = new SecureRandom();
    private LeasedRounds rounds;

    /** After a consumer committed new deliveries: one round soon, however many commits asked for it. */
    void onPlanned(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesPlanned planned) {
        rounds.wake(this::sendDue);
    }

    /** The channel beans by channel: fixed for the life of the application. */
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);

    @PostConstruct
    void start() {
        channelBeans.forEach(c -> channels.put(c.channel(), c));
        // the batch goes out side by side, at most `concurrency` sends at a time
        rounds = new LeasedRounds("delivery-send", config.delivery().concurrency());
    }

    @PreDestroy
    void stop() {
        rounds.stop();
    }

    @Scheduled(every = "${chaperone.notification.delivery.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        try {
            while (sendRound() == config.delivery().batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.errorf("delivery round failed: %s", e.getClass().getSimpleName());
        }
    }

    /** Claims, sends and records one batch; returns how many deliveries it claimed. */
    public int sendRound() {
        return rounds.run(this::claim, Claimed::id, this::send, this::record);
    }

    private List<Claimed> claim() {
        Instant now = Instant.now();
        List<Claimed> claimed = new ArrayList<>();
        for (Delivery delivery : deliveries.lockDue(now, config.delivery().batchSize(), SchoolScope.system())) {
            delivery.claim(config.delivery().lease(), now);
            claimed.add(prepare(delivery));
        }
        return claimed;
    }

    /** Everything a send needs, read while the row is locked: the rendered message and the address as of now. */
    private Claimed prepare(Delivery delivery) {
        try {
            Recipient recipient = delivery.recipient();
            Optional<String> address = contacts.find(delivery.schoolId(), recipient.type().personType(),
                    recipient.id(), SchoolScope.of(delivery.schoolId())).flatMap(c -> c.address(delivery.channel()));
            if (address.isEmpty()) {
                return Claimed.failed(delivery, "No address on this channel any more", true);
            }
            Map<String, String> secrets = seal.open(delivery.eventId(), delivery.sealedSecrets());
            RenderedMessage message = templates.render(delivery.schoolId(), delivery.kind(), delivery.parameters(), secrets);
            return new Claimed(delivery.id(), delivery.channel(), address.get(), message, null, false);
        } catch (RuntimeException e) {
            return Claimed.failed(delivery, "Cannot be prepared: " + e.getMessage(), false);
        }
    }

    private Optional<Failure> send(Claimed delivery) {
        if (delivery.failure() != null) {
            return Optional.of(new Failure(delivery.failure(), delivery.permanent()));
        }
        DeliveryChannel channel = channels.get(delivery.channel());
        if (channel == null || !channel.enabled()) {
            return Optional.of(Failure.retry("Channel " + delivery.channel() + " is not enabled"));
        }
        try {
            channel.send(delivery.id(), delivery.address(), delivery.message());
            return Optional.empty();
        } catch (DeliveryRefusedException e) {
            // e.g. an app webhook that resolves to a non-public address: no retry can make it right
            LOG.warnf("delivery %s (%s) not sent: %s", delivery.id(), delivery.channel(), e.getMessage());
            return Optional.of(Failure.permanent(e.getMessage()));
        } catch (RuntimeException e) {
            return Optional.of(Failure.retry(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void record(List<Claimed> claimed, Map<UUID, Failure> failures) {
        Instant now = Instant.now();
        RetrySchedule retries = new RetrySchedule(config.delivery().maxAttempts(), config.delivery().firstRetry(),
                config.delivery().maxDelay());
        Map<UUID, Claimed> byId = new HashMap<>();
        claimed.forEach(c -> byId.put(c.id(), c));
        List<StatusChange> changes = new ArrayList<>(claimed.size());
        for (Delivery delivery : deliveries.findByIds(List.copyOf(byId.keySet()), SchoolScope.system())) {
            Failure failure = failures.get(delivery.id());
            if (failure == null) {
                delivery.sent(now);
                events.delivered(delivery, now);
                changes.add(StatusChange.sent(delivery, now));
                metrics.counter("notification.deliveries.sent", "kind", delivery.kind().name(), "channel",
                        delivery.channel().name()).increment();
                LOG.debugf("delivery %s of event %s (%s, %s) sent", delivery.id(), delivery.eventId(),
                        delivery.kind(), delivery.channel());
                continue;
            }
            RetrySchedule schedule = failure.permanent()
                    ? new RetrySchedule(1, retries.firstRetry(), retries.maxDelay()) : retries;
            if (delivery.attemptFailed(failure.reason(), schedule, now, random)) {
                events.failed(delivery, FailureKind.ATTEMPTS_EXHAUSTED, now);
                changes.add(StatusChange.failed(delivery, StatusChange.FailureReason.ATTEMPTS_EXHAUSTED, now));
                escalations.gaveUp(delivery);
                metrics.counter("notification.deliveries.dead", "kind", delivery.kind().name(), "channel",
                        delivery.channel().name()).increment();
                LOG.warnf("DEAD LETTER: delivery %s of event %s (%s, %s) failed after %d attempt(s)", delivery.id(),
                        delivery.eventId(), delivery.kind(), delivery.channel(), delivery.attempts());
            } else {
                changes.add(StatusChange.retryScheduled(delivery, now));
                LOG.infof("delivery %s of event %s (%s, %s) failed attempt %d; next at %s", delivery.id(),
                        delivery.eventId(), delivery.kind(), delivery.channel(), delivery.attempts(),
                        delivery.nextAttemptAt());
            }
        }
        // The school apps' status callbacks commit with these outcomes, in one statement for the round.
        statusCallbacks.changed(changes);
    }

    /** A claimed delivery ready to send, or already known to fail ({@code permanent}: retrying cannot help). */
    private record Claimed(UUID id, Channel channel, String address, RenderedMessage message, String failure,
            boolean permanent) {

        static Claimed failed(Delivery delivery, String failure, boolean permanent) {
            return new Claimed(delivery.id(), delivery.channel(), null, null, failure, permanent);
        }

        /** Never prints the address or the message. */
        @Override
        public String toString() {
            return "Claimed[id=" + id + ", channel=" + channel + "]";
        }
    }
}
