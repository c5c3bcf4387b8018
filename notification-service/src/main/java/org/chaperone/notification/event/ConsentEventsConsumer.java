package org.chaperone.notification.event;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chaperone.notification.service.DeliveryPlanner;
import org.chaperone.runtime.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Plans the deliveries that consent-service's events call for: a consent request mails the guardians
 * asked. Each event once: the inbox row and its deliveries commit together.
 */
@ApplicationScoped
public class ConsentEventsConsumer {

    static final String CONSUMER = "notification.consent-deliveries";

    @Inject
    Inbox inbox;
    @Inject
    DeliveryPlanner planner;

    @Incoming("consent-events")
    @Blocking
    @Transactional
    public void onConsentEvent(ConsumerRecord<String, byte[]> record) {
        inbox.applyOnce(CONSUMER, record, planner::apply);
    }
}
