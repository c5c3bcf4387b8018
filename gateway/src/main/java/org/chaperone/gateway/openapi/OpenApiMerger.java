package org.chaperone.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaperone.gateway.routing.Route;

/**
 * Merges the services' OpenAPI documents into the one the public sees: only paths under the service's public
 * routes, components merged (a name two services use for different things is prefixed with the service's name
 * and its {@code $ref}s rewritten), and {@code x-chaperone-missing-routes} listing every configured route that no
 * document describes, so a route without a document is visible to a test and to a reader.
 */
public final class OpenApiMerger {

    public static final String MISSING_ROUTES = "x-chaperone-missing-routes";
    public static final String UNAVAILABLE_SERVICES = "x-chaperone-unavailable-services";

    /** One service's document, or null when it could not be fetched. */
    public record ServiceDocument(String service, JsonObject document) {
    }

    private OpenApiMerger() {
    }

    public static JsonObject merge(String title, String version, List<Route> routes, List<ServiceDocument> documents) {
        JsonObject paths = new JsonObject();
        JsonObject components = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        Set<String> unavailable = new LinkedHashSet<>();
        String openapiVersion = null;
        for (ServiceDocument serviceDocument : documents) {
            JsonObject document = serviceDocument.document();
            if (document == null) {
                unavailable.add(serviceDocument.service());
                continue;
            }
            document = document.copy();
            if (openapiVersion == null) {
                openapiVersion = document.getString("openapi");
            }
            List<Route> ownRoutes = routes.stream()
                    .filter(route -> route.service().name().equals(serviceDocument.service())).toList();
            renameConflictingComponents(serviceDocument.service(), document, components);
            JsonObject servicePaths = document.getJsonObject("paths", new JsonObject());
            for (String path : servicePaths.fieldNames()) {
                if (ownRoutes.stream().anyMatch(route -> route.matches(path)) && !paths.containsKey(path)) {
                    paths.put(path, servicePaths.getValue(path));
                }
            }
            JsonObject serviceComponents = document.getJsonObject("components", new JsonObject());
            for (String section : serviceComponents.fieldNames()) {
                JsonObject target = components.getJsonObject(section);
                if (target == null) {
                    target = new JsonObject();
                    components.put(section, target);
                }
                JsonObject entries = serviceComponents.getJsonObject(section);
                for (String name : entries.fieldNames()) {
                    target.put(name, entries.getValue(name));
                }
            }
            for (Object tag : document.getJsonArray("tags", new JsonArray())) {
                if (tag instanceof JsonObject tagObject) {
                    tags.putIfAbsent(tagObject.getString("name"), tagObject);
                }
            }
        }
        JsonObject merged = new JsonObject()
                .put("openapi", openapiVersion == null ? "3.0.3" : openapiVersion)
                .put("info", new JsonObject().put("title", title).put("version", version)
                        .put("description", "The Chaperone API as school apps see it through the gateway. "
                                + "Every call needs a bearer token (RS256) of the trust's identity provider."))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("paths", sorted(paths));
        if (!components.isEmpty()) {
            merged.put("components", components);
        }
        if (!tags.isEmpty()) {
            merged.put("tags", new JsonArray(new ArrayList<>(tags.values())));
        }
        merged.put(MISSING_ROUTES, new JsonArray(missingRoutes(routes, merged)));
        merged.put(UNAVAILABLE_SERVICES, new JsonArray(new ArrayList<>(unavailable)));
        return merged;
    }

    /** The configured route prefixes that no path of the document falls under. */
    public static List<String> missingRoutes(List<Route> routes, JsonObject document) {
        Set<String> documented = document.getJsonObject("paths", new JsonObject()).fieldNames();
        List<String> missing = new ArrayList<>();
        for (Route route : routes) {
            if (documented.stream().noneMatch(route::matches)) {
                missing.add(route.prefix());
            }
        }
        missing.sort(String::compareTo);
        return missing;
    }

    private static JsonObject sorted(JsonObject object) {
        JsonObject sorted = new JsonObject();
        object.fieldNames().stream().sorted().forEach(name -> sorted.put(name, object.getValue(name)));
        return sorted;
    }

    private static void renameConflictingComponents(String service, JsonObject document, JsonObject merged) {
        JsonObject own = document.getJsonObject("components");
        if (own == null) {
            return;
        }
        Map<String, String> renamedRefs = new LinkedHashMap<>();
        for (String section : own.fieldNames()) {
            JsonObject existing = merged.getJsonObject(section);
            JsonObject entries = own.getJsonObject(section);
            if (existing == null || entries == null) {
                continue;
            }
            for (String name : new ArrayList<>(entries.fieldNames())) {
                if (existing.containsKey(name) && !existing.getValue(name).equals(entries.getValue(name))) {
                    String newName = service + "_" + name;
                    entries.put(newName, entries.remove(name));
                    renamedRefs.put("#/components/" + section + "/" + name, "#/components/" + section + "/" + newName);
                }
            }
        }
        if (!renamedRefs.isEmpty()) {
            rewriteRefs(document, renamedRefs);
        }
    }

    private static void rewriteRefs(Object node, Map<String, String> renamed) {
        if (node instanceof JsonObject object) {
            for (String key : new ArrayList<>(object.fieldNames())) {
                Object value = object.getValue(key);
                if ("$ref".equals(key) && value instanceof String ref && renamed.containsKey(ref)) {
                    object.put(key, renamed.get(ref));
                } else {
                    rewriteRefs(value, renamed);
                }
            }
        } else if (node instanceof JsonArray array) {
            for (Object value : array) {
                rewriteRefs(value, renamed);
            }
        }
    }
}
