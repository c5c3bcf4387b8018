package org.chaperone.notification.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.chaperone.testkit.ApiSnapshot;
import org.junit.jupiter.api.Test;

/** The generated OpenAPI document equals docs/api/notification-service.yaml. */
@QuarkusTest
class OpenApiSnapshotTest {

    @Test
    void generatedDocumentMatchesTheSnapshot() {
        ApiSnapshot.assertMatches("notification-service");
    }
}
