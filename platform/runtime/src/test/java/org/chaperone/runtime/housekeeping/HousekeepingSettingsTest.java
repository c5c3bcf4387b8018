package org.chaperone.runtime.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules housekeeping's settings are checked against at start (plain JUnit). */
class HousekeepingSettingsTest {

    record Settings(Duration inboxRetention, Duration topicRetention, int batchSize) implements HousekeepingConfig {

        Settings(Duration inboxRetention, Duration topicRetention) {
            this(inboxRetention, topicRetention, 1000);
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration initialDelay() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration maxRunTime() {
            return Duration.ofMinutes(5);
        }

        @Override
        public Duration outboxRetention() {
            return Duration.ofDays(7);
        }

        @Override
        public Duration idempotencyRetention() {
            return Duration.ofHours(24);
        }
    }

    @Test
    void theDefaultsAreAccepted() {
        assertThat(Housekeeping.refusals(new Settings(Duration.ofDays(30), Duration.ofDays(21)))).isEmpty();
    }

    @Test
    void anInboxThatForgetsBeforeTheTopicsDoIsRefusedWithTheReason() {
        List<String> refusals = Housekeeping.refusals(new Settings(Duration.ofDays(7), Duration.ofDays(14)));
        assertThat(refusals).singleElement().asString()
                .contains("chaperone.housekeeping.inbox-retention (7d) must be longer than "
                        + "chaperone.housekeeping.topic-retention (14d)")
                .contains("applied twice");
    }

    @Test
    void anInboxThatForgetsJustWhenTheTopicsDoIsRefusedToo() {
        assertThat(Housekeeping.refusals(new Settings(Duration.ofDays(14), Duration.ofDays(14)))).hasSize(1);
        assertThat(Housekeeping.refusals(new Settings(Duration.ofDays(14).plusHours(1), Duration.ofDays(14))))
                .isEmpty();
    }

    @Test
    void aBatchSizeOutOfRangeIsRefused() {
        assertThat(Housekeeping.refusals(new Settings(Duration.ofDays(30), Duration.ofDays(14), 0)))
                .singleElement().asString().contains("batch-size");
    }

    @Test
    void aTableNameOrConditionThatIsNotPlainIsRejected() {
        assertThatThrownBy(() -> new PrunableTable("concern; drop table x", "true", "created_at", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrunableTable("status_callback", "true; delete from concern", "updated_at",
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PrunableTable("status_callback", "true", "updated_at", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHighestCtidIsFoundByPageThenItem() {
        assertThat(Housekeeping.highest(List.of("(9,12)", "(10,1)", "(2,200)"))).isEqualTo("(10,1)");
        assertThat(Housekeeping.highest(List.of("(10,2)", "(10,11)"))).isEqualTo("(10,11)");
    }
}
