package org.chaperone.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.events.consent.DecisionChannel;
import org.chaperone.events.consent.RecordingTerms;
import org.chaperone.events.scheduling.AttendanceRecorded;
import org.chaperone.events.scheduling.AttendanceStatus;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type, consent and scheduling, serialises exactly to its golden sample, reads back equal, and the
 * sample conforms to the envelope schema and its type's data schema.
 */
class GoldenSampleTest {

    static final String SCHOOL = "linden-primary";
    static final UUID PUPIL = UUID.fromString("5b0a3f52-6f3c-4b8e-9a51-0c7a1f3e2d10");
    static final UUID GUARDIAN = UUID.fromString("9d2e7c41-3a5b-4f6e-8c1d-2b3a4c5d6e7f");
    static final UUID SECOND_GUARDIAN = UUID.fromString("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f");
    static final UUID REQUEST = UUID.fromString("7f8e9d0c-1b2a-4394-8576-a5b4c3d2e1f0");
    static final UUID GRANT = UUID.fromString("3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b");
    static final UUID SESSION = UUID.fromString("2f3e4d5c-6b7a-4898-a7b6-c5d4e3f2a1b0");
    static final String SOURCE = "/chaperone/consent-service";

    /** Every golden sample, consent and scheduling, built in Java. */
    static Stream<CloudEvent<?>> samples() {
        return Stream.of(consentSamples(), SchedulingSamples.all(), IncidentSamples.all(), NotificationSamples.all())
                .flatMap(s -> s);
    }

    /**
     * The samples named by their type only: a record's {@code toString} would print the data, and an
     * invite's data holds its join link and passcode.
     */
    static Stream<Named<CloudEvent<?>>> namedSamples() {
        return samples().map(e -> Named.of(e.type().name(), e));
    }

