package org.chaperone.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    final AtomicLong now = new AtomicLong();
    final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresAndLetsOneTrialThroughLater() {
        assertThat(breaker.onFailure()).isFalse();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isTrue();
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(breaker.retryAfterSeconds()).isEqualTo(6);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(breaker.tryAcquire()).as("the trial").isTrue();
        assertThat(breaker.tryAcquire()).as("only one trial at a time").isFalse();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aFailedTrialOpensAgainAndAnAbandonedOneFreesTheSlot() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onAbandoned();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.onFailure()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void routesMatchWholeSegmentsAndTheLongestPrefixWins() {
        UpstreamService a = new UpstreamService("a", java.net.URI.create("http://a:1"), Duration.ofSeconds(1),
                "/q/openapi", breaker);
        UpstreamService b = new UpstreamService("b", java.net.URI.create("http://b:2"), Duration.ofSeconds(1),
                "/q/openapi", breaker);
        RouteTable table = new RouteTable(java.util.List.of(new Route("/api/v1/consents", a, Duration.ofSeconds(1)),
                new Route("/api/v1/consents/special", b, Duration.ofSeconds(1))));
        assertThat(table.find("/api/v1/consents").service().name()).isEqualTo("a");
        assertThat(table.find("/api/v1/consents/1").service().name()).isEqualTo("a");
        assertThat(table.find("/api/v1/consents/special/1").service().name()).isEqualTo("b");
        assertThat(table.find("/api/v1/consentsX")).isNull();
        assertThat(table.find("/api/v1")).isNull();
    }
}
