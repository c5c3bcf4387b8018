package org.chaperone.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts the manifests must agree with (docs/architecture.md): which service owns which database and
 * topic, and which topics each one consumes. The checker derives every expected Kafka ACL from this.
 */
record Topology(Map<String, Service> services) {

    /** A backend service: its database (also its schema and role name), its topic, the topics it reads. */
    record Service(String name, String database, String producesTopic, Set<String> consumesTopics) {
        /** Consumer groups are named after the service. */
        String consumerGroup() {
            return name;
        }
    }

    static final String GATEWAY = "gateway";

    static Topology chaperone() {
        return new Topology(Map.of(
                "consent-service", new Service("consent-service", "consent", "chaperone.consent.v1", Set.of()),
                "scheduling-service", new Service("scheduling-service", "scheduling", "chaperone.scheduling.v1",
                        Set.of("chaperone.consent.v1", "chaperone.incident.v1")),
                "incident-service", new Service("incident-service", "incident", "chaperone.incident.v1",
                        Set.of("chaperone.scheduling.v1")),
                "notification-service", new Service("notification-service", "notification", "chaperone.notification.v1",
                        Set.of("chaperone.consent.v1", "chaperone.scheduling.v1", "chaperone.incident.v1"))));
    }

    List<String> topics() {
        return services.values().stream().map(Service::producesTopic).sorted().toList();
    }

    /** Every Deployment: the four services and the gateway. */
    Set<String> deployments() {
        var names = new java.util.TreeSet<>(services.keySet());
        names.add(GATEWAY);
        return names;
    }
}
