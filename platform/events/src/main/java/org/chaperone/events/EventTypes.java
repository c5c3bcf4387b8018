package org.chaperone.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentWithdrawn;

/** Every event type Chaperone publishes, by topic. Later services add theirs here. */
public final class EventTypes {

    public static final String CONSENT_TOPIC = "chaperone.consent.v1";
    public static final String SCHEDULING_TOPIC = "chaperone.scheduling.v1";
    public static final String INCIDENT_TOPIC = "chaperone.incident.v1";
    public static final String NOTIFICATION_TOPIC = "chaperone.notification.v1";

    public static final EventType<ConsentRequested> CONSENT_REQUESTED =
            new EventType<>("org.chaperone.consent.requested.v1", ConsentRequested.class, CONSENT_TOPIC);
    public static final EventType<ConsentGranted> CONSENT_GRANTED =
            new EventType<>("org.chaperone.consent.granted.v1", ConsentGranted.class, CONSENT_TOPIC);
    public static final EventType<ConsentRefused> CONSENT_REFUSED =
            new EventType<>("org.chaperone.consent.refused.v1", ConsentRefused.class, CONSENT_TOPIC);
    public static final EventType<ConsentWithdrawn> CONSENT_WITHDRAWN =
            new EventType<>("org.chaperone.consent.withdrawn.v1", ConsentWithdrawn.class, CONSENT_TOPIC);
    public static final EventType<ConsentExpired> CONSENT_EXPIRED =
            new EventType<>("org.chaperone.consent.expired.v1", ConsentExpired.class, CONSENT_TOPIC);

    private static final List<EventType<?>> ALL = List.of(
            CONSENT_REQUESTED, CONSENT_GRANTED, CONSENT_REFUSED, CONSENT_WITHDRAWN, CONSENT_EXPIRED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
