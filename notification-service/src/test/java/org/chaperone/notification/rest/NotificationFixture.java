package org.chaperone.notification.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventType;
import org.chaperone.testkit.TestBroker;
import org.chaperone.testkit.Tokens;

/**
 * A school whose contact points and rota are set through the API, and events published on the real broker exactly
 * as the producing services publish them (CloudEvents, binary mode).
 */
final class NotificationFixture {

    private static KafkaProducer<String, byte[]> producer;

    final String school;

    NotificationFixture(String prefix) {
        this.school = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    String schoolApp() {
        return Tokens.staff("mis-" + school, school, "school-app");
    }

    String staff(String... roles) {
        return Tokens.staff("teacher-" + school, school, roles.length == 0 ? new String[] {"staff"} : roles);
    }

    /** A fresh address at a test domain; unique, so that each test reads only its own mail. */
    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@families.test";
    }

    /** Registers a guardian's e-mail address and returns it. */
    String guardianEmail(UUID guardian) {
        String email = email("guardian");
        contact("GUARDIAN", guardian.toString(), Map.of("email", email));
        return email;
    }

    /** Registers a member of staff's e-mail address and returns it. */
    String staffEmail(String staffId) {
        String email = email(staffId);
        contact("STAFF", staffId, Map.of("email", email));
        return email;
    }

    void contact(String type, String id, Map<String, Object> body) {
        as(schoolApp()).body(body).put("/api/v1/contact-points/{school}/{type}/{id}", school, type, id).then()
                .statusCode(200);
    }

    void rota(String dsl, List<String> deputies, String head, List<String> slt) {
        rota(dsl, deputies, head, slt, null, null);
    }

    /** A rota with out-of-hours cover and an escalation clock (R17); either may be null for the default. */
    void rota(String dsl, List<String> deputies, String head, List<String> slt, String outOfHoursCover,
            Map<String, Object> escalation) {
        Map<String, Object> body = new HashMap<>();
        body.put("dsl", dsl);
        body.put("deputyDsls", deputies);
        body.put("headteacher", head);
        body.put("slt", slt);
        body.put("outOfHoursCover", outOfHoursCover);
        body.put("escalation", escalation);
        as(schoolApp()).body(body).put("/api/v1/rota/{school}", school).then().statusCode(200);
    }

    /** An escalation clock of {@code window} for every severity, and school hours that are always (or never) on. */
    static Map<String, Object> escalation(String window, boolean alwaysInHours) {
        Map<String, Object> escalation = new HashMap<>();
        for (String field : List.of("afterLow", "afterMedium", "afterHigh", "afterCritical", "afterImmediateRisk")) {
            escalation.put(field, window);
        }
        escalation.put("schoolDays", alwaysInHours ? List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY", "SUNDAY") : List.of());
        escalation.put("schoolDayStarts", "00:00");
        escalation.put("schoolDayEnds", "23:59");
        return escalation;
    }

    /** Publishes an event of this school with the given id; returns the id. */
    <T> String send(EventType<T> type, String subject, T data, String eventId) {
        CloudEvent<T> event = new CloudEvent<>(eventId, "/chaperone/" + type.service() + "-service", type, subject,
                Instant.now(), school, data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.key(),
                EventCodec.encodeData(data));
        EventCodec.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish an event", e);
        }
        return eventId;
    }

    <T> String send(EventType<T> type, String subject, T data) {
        return send(type, subject, data, UUID.randomUUID().toString());
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestBroker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
