package org.chaperone.notification.event;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chaperone.notification.service.DeliveryPlanner;
import org.chaperone.notification.service.EscalationService;
import org.chaperone.runtime.inbox.Inbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Plans the deliveries that incident-service's events call for: a raised concern alerts the DSL team at once
 * (R12), or for staff conduct the Headteacher and the trust's safeguarding lead (R14). Each event once: the
 * inbox row and its deliveries commit together. The alert's escalation clock (R17) starts with it, and
 * IncidentAcknowledged or IncidentClosed stops it ({@link EscalationService}).
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "notification.incident-deliveries";

    @Inject
    Inbox inbox;
    @Inject
    DeliveryPlanner planner;
    @Inject
    EscalationService escalations;

    @Incoming("incident-events")
    @Blocking
    @Transactional
    public void onIncidentEvent(ConsumerRecord<String, byte[]> record) {
        inbox.applyOnce(CONSUMER, record, event -> {
            escalations.apply(event);
            planner.apply(event);
        });
    }
}
