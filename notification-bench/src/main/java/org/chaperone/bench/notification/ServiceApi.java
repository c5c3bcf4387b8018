package org.chaperone.bench.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.chaperone.local.DevTokens;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * notification-service's REST API as a school's MIS connector calls it: contact points and the safeguarding rota,
 * with a signed {@code school-app} token per school (deploy/local's {@link DevTokens}).
 */
final class ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 8;

    private final String baseUrl;
    private final PrivateKey signingKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    ServiceApi(String baseUrl, PrivateKey signingKey) {
        this.baseUrl = baseUrl;
        this.signingKey = signingKey;
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The school's rota: a DSL and one deputy (alerted at once), a Headteacher (alerted only on escalation), the
     * school day all day every day (so no out-of-hours routing) and hour-long escalation windows, so that no
     * escalation step falls inside a run; an escalation e-mail would be an unexpected message.
     */
    CompletableFuture<Void> rota(String school, String dsl, String deputy, String head) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        for (String field : List.of("afterLow", "afterMedium", "afterHigh", "afterCritical", "afterImmediateRisk")) {
            escalation.put(field, "PT1H");
        }
        escalation.put("schoolDays", Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList());
        escalation.put("schoolDayStarts", "00:00");
        escalation.put("schoolDayEnds", "23:59");
        Map<String, Object> body = new HashMap<>();
        body.put("dsl", dsl);
        body.put("deputyDsls", List.of(deputy));
        body.put("headteacher", head);
        body.put("slt", List.of());
        body.put("escalation", escalation);
        return put(school, "/api/v1/rota/" + school, body);
    }

    CompletableFuture<Void> contact(String school, String personType, String personId, String email) {
        return put(school, "/api/v1/contact-points/" + school + "/" + personType + "/" + personId,
                Map.of("email", email));
    }

    /** Runs the calls with a few in flight at once; the first failure fails the lot. */
    static void all(List<java.util.function.Supplier<CompletableFuture<Void>>> calls) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (var call : calls) {
            slots.acquire();
            if (failure.get() != null) {
                break;
            }
            call.get().whenComplete((ok, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                slots.release();
            });
        }
        slots.acquire(IN_FLIGHT);
        if (failure.get() != null) {
            throw new IllegalStateException("setup through the API failed: " + failure.get().getMessage(),
                    failure.get());
        }
    }

    private CompletableFuture<Void> put(String school, String path, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(school)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        });
    }

    private String token(String school) {
        return tokens.computeIfAbsent(school, s -> DevTokens.mint(new TokenRequest(DevTokens.schoolAppSubject(s),
                List.of("school-app"), List.of(s), null, Duration.ofHours(8)), signingKey, Instant.now()));
    }
}
