package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.runtime.housekeeping.PrunableTable;
import org.chaperone.runtime.housekeeping.PrunableTables;

/**
 * Status callbacks are a queue, not a record: once a callback was accepted by the school app (SENT) or given up
 * (DEAD, with its warning and metric at the time), it is kept for {@code status-webhook.retention} (30 days) for the
 * school app's listing and an operator's look at dead letters, then the platform's housekeeping deletes it. A
 * PENDING callback is never deleted. The deliveries themselves are part of the record and are not touched.
 */
@ApplicationScoped
public class StatusCallbackRetention implements PrunableTables {

    @Inject
    NotificationConfig config;

    @Override
    public List<PrunableTable> prunableTables() {
        // updated_at is when the callback reached its final state (StatusCallback.sent / attemptFailed).
        return List.of(new PrunableTable("status_callback", "status in ('SENT', 'DEAD')", "updated_at",
                config.statusWebhook().retention()));
    }
}
