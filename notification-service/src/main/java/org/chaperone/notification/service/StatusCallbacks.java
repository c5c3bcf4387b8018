package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.notification.repository.StatusCallbackRepository;

/**
 * Queues a status callback for each change of a delivery's status at a school with a status webhook, in the
 * transaction that makes the change: the callback commits with the status or not at all (the table is an outbox).
 * Posting is the {@link StatusCallbackSender}'s job, on its own threads, so a slow or absent school app never holds
 * up a delivery.
 */
@ApplicationScoped
public class StatusCallbacks {

    @Inject
    StatusCallbackRepository callbacks;
    @Inject
    Event<StatusCallbacksQueued> queued;

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(List<StatusChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        int count = callbacks.enqueue(changes, Instant.now());
        if (count > 0) {
            queued.fire(new StatusCallbacksQueued(count));
        }
    }
}
