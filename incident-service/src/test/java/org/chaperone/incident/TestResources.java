package org.chaperone.incident;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.chaperone.testkit.ChaperoneTestResources;

/** Real PostgreSQL, a real Kafka broker and the test issuer's key, started once for every test class here. */
@WithTestResource(value = ChaperoneTestResources.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}
