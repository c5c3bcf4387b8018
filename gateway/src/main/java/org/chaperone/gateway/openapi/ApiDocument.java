package org.chaperone.gateway.openapi;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaperone.gateway.openapi.OpenApiMerger.ServiceDocument;
import org.chaperone.gateway.routing.Route;
import org.chaperone.gateway.routing.UpstreamService;
import org.jboss.logging.Logger;

/** The merged document, fetched from the services without blocking and reused for a short while. */
public final class ApiDocument {

    private static final Logger LOG = Logger.getLogger(ApiDocument.class);

    private final HttpClient client;
    private final List<Route> routes;
    private final List<UpstreamService> services;
    private final String title;
    private final String version;
    private final long cacheForNanos;
    private final long fetchTimeoutMillis;

    private JsonObject cached;
    private long cachedAt;
    private Future<JsonObject> inFlight;

    public ApiDocument(HttpClient client, List<Route> routes, String title, String version, Duration cacheFor,
            Duration fetchTimeout) {
        this.client = client;
        this.routes = routes;
        Map<String, UpstreamService> byName = new LinkedHashMap<>();
        routes.forEach(route -> byName.putIfAbsent(route.service().name(), route.service()));
        this.services = new ArrayList<>(byName.values());
        this.title = title;
        this.version = version;
        this.cacheForNanos = cacheFor.toNanos();
        this.fetchTimeoutMillis = fetchTimeout.toMillis();
    }

    public synchronized Future<JsonObject> current() {
        if (cached != null && System.nanoTime() - cachedAt < cacheForNanos) {
            return Future.succeededFuture(cached);
        }
        if (inFlight != null) {
            return inFlight;
        }
        List<Future<ServiceDocument>> fetches = services.stream().map(this::fetch).toList();
        Future<JsonObject> merged = Future.join(new ArrayList<>(fetches)).transform(done -> {
            List<ServiceDocument> documents = fetches.stream().map(Future::result).toList();
            JsonObject document = OpenApiMerger.merge(title, version, routes, documents);
            synchronized (this) {
                inFlight = null;
                // A document with a service missing is served but not kept, so it heals as soon as the service is back.
                if (document.getJsonArray(OpenApiMerger.UNAVAILABLE_SERVICES).isEmpty()) {
                    cached = document;
                    cachedAt = System.nanoTime();
                }
            }
            return Future.succeededFuture(document);
        });
        if (!merged.isComplete()) {
            inFlight = merged;
        }
        return merged;
    }

    private Future<ServiceDocument> fetch(UpstreamService service) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(service.address())
                .setHost(service.url().getHost())
                .setPort(service.address().port())
                .setURI(service.openapiPath())
                .setIdleTimeout(fetchTimeoutMillis)
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture("answered " + response.statusCode()))
                .map(body -> new ServiceDocument(service.name(), body.toJsonObject()))
                .recover(failure -> {
                    LOG.warnf("no OpenAPI document from %s: %s", service.name(), failure.getMessage());
                    return Future.succeededFuture(new ServiceDocument(service.name(), null));
                });
    }
}
