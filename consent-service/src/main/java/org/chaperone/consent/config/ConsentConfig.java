package org.chaperone.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** consent-service's own settings. */
@ConfigMapping(prefix = "chaperone.consent")
public interface ConsentConfig {

    /** Most pupils in one consent request or status query (a class, or a year group). */
    @WithDefault("500")
    int maxPupilsPerCall();

    /** How often lapsed grants are expired and announced. */
    @WithDefault("1m")
    Duration expiryCheckInterval();

    /** Most grants expired in one transaction. */
    @WithDefault("200")
    int expiryBatchSize();
}
