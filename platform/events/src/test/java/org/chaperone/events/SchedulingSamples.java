package org.chaperone.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.events.scheduling.AttendanceRecorded;
import org.chaperone.events.scheduling.AttendanceStatus;
import org.chaperone.events.scheduling.BlockReason;
import org.chaperone.events.scheduling.FollowUpRequired;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.events.scheduling.SessionApprovalRequested;
import org.chaperone.events.scheduling.SessionApproved;
import org.chaperone.events.scheduling.SessionCancelled;
import org.chaperone.events.scheduling.SessionDeclined;
import org.chaperone.events.scheduling.SessionEnded;
import org.chaperone.events.scheduling.SessionKind;
import org.chaperone.events.scheduling.SessionRescheduled;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.events.scheduling.SessionStarted;
import org.chaperone.events.scheduling.SessionTerminated;

/**
 * The scheduling events of the golden samples in {@code golden/scheduling/}, built in Java. Every value is
 * fictional and fixed; staff appear only as subject ids, pupils and guardians only as UUIDs.
 */
final class SchedulingSamples {

    static final String SOURCE = "/chaperone/scheduling-service";
    static final String SCHOOL = GoldenSampleTest.SCHOOL;
    static final UUID PUPIL = GoldenSampleTest.PUPIL;
    static final UUID SECOND_PUPIL = UUID.fromString("a715fe3d-6e49-40b4-9ac2-abf9af8adc32");
    static final UUID GUARDIAN = GoldenSampleTest.GUARDIAN;
    /** A group session: scheduled, moved, invited, started, ended, attendance and follow-up. */
    static final UUID GROUP_SESSION = UUID.fromString("e0dc61b4-214c-4472-b0c4-001162e3da34");
    /** A one-to-one session waiting for approval. */
    static final UUID ONE_TO_ONE_SESSION = UUID.fromString("696003e3-6ae0-400f-913e-991e8c520169");
    static final UUID CANCELLED_SESSION = UUID.fromString("27aa9366-8b0c-4514-baeb-84265a37d5ab");
    static final UUID TERMINATED_SESSION = UUID.fromString("d38ab77f-e33b-4ab8-a356-83d207e5c769");
    static final UUID INVITE = UUID.fromString("beee0f9d-6d85-4055-95fe-766494f4423f");
    static final UUID REVOKED_INVITE = UUID.fromString("1d53ed3d-b26f-4807-85d3-5e6cff5ca529");
    static final UUID INCIDENT = UUID.fromString("ff967223-0506-4cbe-8f52-cca59ff2c2a2");
    static final UUID FOLLOW_UP = UUID.fromString("4049ad2d-8095-432f-917c-c83983bc1fbf");
    static final List<String> HOSTS = List.of("staff-0042", "staff-0051");

    private SchedulingSamples() {
    }

