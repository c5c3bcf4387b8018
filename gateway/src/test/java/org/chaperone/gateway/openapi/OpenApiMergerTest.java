package org.chaperone.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.chaperone.gateway.routing.CircuitBreaker;
import org.chaperone.gateway.routing.Route;
import org.chaperone.gateway.routing.UpstreamService;
import org.junit.jupiter.api.Test;

class OpenApiMergerTest {

    static Route route(String prefix, String service) {
        return new Route(prefix, new UpstreamService(service, URI.create("http://" + service + ":80"),
                Duration.ofSeconds(1), "/q/openapi", new CircuitBreaker(1, Duration.ofSeconds(1))), Duration.ofSeconds(1));
    }

    @Test
    void aRouteThatNoDocumentDescribesIsReportedMissing() {
        List<Route> routes = List.of(route("/api/v1/pupils", "consent"), route("/api/v1/guardians", "consent"));
        JsonObject consent = new JsonObject().put("openapi", "3.1.0").put("paths", new JsonObject()
                .put("/api/v1/pupils/{id}", new JsonObject().put("get", new JsonObject()))
                .put("/q/health", new JsonObject().put("get", new JsonObject())));
        JsonObject merged = OpenApiMerger.merge("t", "1", routes,
                List.of(new OpenApiMerger.ServiceDocument("consent", consent)));
        assertThat(merged.getJsonObject("paths").fieldNames()).containsExactly("/api/v1/pupils/{id}");
        assertThat(OpenApiMerger.missingRoutes(routes, merged)).containsExactly("/api/v1/guardians");
        assertThat(merged.getJsonArray(OpenApiMerger.MISSING_ROUTES).getList()).containsExactly("/api/v1/guardians");
    }

    @Test
    void aPathIsOnlyTakenFromTheServiceItsRouteLeadsTo() {
        List<Route> routes = List.of(route("/api/v1/pupils", "consent"), route("/api/v1/sessions", "scheduling"));
        JsonObject rogue = new JsonObject().put("paths", new JsonObject()
                .put("/api/v1/pupils", new JsonObject().put("get", new JsonObject().put("summary", "rogue")))
                .put("/api/v1/sessions", new JsonObject().put("get", new JsonObject())));
        JsonObject merged = OpenApiMerger.merge("t", "1", routes, List.of(
                new OpenApiMerger.ServiceDocument("scheduling", rogue),
                new OpenApiMerger.ServiceDocument("consent", null)));
        assertThat(merged.getJsonObject("paths").fieldNames()).containsExactly("/api/v1/sessions");
        assertThat(merged.getJsonArray(OpenApiMerger.UNAVAILABLE_SERVICES).getList()).containsExactly("consent");
    }
}
