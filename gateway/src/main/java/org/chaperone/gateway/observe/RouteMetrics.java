package org.chaperone.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gateway_requests_seconds} per route, service, method and status. Route is the configured prefix (or
 * {@code none}), never the raw path, so the number of series stays bounded.
 */
public final class RouteMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String route, String service, String method, int status, long nanos) {
        String key = route + '|' + service + '|' + method + '|' + status;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder("gateway.requests")
                    .description("Requests through the gateway by route and status")
                    .tag("route", route)
                    .tag("service", service)
                    .tag("method", method)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram(false)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }
}
