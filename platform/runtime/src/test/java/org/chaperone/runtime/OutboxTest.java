package org.chaperone.runtime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventSchemas;
import org.chaperone.events.EventTypes;
import org.chaperone.runtime.ProbeApplication.ProbeRequest;
import org.chaperone.runtime.ProbeApplication.ProbeService;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.TestBroker;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxTest {

    @Inject
    ProbeService service;

    @Inject
    EntityManager entityManager;

    @Test
    @Order(1)
    void committedChangeIsPublishedAsACloudEventThatMatchesItsSchema() {
        String label = "pub-" + shortId();
        String eventId = given().auth().oauth2(Tokens.staff("staff-1", "school-a"))
                .contentType(ContentType.JSON)
                .body(new ProbeRequest("school-a", label, List.of()))
                .post("/probe").then().statusCode(201).extract().path("eventId");

        try (PublishedEvents events = PublishedEvents.on(EventTypes.CONSENT_TOPIC)) {
            PublishedEvents.Received received = events.awaitOne(r -> r.event().id().equals(eventId), Duration.ofSeconds(20));
            assertThat(received.headers()).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", "org.chaperone.consent.granted.v1")
                    .containsEntry("ce_source", "/chaperone/runtime-test")
                    .containsEntry("ce_schoolid", "school-a");
            assertThat(received.key()).isEqualTo(received.event().subject());
            assertThat(EventSchemas.validateStructured(EventCodec.toStructured(received.event()))).isEmpty();
            assertThat(EventSchemas.validateData(EventTypes.CONSENT_GRANTED,
                    readTree(received.json()))).isEmpty();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> isPublished(eventId));
    }

    @Test
    @Order(2)
    void rolledBackChangeLeavesNoRowAndNoEvent() {
        String label = "rb-" + shortId();
        assertThatThrownBy(() -> service.create(new ProbeRequest("school-a", label, List.of()), "staff-1", true))
                .isInstanceOf(IllegalStateException.class);
        assertThat(service.count(label)).isZero();
        assertThat(count("select count(*) from outbox_event where data like '%' || :label || '%'", label)).isZero();
    }

    @Test
    @Order(3)
    void publishThatFailsAfterCommitIsRecoveredByThePollerOnceTheBrokerIsBack() throws Exception {
        TestBroker.stop();
        String eventId;
        try {
            eventId = service.create(new ProbeRequest("school-a", "out-" + shortId(), List.of()), "staff-1", false)
                    .eventId();
            // The state change committed although the broker is down; the event waits in the outbox.
            Thread.sleep(2_500);
            assertThat(isPublished(eventId)).isFalse();
            assertThat(count("select count(*) from outbox_event where id = cast(:label as uuid)", eventId)).isEqualTo(1);
        } finally {
            TestBroker.start();
        }
        try (PublishedEvents events = PublishedEvents.on(EventTypes.CONSENT_TOPIC)) {
            events.awaitOne(r -> r.event().id().equals(eventId), Duration.ofSeconds(60));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> isPublished(eventId));
        assertThat(count("select count(*) from outbox_event where id = cast(:label as uuid) and attempts >= 1",
                eventId)).isEqualTo(1);
    }

    private boolean isPublished(String eventId) {
        return count("select count(*) from outbox_event where id = cast(:label as uuid) and published_at is not null",
                eventId) == 1;
    }

    @jakarta.transaction.Transactional
    long count(String sql, String label) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter("label", label).getSingleResult()).longValue();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
