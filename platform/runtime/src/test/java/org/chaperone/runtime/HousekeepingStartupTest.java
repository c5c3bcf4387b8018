package org.chaperone.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application refuses to start when the inbox would forget events sooner than the topics do: a redelivered
 * event could then be applied twice. (If it started, {@link ProbeMain} would end it at once with status 0.)
 */
@QuarkusMainTest
@TestProfile(HousekeepingStartupTest.InboxForgetsTooSoon.class)
class HousekeepingStartupTest {

    public static class InboxForgetsTooSoon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("chaperone.housekeeping.inbox-retention", "10d",
                    "chaperone.housekeeping.topic-retention", "14d");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void anInboxRetentionShorterThanTheTopicsRefusesToStart(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("chaperone.housekeeping.inbox-retention (10d) must be longer than "
                        + "chaperone.housekeeping.topic-retention (14d)");
    }
}
