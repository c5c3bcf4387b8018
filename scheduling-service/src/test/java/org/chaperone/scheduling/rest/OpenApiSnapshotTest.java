package org.chaperone.scheduling.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.chaperone.testkit.ApiSnapshot;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document equals docs/api/scheduling-service.yaml. */
@QuarkusTest
class OpenApiSnapshotTest {

    @Test
    void generatedDocumentMatchesTheSnapshot() {
        ApiSnapshot.assertMatches("scheduling-service");
    }
}
