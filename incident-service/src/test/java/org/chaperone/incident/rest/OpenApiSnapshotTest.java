package org.chaperone.incident.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.chaperone.testkit.ApiSnapshot;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document equals docs/api/incident-service.yaml. */
@QuarkusTest
class OpenApiSnapshotTest {

    @Test
    void generatedDocumentMatchesTheSnapshot() {
        ApiSnapshot.assertMatches("incident-service");
    }
}
