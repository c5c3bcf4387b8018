package org.chaperone.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.events.notification.AlertEscalated;
import org.chaperone.events.notification.EscalationLevel;
import org.chaperone.events.notification.EscalationReason;
import org.chaperone.events.notification.FailureKind;
import org.chaperone.events.notification.NotificationChannel;
import org.chaperone.events.notification.NotificationDelivered;
import org.chaperone.events.notification.NotificationFailed;
import org.chaperone.events.notification.NotificationKind;
import org.chaperone.events.notification.RecipientType;

/**
 * The notification events of the golden samples in {@code golden/notification/}, built in Java: the DSL's alert of
 * {@link IncidentSamples#INCIDENT} delivered by e-mail, a deputy's SMS given up, and the alert escalated to the
 * Headteacher. Staff appear only as ids; no address, no message text.
 */
final class NotificationSamples {

    static final String SOURCE = "/chaperone/notification-service";
    static final String SCHOOL = GoldenSampleTest.SCHOOL;
    static final String RAISED_EVENT = "6d1f0c2e-8a4b-4c7d-9e3f-1a2b3c4d5e6f";
    static final UUID DELIVERED = UUID.fromString("3a7c9e1b-5d2f-4a6b-8c0d-9e1f2a3b4c5d");
    static final UUID FAILED = UUID.fromString("4b8d0f2c-6e3a-4b7c-9d1e-0f2a3b4c5d6e");

    private NotificationSamples() {
    }

    static Stream<CloudEvent<?>> all() {
        String incident = IncidentSamples.INCIDENT.toString();
        return Stream.of(
                new CloudEvent<>("5c9e1a3d-7f4b-4c8d-8e2f-1a3b4c5d6e7f", SOURCE, EventTypes.NOTIFICATION_DELIVERED,
                        DELIVERED.toString(), at("2026-09-15T13:12:33Z"), SCHOOL,
                        new NotificationDelivered(DELIVERED, SCHOOL, RAISED_EVENT, NotificationKind.INCIDENT_ALERT,
                                incident, RecipientType.STAFF, IncidentSamples.DSL, NotificationChannel.EMAIL, 1,
                                at("2026-09-15T13:12:33Z"))),
                new CloudEvent<>("6d0f2b4e-8a5c-4d9e-9f3a-2b4c5d6e7f8a", SOURCE, EventTypes.NOTIFICATION_FAILED,
                        FAILED.toString(), at("2026-09-15T13:20:40Z"), SCHOOL,
                        new NotificationFailed(FAILED, SCHOOL, RAISED_EVENT, NotificationKind.INCIDENT_ALERT,
                                incident, RecipientType.STAFF, "staff-0004", NotificationChannel.SMS, 8,
                                FailureKind.ATTEMPTS_EXHAUSTED, at("2026-09-15T13:20:40Z"))),
                new CloudEvent<>("7e1a3c5f-9b6d-4e0f-8a4b-3c5d6e7f8a9b", SOURCE, EventTypes.ALERT_ESCALATED,
                        incident, at("2026-09-15T13:17:31Z"), SCHOOL,
                        new AlertEscalated(IncidentSamples.INCIDENT, SCHOOL, 1, EscalationLevel.HEADTEACHER,
                                EscalationReason.NOT_ACKNOWLEDGED, List.of("staff-0001"), false,
                                at("2026-09-15T13:17:31Z"))));
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
