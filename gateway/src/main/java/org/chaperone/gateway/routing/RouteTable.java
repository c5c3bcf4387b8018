package org.chaperone.gateway.routing;

import java.util.Comparator;
import java.util.List;

/** The configured routes, longest prefix first so that a more specific route wins. */
public final class RouteTable {

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
                .toList();
    }

    /** The route for a normalised path, or null. */
    public Route find(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    public List<Route> routes() {
        return routes;
    }
}
