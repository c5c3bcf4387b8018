package org.chaperone.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The real infrastructure a service's {@code @QuarkusTest}s run on: PostgreSQL, a Kafka broker and the
 * test token issuer's public key. Declare it once per module, with global scope:
 * {@code @WithTestResource(value = ChaperoneTestResources.class, scope = TestResourceScope.GLOBAL)}.
 * PostgreSQL and the broker start once per test JVM and are reused across application restarts.
 */
public class ChaperoneTestResources implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(TestDatabase.quarkusConfig());
        config.putAll(TestBroker.quarkusConfig());
        config.putAll(Tokens.quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        // Kept for the next application start in this JVM; both stop when the JVM exits.
    }
}
