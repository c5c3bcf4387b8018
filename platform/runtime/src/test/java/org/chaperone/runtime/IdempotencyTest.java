package org.chaperone.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.chaperone.runtime.ProbeApplication.ProbeRequest;
import org.chaperone.runtime.ProbeApplication.ProbeService;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyTest {

    @Inject
    ProbeService service;

    @Inject
    EntityManager entityManager;

    @Test
    void repeatedPostWithTheSameKeyReturnsTheFirstResultAndWritesNothing() {
        String key = UUID.randomUUID().toString();
        String label = "idem-" + key.substring(0, 4);
        String token = Tokens.staff("staff-9", "school-a");
        ProbeRequest request = new ProbeRequest("school-a", label, List.of());

        String first = probe(token, key, request).statusCode(201).extract().path("id");
        String second = probe(token, key, request).statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");

        assertThat(second).isEqualTo(first);
        assertThat(service.count(label)).isEqualTo(1);
    }

    @Test
    void sameKeyForADifferentRequestIsAConflict() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.staff("staff-9", "school-a");
        probe(token, key, new ProbeRequest("school-a", "one", List.of())).statusCode(201);
        probe(token, key, new ProbeRequest("school-a", "two", List.of())).statusCode(409)
                .body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String label = "mine-" + key.substring(0, 4);
        ProbeRequest request = new ProbeRequest("school-a", label, List.of());
        probe(Tokens.staff("staff-1", "school-a"), key, request).statusCode(201);
        probe(Tokens.staff("staff-2", "school-a"), key, request).statusCode(201);
        assertThat(service.count(label)).isEqualTo(2);
    }

    @Test
    void aKeyReusedAfterTheReplayWindowIsANewRequest() {
        String key = UUID.randomUUID().toString();
        String label = "late-" + key.substring(0, 4);
        String token = Tokens.staff("staff-7", "school-a");
        ProbeRequest request = new ProbeRequest("school-a", label, List.of());
        String first = probe(token, key, request).statusCode(201).extract().path("id");
        // The window is 24 hours (the default); housekeeping has not deleted the record yet.
        olderBy("staff-7", key, "24 hours 1 minute");

        String second = probe(token, key, request).statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(service.count(label)).isEqualTo(2);
        // ... and the new request's response is what a repeat within the window gets now.
        String third = probe(token, key, request).statusCode(201)
                .header("Idempotent-Replayed", "true").extract().path("id");
        assertThat(third).isEqualTo(second);
    }

    @Test
    void aKeyWithinTheWindowStillReplaysAndADifferentRequestAfterItIsNoConflict() {
        String key = UUID.randomUUID().toString();
        String token = Tokens.staff("staff-8", "school-a");
        probe(token, key, new ProbeRequest("school-a", "one", List.of())).statusCode(201);
        olderBy("staff-8", key, "23 hours 59 minutes");
        probe(token, key, new ProbeRequest("school-a", "one", List.of())).statusCode(201)
                .header("Idempotent-Replayed", "true");

        olderBy("staff-8", key, "2 minutes");
        probe(token, key, new ProbeRequest("school-a", "two", List.of())).statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }

    /** POST /probe as {@code token} with {@code key} and {@code body}, ready for its assertions. */
    private static ValidatableResponse probe(String token, String key, ProbeRequest body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/probe").then();
    }

    private void olderBy(String caller, String key, String interval) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update idempotency_record set created_at = created_at - cast(:age as interval)"
                                + " where caller = :caller and idem_key = :key")
                .setParameter("age", interval).setParameter("caller", caller).setParameter("key", key)
                .executeUpdate());
    }
}
