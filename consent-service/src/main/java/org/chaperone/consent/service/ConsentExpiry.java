package org.chaperone.consent.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Enforces expiry dates: a lapsed grant gets an EXPIRED entry and a ConsentExpired event. */
@ApplicationScoped
public class ConsentExpiry {

    private static final Logger LOG = Logger.getLogger(ConsentExpiry.class);

    @Inject
    ConsentService consents;

    @Inject
    org.chaperone.consent.config.ConsentConfig config;

    @Scheduled(every = "${chaperone.consent.expiry-check-interval:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireLapsedGrants() {
        int expired;
        do {
            expired = consents.expireLapsedGrants();
            if (expired > 0) {
                LOG.infof("expired %d lapsed consent grant(s)", expired);
            }
        } while (expired >= config.expiryBatchSize());
    }
}
