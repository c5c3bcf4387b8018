package org.chaperone.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an answer is matched to its documented operation, and when it is not documented. */
class DocumentedStatusesTest {

    private static final JsonNode DOCUMENT = json("""
            {"paths": {
              "/api/v1/requests/{requestId}": {"get": {"responses": {"200": {}, "401": {}}}},
              "/api/v1/requests/pending": {"get": {"responses": {"200": {}}}},
              "/api/v1/requests": {"post": {"responses": {"201": {"headers": {"Location": {}}}, "400": {}}}},
              "/api/v1/consents/{consentId}/withdrawal": {"post": {"responses": {"200": {}, "400": {}, "401": {}}}},
              "/api/v1/webhook/{schoolId}": {
                "put": {"responses": {"200": {}, "201": {}}},
                "delete": {"responses": {"2XX": {}}}}
            }}
            """);

    @Test
    void aLiteralSegmentIsPreferredToAVariableAsJaxRsDoes() {
        List<String> paths = List.of("/a/{id}/x", "/a/{id}/{part}", "/a/b/{part}", "/a/{id}");
        assertThat(DocumentedStatuses.template(paths, "/a/b/x")).contains("/a/b/{part}");
        assertThat(DocumentedStatuses.template(paths, "/a/c/x")).contains("/a/{id}/x");
        assertThat(DocumentedStatuses.template(paths, "/a/c/y")).contains("/a/{id}/{part}");
        assertThat(DocumentedStatuses.template(paths, "/a/c/")).contains("/a/{id}");
        assertThat(DocumentedStatuses.template(paths, "/a/c/y/z")).isEmpty();
        assertThat(DocumentedStatuses.template(List.of("/f/{id}/file", "/f/{id}/file.html"), "/f/1/file.html"))
                .contains("/f/{id}/file.html");
        assertThat(DocumentedStatuses.template(List.of("/f/{id}.json"), "/f/1.json")).contains("/f/{id}.json");
        assertThat(DocumentedStatuses.template(List.of("/f/{id}"), "/f//")).isEmpty();
    }

    @Test
    void aDocumentedStatusPasses() {
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "GET", "/api/v1/requests/pending", 200, false)).isEmpty();
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "get", "/api/v1/requests/8c1", 200, false)).isEmpty();
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "PUT", "/api/v1/webhook/ash-lea", 201, false)).isEmpty();
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "PUT", "/api/v1/webhook/ash-lea", 200, false)).isEmpty();
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "DELETE", "/api/v1/webhook/ash-lea", 204, false))
                .as("a range").isEmpty();
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "POST", "/api/v1/requests", 201, true)).isEmpty();
    }

    @Test
    void anUndocumentedSuccessNamesTheOperationAndWhatIsDocumented() {
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "POST", "/api/v1/consents/5e2/withdrawal", 201, false))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("POST /api/v1/consents/{consentId}/withdrawal answered 201")
                        .contains("gives only [200, 400, 401]")
                        .contains("@APIResponse(responseCode = \"201\")"));
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "PUT", "/api/v1/webhook/ash-lea", 202, false))
                .isPresent();
    }

    @Test
    void anUndocumentedLocationHeaderFails() {
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "PUT", "/api/v1/webhook/ash-lea", 201, true))
                .hasValueSatisfying(problem -> assertThat(problem).contains("Location"));
    }

    @Test
    void aSuccessWithoutAnyDocumentedOperationFails() {
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "GET", "/api/v1/unknown", 200, false))
                .hasValueSatisfying(problem -> assertThat(problem).contains("no operation"));
        assertThat(DocumentedStatuses.undocumented(DOCUMENT, "PATCH", "/api/v1/requests", 200, false))
                .hasValueSatisfying(problem -> assertThat(problem).contains("no operation"));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
