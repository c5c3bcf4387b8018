package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.RecipientType;
import org.chaperone.notification.domain.StatusCallback;
import org.chaperone.notification.domain.StatusCallback.CallbackState;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.notification.domain.StatusWebhook;
import org.chaperone.notification.domain.StatusWebhook.WebhookDetails;
import org.chaperone.notification.repository.StatusCallbackRepository;
import org.chaperone.notification.repository.StatusWebhookRepository;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.security.Caller;
import org.jboss.logging.Logger;

/**
 * A school's status webhook: registered, moved, read and removed by the school app, the Headteacher or the trust
 * admin; its secret made here, shown once on creation and on rotation, and never again.
 */
@ApplicationScoped
public class StatusWebhookService {

    private static final Logger LOG = Logger.getLogger(StatusWebhookService.class);
    private static final String WHAT = "status webhook";
    private static final int MAX_URL = 2048;

    @Inject
    StatusWebhookRepository webhooks;
    @Inject
    StatusCallbackRepository callbacks;
    @Inject
    StatusWebhookSecrets secrets;
    @Inject
    Caller caller;
    @Inject
    OutboundAddressGuard guard;

    /**
     * Registers the school's webhook, or points the existing one at {@code url} (its secret stays). The secret is in
     * the answer only when the webhook was created.
     */
    @Transactional
    public Registered put(String schoolId, String url) {
        caller.requireSchool(schoolId, "school");
        URI checked = checkUrl(url);
        Instant now = Instant.now();
        StatusWebhook webhook = webhooks.find(schoolId, caller.scope()).orElse(null);
        if (webhook != null) {
            webhook.moveTo(checked, caller.subject(), now);
            LOG.infof("school %s: status webhook replaced by %s", schoolId, caller.subject());
            return new Registered(webhook.details(), null, false);
        }
        StatusWebhookSecrets.Fresh secret = secrets.create(schoolId);
        webhook = new StatusWebhook(schoolId, checked, secret.sealed(), caller.subject(), now);
        webhooks.persist(webhook);
        LOG.infof("school %s: status webhook registered by %s", schoolId, caller.subject());
        return new Registered(webhook.details(), secret.secret(), true);
    }

    @Transactional
    public WebhookDetails get(String schoolId) {
        caller.requireSchool(schoolId, WHAT);
        return webhooks.find(schoolId, caller.scope()).map(StatusWebhook::details)
                .orElseThrow(() -> new RecordNotFoundException(WHAT));
    }

    /** A new secret for the school's webhook, shown once; callbacks not yet posted are signed with it. */
    @Transactional
    public Registered rotateSecret(String schoolId) {
        caller.requireSchool(schoolId, WHAT);
        StatusWebhook webhook = webhooks.find(schoolId, caller.scope())
                .orElseThrow(() -> new RecordNotFoundException(WHAT));
        StatusWebhookSecrets.Fresh secret = secrets.create(schoolId);
        webhook.rotateSecret(secret.sealed(), caller.subject(), Instant.now());
        LOG.infof("school %s: status webhook secret rotated by %s", schoolId, caller.subject());
        return new Registered(webhook.details(), secret.secret(), false);
    }

    /** Removes the school's webhook; callbacks still waiting are dropped with it (the history stays). */
    @Transactional
    public void delete(String schoolId) {
        caller.requireSchool(schoolId, WHAT);
        if (!webhooks.erase(schoolId, caller.scope())) {
            throw new RecordNotFoundException(WHAT);
        }
        long dropped = callbacks.dropPending(schoolId, caller.scope());
        LOG.infof("school %s: status webhook removed by %s; %d waiting callback(s) dropped", schoolId,
                caller.subject(), dropped);
    }

    /** The school's callbacks, newest first, optionally in one state (DEAD: the dead letters). */
    @Transactional
    public List<CallbackRecord> callbacks(String schoolId, CallbackState status, int limit) {
        caller.requireSchool(schoolId, "school");
        return callbacks.forSchool(schoolId, status, limit, caller.scope()).stream()
                .map(StatusWebhookService::record).toList();
    }

    /**
     * An absolute https URL with a host that may be called ({@link OutboundAddressGuard}: no loopback, private,
     * link-local or other non-public IP literal, no {@code localhost}, no name without a dot), without credentials or
     * a fragment. Checked as written: the name is not resolved here (its answer may change; the sender checks again).
     */
    URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidRequestException("url", "NotBlank", "Give the https URL of the school app's webhook");
        }
        if (url.length() > MAX_URL) {
            throw new InvalidRequestException("url", "Size", "At most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("url", "HttpsUrl", "Is not a valid URL");
        }
        if (!uri.isAbsolute() || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidRequestException("url", "HttpsUrl", "Must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidRequestException("url", "NoCredentials",
                    "Must not carry credentials (user info); callbacks are authenticated by their signature");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidRequestException("url", "NoFragment", "Must not have a fragment");
        }
        guard.check("url", uri).ifPresent(violation -> {
            throw new InvalidRequestException(List.of(violation));
        });
        return uri;
    }

    private static CallbackRecord record(StatusCallback c) {
        return new CallbackRecord(c.id(), c.deliveryId(), c.eventId(), c.kind(), c.channel(), c.recipientType(),
                c.recipientId(), c.deliveryStatus(), c.failure(), c.occurredAt(), c.status(), c.attempts(),
                c.lastError(), c.nextAttemptAt(), c.createdAt(), c.sentAt());
    }

    /** The webhook as it now is, and its secret when one was just made (shown this once). */
    public record Registered(WebhookDetails webhook, String secret, boolean created) {

        @Override
        public String toString() {
            return "Registered[" + webhook + ", created=" + created + "]";
        }
    }

    /** A status callback as the API shows it: ids, the status it reports, and how posting it went. */
    public record CallbackRecord(UUID id, UUID deliveryId, String eventId, MessageKind kind, Channel channel,
            RecipientType recipientType, String recipientId, StatusChange.ReportedStatus deliveryStatus,
            StatusChange.FailureReason failure, Instant occurredAt, CallbackState status, int attempts, String lastError,
            Instant nextAttemptAt, Instant createdAt, Instant sentAt) {
    }
}
