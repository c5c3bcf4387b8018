package org.chaperone.scheduling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** scheduling-service's own settings. */
@ConfigMapping(prefix = "chaperone.scheduling")
public interface SchedulingConfig {

    /** Join links are this base followed by an unguessable token. */
    String joinBaseUrl();

    /** AES-256 key, base64 of 32 bytes, that encrypts passcodes at rest. */
    String passcodeKey();

    /** Most pupils in one session: a class, with room to spare. */
    @WithDefault("60")
    int maxPupilsPerSession();

    /** Most hosts of one session. */
    @WithDefault("10")
    int maxHosts();
}
