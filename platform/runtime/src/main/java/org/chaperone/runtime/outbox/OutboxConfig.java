package org.chaperone.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "chaperone.outbox")
public interface OutboxConfig {

    /** How often the poller looks for rows the after-commit publish missed. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows published per relay transaction. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before leaving it to the poller. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** How long {@code send} may block for metadata when the broker is unreachable. */
    @WithDefault("5s")
    Duration maxBlock();
}
