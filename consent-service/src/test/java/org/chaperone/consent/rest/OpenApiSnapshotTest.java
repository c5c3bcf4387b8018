package org.chaperone.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document generated from the code must equal the snapshot in docs/api, so every API change shows
 * in review. After an intended change: {@code mvn -pl consent-service test -Dtest=OpenApiSnapshotTest
 * -Dchaperone.api.update-snapshot=true}, and commit the snapshot.
 */
@QuarkusTest
class OpenApiSnapshotTest {

    static final Path SNAPSHOT = Path.of("..", "docs", "api", "consent-service.yaml");

    @Test
    void generatedDocumentMatchesTheSnapshot() throws IOException {
        String generated = given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("chaperone.api.update-snapshot")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, generated, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("snapshot %s", SNAPSHOT.toAbsolutePath()).exists();
        assertThat(generated).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }
}
