package org.chaperone.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final RetrySchedule RETRIES = new RetrySchedule(5, Duration.ofSeconds(10), Duration.ofMinutes(2));

    @Test
    void theDelayDoublesPerAttemptWithJitterWithinItsBounds() {
        Random random = new Random(7);
        long[] ceilings = {10_000, 20_000, 40_000, 80_000, 120_000, 120_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long delay = RETRIES.delayAfter(attempt, random).toMillis();
                assertThat(delay).as("attempt %d", attempt).isBetween(ceilings[attempt - 1] / 2, ceilings[attempt - 1]);
            }
        }
    }

    @Test
    void jitterSpreadsRetriesOut() {
        Random random = new Random(11);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> RETRIES.delayAfter(3, random).toMillis()).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void theLastAttemptExhaustsTheSchedule() {
        assertThat(RETRIES.exhausted(4)).isFalse();
        assertThat(RETRIES.exhausted(5)).isTrue();
    }

    @Test
    void aScheduleMustMakeSense() {
        assertThatThrownBy(() -> new RetrySchedule(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(3, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(3, Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
