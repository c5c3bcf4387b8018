package org.chaperone.notification.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.chaperone.notification.config.NotificationConfig;
import org.jboss.logging.Logger;

/** Runs the escalation clock (R17) on a schedule; every replica runs it, and the row locks keep steps single. */
@ApplicationScoped
public class EscalationClock {

    private static final Logger LOG = Logger.getLogger(EscalationClock.class);

    @Inject
    EscalationService escalations;
    @Inject
    NotificationConfig config;

    @Scheduled(every = "${chaperone.notification.escalation.poll-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            while (escalations.escalateDue() == config.escalation().batchSize()) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            LOG.errorf("escalation round failed: %s", e.getClass().getSimpleName());
        }
    }
}
