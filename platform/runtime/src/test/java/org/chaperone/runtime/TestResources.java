package org.chaperone.runtime;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.chaperone.testkit.ChaperoneTestResources;

/** Real PostgreSQL, a real broker and the test issuer's key for every test class of this module. */
@WithTestResource(value = ChaperoneTestResources.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
    private TestResources() {
    }
}
