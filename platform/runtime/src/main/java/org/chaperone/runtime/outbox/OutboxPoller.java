package org.chaperone.runtime.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Publishes whatever the after-commit relay missed: a broker that was down, a process that died between
 * commit and publish. Runs on every replica; the relay's locks keep them from colliding.
 */
@ApplicationScoped
public class OutboxPoller {

    @Inject
    OutboxRelay relay;

    @Scheduled(every = "${chaperone.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        relay.wake();
    }
}
