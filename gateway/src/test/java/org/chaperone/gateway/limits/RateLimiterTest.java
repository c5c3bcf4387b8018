package org.chaperone.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong now = new AtomicLong();
    final RateLimiter limiter = new RateLimiter(6, Duration.ofMinutes(1), now::get);

    @Test
    void allowsABurstThenRefillsContinuouslyPerKey() {
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire("a").allowed()).isTrue();
        }
        RateLimiter.Decision refused = limiter.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
        assertThat(limiter.acquire("b").allowed()).as("another caller has its own bucket").isTrue();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
    }

    @Test
    void fullIdleBucketsAreForgotten() {
        limiter.acquire("a");
        limiter.acquire("b");
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        limiter.acquire("c");
        limiter.evictIdle();
        assertThat(limiter.size()).isEqualTo(1);
    }
}
