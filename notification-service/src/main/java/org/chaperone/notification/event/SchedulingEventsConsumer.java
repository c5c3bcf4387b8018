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
 * Plans the deliveries that scheduling-service's events call for: invites and revocations to the guardians
 * they name, sessions to SLT (R8) and the Headteacher (R3), a terminated session to the DSL (R13). Each event
 * once: the inbox row and its deliveries commit together.
 */
@ApplicationScoped
public class SchedulingEventsConsumer {

    static final String CONSUMER = "notification.scheduling-deliveries";

    @Inject
    Inbox inbox;
    @Inject
    DeliveryPlanner planner;

    @Incoming("scheduling-events")
    @Blocking
    @Transactional
    public void onSchedulingEvent(ConsumerRecord<String, byte[]> record) {
        inbox.applyOnce(CONSUMER, record, planner::apply);
    }
}
