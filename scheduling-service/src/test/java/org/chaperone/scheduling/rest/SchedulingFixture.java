package org.chaperone.scheduling.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
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
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.events.consent.DecisionChannel;
import org.chaperone.testkit.TestBroker;
import org.chaperone.testkit.Tokens;

/**
 * A school set up through the API (a permissive policy version, two DBS-checked hosts and a headteacher in the
 * register), and consent decisions published on the real broker exactly as consent-service publishes them.
 */
final class SchedulingFixture {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static KafkaProducer<String, byte[]> producer;

    final String school;

    SchedulingFixture(String school) {
        this.school = school;
    }

    RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    String teacher() {
        return Tokens.staff("host-1-" + school, school, "staff");
    }

    String headteacher() {
        return Tokens.staff("head-" + school, school, "headteacher");
    }

    String trustAdmin() {
        return Tokens.subject("trust-admin").roles("trust-admin").sign();
    }

    String schoolApp() {
        return Tokens.staff("mis-" + school, school, "school-app");
    }

    /** Allows recording and one-to-one; recording without consent leaves the pupil out. */
    SchedulingFixture setUp() {
        Map<String, Object> meeting = Map.ofEntries(Map.entry("waitingRoom", true), Map.entry("lockAfterStart", true),
                Map.entry("muteOnEntry", true), Map.entry("hostOnlyScreenShare", true),
                Map.entry("hostOnlyRecording", true), Map.entry("hostOnlyChat", true),
                Map.entry("hostOnlyAnnotation", true), Map.entry("hostOnlyFileTransfer", true),
                Map.entry("participantsMayRename", false), Map.entry("breakoutRooms", false),
                Map.entry("removedMayRejoin", false));
        as(trustAdmin()).body(Map.ofEntries(Map.entry("timeZone", "Europe/London"),
                        Map.entry("schoolDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")),
                        Map.entry("dayStarts", "08:30"), Map.entry("dayEnds", "15:30"), Map.entry("closureDates", List.of()),
                        Map.entry("maxSessionMinutes", 60), Map.entry("maxSessionsPerPupilPerWeek", 5),
                        Map.entry("minHosts", 2), Map.entry("dbsValidityMonths", 36),
                        Map.entry("trainingValidityMonths", 24), Map.entry("recordingAllowed", true),
                        Map.entry("oneToOneAllowed", true), Map.entry("whenRecordingConsentMissing", "EXCLUDE_PUPIL"),
                        Map.entry("meeting", meeting)))
                .put("/api/v1/policies/{school}", school).then().statusCode(200);
        for (String host : List.of("host-1-" + school, "host-2-" + school)) {
            registerStaff(host, LocalDate.now().minusMonths(6));
        }
        return this;
    }

    void registerStaff(String staffId, LocalDate checkedOn) {
        as(schoolApp()).body(Map.of("dbsCheckedOn", checkedOn.toString(),
                        "safeguardingTrainedOn", checkedOn.toString(), "slt", false, "headteacher", false))
                .put("/api/v1/staff/{school}/{staff}", school, staffId).then().statusCode(200);
    }

    List<String> hosts() {
        return List.of("host-1-" + school, "host-2-" + school);
    }

    /** Next week's Tuesday at this London time, a school day safely in the future. */
    static Instant nextTuesday(int hour, int minute) {
        LocalDate tuesday = LocalDate.now(LONDON).plusWeeks(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        return ZonedDateTime.of(tuesday, LocalTime.of(hour, minute), LONDON).toInstant();
    }

    Map<String, Object> session(String kind, List<UUID> pupils, boolean recorded) {
        return Map.of("schoolId", school, "kind", kind, "title", "Year 4 maths", "startsAt",
                nextTuesday(10, 0).toString(), "endsAt", nextTuesday(10, 45).toString(), "hostStaffIds", hosts(),
                "pupilIds", pupils, "recorded", recorded);
    }

    String schedule(String kind, List<UUID> pupils, boolean recorded) {
        return as(teacher()).body(session(kind, pupils, recorded)).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("id");
    }

    // --- consent decisions, as consent-service announces them ---

    UUID grant(UUID pupil, UUID guardian, ConsentPurpose purpose) {
        UUID consent = UUID.randomUUID();
        send(EventTypes.CONSENT_GRANTED, pupil, new ConsentGranted(consent, school, pupil, guardian, purpose,
                ConsentScope.STANDING, null, null, purpose == ConsentPurpose.RECORDING
                        ? new org.chaperone.events.consent.RecordingTerms("Catch-up for absent pupils", 30) : null,
                null, DecisionChannel.PARENT_APP, Instant.now(), "parent"), UUID.randomUUID().toString());
        return consent;
    }

    void grantAt(UUID pupil, UUID guardian, UUID consent, Instant decidedAt, String eventId) {
        send(EventTypes.CONSENT_GRANTED, pupil, new ConsentGranted(consent, school, pupil, guardian,
                ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, null, null, DecisionChannel.PARENT_APP,
                decidedAt, "parent"), eventId);
    }

    void refuse(UUID pupil, UUID guardian) {
        send(EventTypes.CONSENT_REFUSED, pupil, new ConsentRefused(UUID.randomUUID(), school, pupil, guardian,
                ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, DecisionChannel.PARENT_APP, Instant.now(),
                "parent"), UUID.randomUUID().toString());
    }

    /** Returns the event's id. */
    String withdraw(UUID pupil, UUID guardian, UUID grant, Instant at) {
        String eventId = UUID.randomUUID().toString();
        send(EventTypes.CONSENT_WITHDRAWN, pupil, new ConsentWithdrawn(UUID.randomUUID(), grant, school, pupil,
                guardian, ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, DecisionChannel.PARENT_APP, at,
                "parent"), eventId);
        return eventId;
    }

    void expire(UUID pupil, UUID guardian, UUID grant) {
        send(EventTypes.CONSENT_EXPIRED, pupil, new ConsentExpired(UUID.randomUUID(), grant, school, pupil, guardian,
                ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, Instant.now()), UUID.randomUUID().toString());
    }

    /** Publishes an event as its producing service would, keyed by {@code subject}. */
    <T> void send(org.chaperone.events.EventType<T> type, UUID subject, T data, String eventId) {
        CloudEvent<T> event = new CloudEvent<>(eventId, "/chaperone/" + type.service() + "-service", type,
                subject.toString(), Instant.now(), school, data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.key(),
                EventCodec.encodeData(data));
        EventCodec.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish a consent event", e);
        }
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
