package org.chaperone.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code gateway_requests_seconds} per route, service, method and status. Route is the configured prefix (or
 * {@code none}), never the raw path, so the number of series stays bounded. Each route's timers are found by
 * array index (method, status), so recording a request builds no key, no tags and no string.
 */
public final class RouteMetrics {

    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"};
    private static final int OTHER = METHODS.length - 1;
    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 500; // 100-599

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Meters> byRoute = new ConcurrentHashMap<>();

    public RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The timers of one route (or pseudo-route such as {@code none}); resolve once, keep, record often. */
    public Meters forRoute(String route, String service) {
        return byRoute.computeIfAbsent(route + '\n' + service, k -> new Meters(route, service));
    }

    /** One route's timers, created on first use of each method and status and then only looked up. */
    public final class Meters {
        private final String route;
        private final String service;
        private final AtomicReferenceArray<AtomicReferenceArray<Timer>> byMethod =
                new AtomicReferenceArray<>(METHODS.length);
        private final ConcurrentHashMap<Integer, Timer> unusualStatuses = new ConcurrentHashMap<>();

        private Meters(String route, String service) {
            this.route = route;
            this.service = service;
        }

        public void record(HttpMethod method, int status, long nanos) {
            timer(methodIndex(method), status).record(nanos, TimeUnit.NANOSECONDS);
        }

        Timer timer(int method, int status) {
            int slot = status - LOWEST_STATUS;
            if (slot < 0 || slot >= STATUSES) {
                return unusualStatuses.computeIfAbsent(method * 10_000 + status, k -> register(method, status));
            }
            AtomicReferenceArray<Timer> byStatus = byMethod.get(method);
            if (byStatus == null) {
                byMethod.compareAndSet(method, null, new AtomicReferenceArray<>(STATUSES));
                byStatus = byMethod.get(method);
            }
            Timer timer = byStatus.get(slot);
            if (timer == null) {
                // Registering the same id twice yields the same timer, so a race here is harmless.
                timer = register(method, status);
                byStatus.set(slot, timer);
            }
            return timer;
        }

        private Timer register(int method, int status) {
            return Timer.builder("gateway.requests")
                    .description("Requests through the gateway by route and status")
                    .tag("route", route)
                    .tag("service", service)
                    .tag("method", METHODS[method])
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram(false)
                    .register(registry);
        }
    }

    static int methodIndex(HttpMethod method) {
        // HttpMethod is not an enum; the common ones are shared constants.
        if (method == HttpMethod.GET) {
            return 0;
        } else if (method == HttpMethod.HEAD) {
            return 1;
        } else if (method == HttpMethod.POST) {
            return 2;
        } else if (method == HttpMethod.PUT) {
            return 3;
        } else if (method == HttpMethod.PATCH) {
            return 4;
        } else if (method == HttpMethod.DELETE) {
            return 5;
        } else if (method == HttpMethod.OPTIONS) {
            return 6;
        }
        return switch (method.name()) {
            case "GET" -> 0;
            case "HEAD" -> 1;
            case "POST" -> 2;
            case "PUT" -> 3;
            case "PATCH" -> 4;
            case "DELETE" -> 5;
            case "OPTIONS" -> 6;
            default -> OTHER;
        };
    }
}
