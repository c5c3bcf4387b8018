package org.chaperone.scheduling.event;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.runtime.inbox.Inbox;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.scheduling.service.SessionLogService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A security breach raised during a live session ends it for everyone (R13), exactly once. */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "scheduling.security-breach";

    @Inject
    Inbox inbox;
    @Inject
    SessionLogService sessions;

    @Incoming("incident-events")
    @Blocking
    @Transactional
    public void onIncidentEvent(ConsumerRecord<String, byte[]> record) {
        inbox.applyOnce(CONSUMER, record, this::apply);
    }

    private void apply(CloudEvent<?> event) {
        if (event.data() instanceof IncidentRaised raised && raised.category() == IncidentCategory.SECURITY_BREACH
                && raised.sessionId() != null) {
            sessions.terminateForSecurityBreach(new SessionId(raised.sessionId()), raised.incidentId());
        }
    }
}
