package org.chaperone.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouteMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouteMetrics metrics = new RouteMetrics(registry);

    @Test
    void eachRouteMethodAndStatusHasItsOwnTimer() {
        RouteMetrics.Meters pupils = metrics.forRoute("/api/v1/pupils", "consent");
        pupils.record(HttpMethod.GET, 200, 1_000_000);
        pupils.record(HttpMethod.GET, 200, 3_000_000);
        pupils.record(HttpMethod.POST, 201, 2_000_000);
        pupils.record(HttpMethod.valueOf("PROPFIND"), 405, 1_000);
        pupils.record(HttpMethod.GET, 499, 1_000);
        pupils.record(HttpMethod.GET, 999, 1_000);
        metrics.forRoute("none", "gateway").record(HttpMethod.GET, 404, 1_000);

        assertThat(timer("/api/v1/pupils", "consent", "GET", "200").count()).isEqualTo(2);
        assertThat(timer("/api/v1/pupils", "consent", "GET", "200").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(4.0);
        assertThat(timer("/api/v1/pupils", "consent", "POST", "201").count()).isEqualTo(1);
        assertThat(timer("/api/v1/pupils", "consent", "OTHER", "405").count()).isEqualTo(1);
        assertThat(timer("/api/v1/pupils", "consent", "GET", "499").count()).isEqualTo(1);
        assertThat(timer("/api/v1/pupils", "consent", "GET", "999").count()).isEqualTo(1);
        assertThat(timer("none", "gateway", "GET", "404").count()).isEqualTo(1);
        assertThat(registry.find("gateway.requests").timers()).hasSize(6);
    }

    @Test
    void theSameRouteGivesTheSameMeters() {
        assertThat(metrics.forRoute("/api/v1/rota", "notification"))
                .isSameAs(metrics.forRoute("/api/v1/rota", "notification"));
        assertThat(metrics.forRoute("/api/v1/rota", "notification").timer(0, 200))
                .isSameAs(metrics.forRoute("/api/v1/rota", "notification").timer(0, 200));
    }

    private Timer timer(String route, String service, String method, String status) {
        return registry.get("gateway.requests").tag("route", route).tag("service", service).tag("method", method)
                .tag("status", status).timer();
    }
}
