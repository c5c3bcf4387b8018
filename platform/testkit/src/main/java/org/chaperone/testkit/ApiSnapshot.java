package org.chaperone.testkit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a running service's generated OpenAPI document with its snapshot in {@code docs/api/<service>.yaml},
 * so every API change shows in review. After an intended change, run the test with
 * {@code -Dchaperone.api.update-snapshot=true} and commit the snapshot. That the document tells the truth about
 * the success statuses is checked as the module's other tests call the endpoints ({@link DocumentedStatuses}).
 */
public final class ApiSnapshot {

    private ApiSnapshot() {
    }

    /** Run from the service module's directory (Surefire's working directory). */
    public static void assertMatches(String service) {
        Path snapshot = Path.of("..", "docs", "api", service + ".yaml");
        String generated = given().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        try {
            if (Boolean.getBoolean("chaperone.api.update-snapshot")) {
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, generated, StandardCharsets.UTF_8);
            }
            assertThat(snapshot).as("snapshot %s", snapshot.toAbsolutePath()).exists();
            assertThat(generated).as("OpenAPI of %s against %s", service, snapshot)
                    .isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