    static Stream<CloudEvent<?>> all() {
        return Stream.of(
                event("4749b14d-1fbb-4140-a12a-c6bc9af69c86", EventTypes.SESSION_SCHEDULED, "2026-09-07T09:00:00Z",
                        new SessionScheduled(GROUP_SESSION, SCHOOL, SessionKind.GROUP, at("2026-09-14T09:00:00Z"),
                                at("2026-09-14T09:45:00Z"), HOSTS, List.of(PUPIL, SECOND_PUPIL), false, false, 3,
                                "staff-0042", at("2026-09-07T09:00:00Z"))),
                event("fe3c5b64-3a1c-4797-88e9-baf625a8eb30", EventTypes.SESSION_APPROVAL_REQUESTED,
                        "2026-09-07T11:00:00Z",
                        new SessionApprovalRequested(ONE_TO_ONE_SESSION, SCHOOL, at("2026-09-16T14:00:00Z"),
                                at("2026-09-16T14:30:00Z"), "staff-0042", at("2026-09-07T11:00:00Z"))),
                event("6f49e99a-0ee3-46f8-9a98-23ed1eade1a6", EventTypes.SESSION_APPROVED, "2026-09-08T08:15:00Z",
                        new SessionApproved(ONE_TO_ONE_SESSION, SCHOOL, "staff-0001", at("2026-09-08T08:15:00Z"))),
                event("e740f410-f855-4d8a-a86e-13f5d96c9074", EventTypes.SESSION_DECLINED, "2026-09-08T08:20:00Z",
                        new SessionDeclined(ONE_TO_ONE_SESSION, SCHOOL, "staff-0002", at("2026-09-08T08:20:00Z"))),
                event("afe96fad-03bf-406f-b910-e1154fd910ac", EventTypes.SESSION_RESCHEDULED, "2026-09-08T10:00:00Z",
                        new SessionRescheduled(GROUP_SESSION, SCHOOL, at("2026-09-14T10:00:00Z"),
                                at("2026-09-14T10:45:00Z"), at("2026-09-14T09:00:00Z"), at("2026-09-14T09:45:00Z"), 3,
                                "staff-0042", at("2026-09-08T10:00:00Z"))),
                event("8b2001d8-fa75-4039-96bb-f8858b12dd32", EventTypes.SESSION_CANCELLED, "2026-09-09T15:30:00Z",
                        new SessionCancelled(CANCELLED_SESSION, SCHOOL, "staff-0051", at("2026-09-09T15:30:00Z"))),
                event("2a90f8a4-75a2-4b88-b2f0-bf0b9f126442", EventTypes.INVITE_DISPATCHED, "2026-09-08T10:00:05Z",
                        new InviteDispatched(INVITE, GROUP_SESSION, SCHOOL, PUPIL, List.of(GUARDIAN),
                                "https://video.example.org/j/4f7c2a91e0", "481516", at("2026-09-14T10:00:00Z"),
                                at("2026-09-14T10:45:00Z"), HOSTS, false, at("2026-09-08T10:00:05Z"))),
                event("8d045d4d-5619-4219-ad41-a386aaed8ea3", EventTypes.INVITE_BLOCKED, "2026-09-08T10:00:05Z",
                        new InviteBlocked(GROUP_SESSION, SCHOOL, SECOND_PUPIL, List.of(BlockReason.NO_LIVE_VIDEO_CONSENT),
                                at("2026-09-08T10:00:05Z"))),
                event("df3b1a6d-0590-4cc5-9257-748b8957b003", EventTypes.INVITE_REVOKED, "2026-09-08T10:00:02Z",
                        new InviteRevoked(REVOKED_INVITE, GROUP_SESSION, SCHOOL, PUPIL, List.of(GUARDIAN),
                                BlockReason.SESSION_RESCHEDULED, at("2026-09-08T10:00:02Z"))),
                event("04891da8-5bca-4847-b1b1-aa8d7f4fcde5", EventTypes.SESSION_STARTED, "2026-09-14T09:58:30Z",
                        new SessionStarted(GROUP_SESSION, SCHOOL, at("2026-09-14T09:58:30Z"), HOSTS)),
                event("923547ba-0b3a-46f4-b01d-a890fb69871c", EventTypes.SESSION_ENDED, "2026-09-14T10:44:10Z",
                        new SessionEnded(GROUP_SESSION, SCHOOL, at("2026-09-14T10:44:10Z"))),
                event("a58ace3c-2efc-4970-9610-1c8325eb701b", EventTypes.SESSION_TERMINATED, "2026-09-15T13:12:40Z",
                        new SessionTerminated(TERMINATED_SESSION, SCHOOL, INCIDENT, at("2026-09-15T13:12:40Z"))),
                event("5e96be1e-5a8f-4f6f-9cbe-7f2600ca00e6", EventTypes.ATTENDANCE_RECORDED, "2026-09-14T10:50:00Z",
                        new AttendanceRecorded(GROUP_SESSION, SCHOOL, PUPIL, AttendanceStatus.DID_NOT_JOIN, null, null,
                                "staff-0042", at("2026-09-14T10:50:00Z"))),
                event("3a7d47be-d26e-4f59-aac1-439cef1311a9", EventTypes.FOLLOW_UP_REQUIRED, "2026-09-14T10:50:01Z",
                        new FollowUpRequired(FOLLOW_UP, GROUP_SESSION, SCHOOL, PUPIL, at("2026-09-14T10:50:01Z"))));
    }

    /** A scheduling event is keyed by its session: the subject is the data's {@code sessionId}. */
    private static <T> CloudEvent<T> event(String id, EventType<T> type, String time, T data) {
        return new CloudEvent<>(id, SOURCE, type, sessionId(data).toString(), at(time), SCHOOL, data);
    }

    private static UUID sessionId(Object data) {
        try {
            return (UUID) data.getClass().getMethod("sessionId").invoke(data);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(data.getClass().getSimpleName() + " has no sessionId", e);
        }
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
