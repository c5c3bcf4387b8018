package org.chaperone.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.chaperone.gateway.openapi.OpenApiMerger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StubServices.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @Test
    void theMergedDocumentHasEveryRouteOfEveryServiceAndNothingInternal() {
        JsonObject document = new JsonObject(given().when().get("/api/openapi")
                .then().statusCode(200).contentType("application/json").extract().asString());
        JsonObject paths = document.getJsonObject("paths");
        List<String> expected = new ArrayList<>();
        StubServices.ROUTES.values().forEach(prefixes -> prefixes.forEach(prefix -> {
            expected.add(prefix);
            expected.add(prefix + "/{id}");
        }));
        assertThat(paths.fieldNames()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo("/");
        // The same schema name meaning different things in two services is kept apart, with its $refs.
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        // The first service merged (its longest route comes first) keeps the name; the others are prefixed.
        assertThat(schemas.fieldNames()).contains("Error", "Shared");
        assertThat(schemas.fieldNames().stream().filter(name -> name.endsWith("_Error"))).hasSize(4);
        assertThat(schemas.fieldNames()).contains("scheduling_Error");
        assertThat(paths.getJsonObject("/api/v1/sessions").encode()).contains("#/components/schemas/scheduling_Error");
    }

    @Test
    void aConfiguredRouteWithoutADocumentIsReported() {
        // The vacant route's service is down, so no document describes it: the merged document says so, and the
        // check every deployment's test runs (missingRoutes) fails on it.
        JsonObject document = new JsonObject(given().when().get("/api/openapi").then().statusCode(200)
                .extract().asString());
        assertThat(document.getJsonArray(OpenApiMerger.MISSING_ROUTES).getList())
                .containsExactly(StubServices.VACANT_ROUTE);
        assertThat(document.getJsonArray(OpenApiMerger.UNAVAILABLE_SERVICES).getList()).containsExactly("vacant");
    }

    @Test
    void theDocsPageRendersEveryOperationUnderAStrictPolicy() {
        given().when().get("/api/docs")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("/api/v1/consent-status/{id}"))
                .body(containsString("/api/v1/deliveries"))
                .body(org.hamcrest.Matchers.not(containsString("<script")));
    }
}
