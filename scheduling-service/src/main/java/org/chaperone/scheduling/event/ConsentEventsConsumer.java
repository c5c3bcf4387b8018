package org.chaperone.scheduling.event;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chaperone.runtime.inbox.Inbox;
import org.chaperone.scheduling.service.ConsentProjection;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds consent-service's events into the consent projection, each exactly once. */
@ApplicationScoped
public class ConsentEventsConsumer {

    static final String CONSUMER = "scheduling.consent-projection";

    @Inject
    Inbox inbox;
    @Inject
    ConsentProjection projection;

    @Incoming("consent-events")
    @Blocking
    @Transactional
    public void onConsentEvent(ConsumerRecord<String, byte[]> record) {
        inbox.applyOnce(CONSUMER, record, projection::apply);
    }
}
