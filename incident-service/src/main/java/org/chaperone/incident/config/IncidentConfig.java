package org.chaperone.incident.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** incident-service's own settings. */
@ConfigMapping(prefix = "chaperone.incident")
public interface IncidentConfig {

    /** How far ahead of this server's clock a reported time may be (a device's clock runs fast). */
    @WithDefault("5m")
    Duration clockSkew();

    /** What the receipt of a concern with an immediate risk of harm tells the raiser to do (R12). */
    @WithDefault("There is an immediate risk of harm: call the police on 999 now, then tell the DSL in person or by phone.")
    String policeCallAdvice();

    /** The trust's time zone: what "today" is for a date of birth and a retention date (R16). */
    @WithDefault("Europe/London")
    ZoneId timeZone();
}