    static Stream<CloudEvent<?>> consentSamples() {
        return Stream.of(
                event("0b1c2d3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e", EventTypes.CONSENT_REQUESTED, "2026-09-01T08:00:00Z",
                        new ConsentRequested(REQUEST, SCHOOL, PUPIL, List.of(GUARDIAN, SECOND_GUARDIAN),
                                ConsentPurpose.RECORDING, ConsentScope.SESSION, SESSION,
                                new RecordingTerms("Shared with pupils absent from the lesson", 30), null,
                                Instant.parse("2026-09-08T16:00:00Z"), "staff-0042",
                                Instant.parse("2026-09-01T08:00:00Z"))),
                event("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", EventTypes.CONSENT_GRANTED, "2026-09-02T18:30:00Z",
                        new ConsentGranted(GRANT, SCHOOL, PUPIL, GUARDIAN, ConsentPurpose.LIVE_VIDEO,
                                ConsentScope.STANDING, null, REQUEST, null, Instant.parse("2027-07-31T23:59:59Z"),
                                DecisionChannel.EMAIL, Instant.parse("2026-09-02T18:30:00Z"), "office-0007")),
                event("2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", EventTypes.CONSENT_REFUSED, "2026-09-02T19:00:00Z",
                        new ConsentRefused(UUID.fromString("8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d"), SCHOOL, PUPIL,
                                SECOND_GUARDIAN, ConsentPurpose.ONE_TO_ONE, ConsentScope.STANDING, null, null,
                                DecisionChannel.PARENT_APP, Instant.parse("2026-09-02T19:00:00Z"), "parent-1c2d3e4f")),
                event("3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f", EventTypes.CONSENT_WITHDRAWN, "2026-10-05T07:15:00Z",
                        new ConsentWithdrawn(UUID.fromString("4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f8a"), GRANT, SCHOOL,
                                PUPIL, GUARDIAN, ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null,
                                DecisionChannel.PARENT_APP, Instant.parse("2026-10-05T07:15:00Z"), "parent-9d2e7c41")),
                event("5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b", EventTypes.CONSENT_EXPIRED, "2027-08-01T00:00:05Z",
                        new ConsentExpired(UUID.fromString("6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8a9b0c"), GRANT, SCHOOL,
                                PUPIL, GUARDIAN, ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null,
                                Instant.parse("2027-07-31T23:59:59Z"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void serialisesExactlyToItsGoldenSample(CloudEvent<?> event) throws IOException {
        JsonNode golden = golden(event.type());
        assertThat(EventCodec.toStructured(event)).isEqualTo(golden);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void goldenSampleReadsBackToTheSameEvent(CloudEvent<?> event) throws IOException {
        assertThat(EventCodec.fromStructured(golden(event.type()))).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void goldenSampleConformsToEnvelopeAndDataSchema(CloudEvent<?> event) throws IOException {
        assertThat(EventSchemas.validateStructured(golden(event.type()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void binaryModeKafkaHeadersRoundTrip(CloudEvent<?> event) {
        Map<String, String> headers = EventCodec.headers(event);
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", event.type().name())
                .containsEntry("ce_schoolid", SCHOOL)
                .containsEntry("content-type", "application/json");
        assertThat(EventCodec.decode(headers, EventCodec.encodeData(event.data()))).isEqualTo(event);
    }

    @Test
    void everyKnownTypeHasASchemaAndAGoldenSample() {
        List<String> sampled = samples().map(e -> e.type().name()).toList();
        assertThat(sampled).doesNotHaveDuplicates();
        assertThat(EventTypes.all()).allSatisfy(type -> {
            assertThat(sampled).contains(type.name());
            assertThat(getClass().getClassLoader().getResource(type.schemaResource())).as(type.name()).isNotNull();
            assertThat(getClass().getClassLoader().getResource(goldenResource(type))).as(type.name()).isNotNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedSamples")
    void dataSchemaIdIsTheTypesDataSchema(CloudEvent<?> event) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(event.type().schemaResource())) {
            JsonNode schema = EventCodec.mapper().readTree(in);
            assertThat(schema.path("$id").asText()).isEqualTo(event.type().dataSchema());
            assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        }
    }

    @Test
    void schemaRejectsDataMissingARequiredFieldOrWithAnUnknownOne() throws IOException {
        ObjectNode granted = (ObjectNode) golden(EventTypes.CONSENT_GRANTED).deepCopy();
        ((ObjectNode) granted.get("data")).remove("guardianId");
        ((ObjectNode) granted.get("data")).put("guardianEmail", "someone@example.org");
        assertThat(EventSchemas.validateStructured(granted))
                .anySatisfy(p -> assertThat(p).contains("guardianId"))
                .anySatisfy(p -> assertThat(p).contains("guardianEmail"));
    }

    @Test
    void schedulingSchemaRejectsAnUnknownField() throws IOException {
        ObjectNode dispatched = (ObjectNode) golden(EventTypes.INVITE_DISPATCHED).deepCopy();
        ((ObjectNode) dispatched.get("data")).put("guardianEmail", "someone@example.org");
        assertThat(EventSchemas.validateStructured(dispatched))
                .singleElement().satisfies(p -> assertThat(p).contains("guardianEmail"));
    }

    @Test
    void schedulingSchemaRejectsAMissingRequiredField() throws IOException {
        ObjectNode started = (ObjectNode) golden(EventTypes.SESSION_STARTED).deepCopy();
        ((ObjectNode) started.get("data")).remove("staffPresentIds");
        assertThat(EventSchemas.validateStructured(started))
                .singleElement().satisfies(p -> assertThat(p).contains("staffPresentIds"));
    }

    @Test
    void inviteSchemaRequiresAnHttpsJoinUrlAndAPasscode() throws IOException {
        ObjectNode dispatched = (ObjectNode) golden(EventTypes.INVITE_DISPATCHED).deepCopy();
        ObjectNode data = (ObjectNode) dispatched.get("data");
        data.put("joinUrl", "http://video.example.org/j/4f7c2a91e0");
        data.put("passcode", "12345");
        assertThat(EventSchemas.validateStructured(dispatched))
                .anySatisfy(p -> assertThat(p).contains("joinUrl"))
                .anySatisfy(p -> assertThat(p).contains("passcode"));
        data.remove("joinUrl");
        data.remove("passcode");
        assertThat(EventSchemas.validateStructured(dispatched))
                .anySatisfy(p -> assertThat(p).contains("joinUrl"))
                .anySatisfy(p -> assertThat(p).contains("passcode"));
    }

    @Test
    void attendanceTimesAreOptionalButOnlyForAPupilWhoJoined() {
        AttendanceRecorded joined = new AttendanceRecorded(SchedulingSamples.GROUP_SESSION, SCHOOL, PUPIL,
                AttendanceStatus.JOINED, Instant.parse("2026-09-14T10:01:12Z"), Instant.parse("2026-09-14T10:44:05Z"),
                "staff-0042", Instant.parse("2026-09-14T10:50:00Z"));
        assertThat(EventSchemas.validateData(EventTypes.ATTENDANCE_RECORDED,
                EventCodec.mapper().valueToTree(joined))).isEmpty();
        AttendanceRecorded stillThere = new AttendanceRecorded(SchedulingSamples.GROUP_SESSION, SCHOOL, PUPIL,
                AttendanceStatus.JOINED, Instant.parse("2026-09-14T10:01:12Z"), null,
                "staff-0042", Instant.parse("2026-09-14T10:50:00Z"));
        assertThat(EventSchemas.validateData(EventTypes.ATTENDANCE_RECORDED,
                EventCodec.mapper().valueToTree(stillThere))).isEmpty();
        AttendanceRecorded contradictory = new AttendanceRecorded(SchedulingSamples.GROUP_SESSION, SCHOOL, PUPIL,
                AttendanceStatus.DID_NOT_JOIN, Instant.parse("2026-09-14T10:01:12Z"), null,
                "staff-0042", Instant.parse("2026-09-14T10:50:00Z"));
        assertThat(EventSchemas.validateData(EventTypes.ATTENDANCE_RECORDED,
                EventCodec.mapper().valueToTree(contradictory))).isNotEmpty();
    }

    @Test
    void schemaRequiresRecordingTermsForARecordingConsent() throws IOException {
        ObjectNode requested = (ObjectNode) golden(EventTypes.CONSENT_REQUESTED).deepCopy();
        ((ObjectNode) requested.get("data")).remove("recording");
        assertThat(EventSchemas.validateStructured(requested)).isNotEmpty();
    }

    @Test
    void unknownTypeIsReportedNotGuessed() {
        Map<String, String> headers = new java.util.HashMap<>(EventCodec.headers(samples().findFirst().orElseThrow()));
        headers.put("ce_type", "org.chaperone.consent.granted.v9");
        assertThatThrownBy(() -> EventCodec.decode(headers, "{}".getBytes()))
                .isInstanceOf(EventCodec.UnknownEventTypeException.class);
    }

    @Test
    void eventTypeNamesFollowTheConvention() {
        assertThatThrownBy(() -> new EventType<>("chaperone.consent.granted", String.class, "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventTypes.CONSENT_GRANTED.schemaResource()).isEqualTo("schemas/consent/granted.v1.json");
    }

    /** A consent event is keyed by its pupil. */
    private static <T> CloudEvent<T> event(String id, EventType<T> type, String time, T data) {
        UUID subject = PUPIL;
        return new CloudEvent<>(id, SOURCE, type, subject.toString(), Instant.parse(time), SCHOOL, data);
    }

    private static String goldenResource(EventType<?> type) {
        return "golden/" + type.service() + "/" + type.shortName() + ".v" + type.version() + ".json";
    }

    static JsonNode golden(EventType<?> type) throws IOException {
        String resource = goldenResource(type);
        try (InputStream in = GoldenSampleTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return EventCodec.mapper().readTree(in);
        }
    }
}
