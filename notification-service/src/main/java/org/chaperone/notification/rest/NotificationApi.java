package org.chaperone.notification.rest;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonFormat.Shape;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.chaperone.notification.domain.PersonType;

/** The JSON shapes of notification-service. */
public final class NotificationApi {

    static final String SCHOOL_ID = "[A-Za-z0-9-]{1,40}";
    static final String STAFF_ID = "[\\x21-\\x7e]{1,255}";
    static final String PERSON_TYPE = "GUARDIAN|STAFF";
    /** A plain address: no display name, no comments, no spaces or line breaks (nothing to inject into headers). */
    static final String EMAIL = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";
    /** E.164: a plus, the country code and the number, digits only. */
    static final String MOBILE = "\\+[1-9][0-9]{7,14}";

    private NotificationApi() {
    }

    /** How to reach a person; at least one of the three. */
    public record ContactPointBody(
            @Size(max = 254) @Pattern(regexp = EMAIL, message = "Must be a plain e-mail address") String email,
            @Pattern(regexp = MOBILE, message = "Must be an E.164 number, e.g. +447700900123") String mobile,
            @Size(max = 2048) String appWebhookUrl) {
    }

    public record ContactPointView(String schoolId, PersonType personType, String personId, String email,
            String mobile, String appWebhookUrl, Instant updatedAt) {
    }

    /** A school's safeguarding rota, by staff id (the subject of each person's token). */
    public record RotaBody(
            @NotNull @Pattern(regexp = STAFF_ID, message = "A staff id: 1 to 255 visible ASCII characters") String dsl,
            @Size(max = 10) List<@NotNull @Pattern(regexp = STAFF_ID,
                    message = "A staff id: 1 to 255 visible ASCII characters") String> deputyDsls,
            @NotNull @Pattern(regexp = STAFF_ID, message = "A staff id: 1 to 255 visible ASCII characters")
            String headteacher,
            @Size(max = 10) List<@NotNull @Pattern(regexp = STAFF_ID,
                    message = "A staff id: 1 to 255 visible ASCII characters") String> deputyHeadteachers,
            @Size(max = 40) List<@NotNull @Pattern(regexp = STAFF_ID,
                    message = "A staff id: 1 to 255 visible ASCII characters") String> slt,
            @Pattern(regexp = STAFF_ID, message = "A staff id: 1 to 255 visible ASCII characters")
            String outOfHoursCover,
            @Valid EscalationBody escalation) {
    }

    /**
     * The school's escalation clock (R17): how long an alert may wait for an acknowledgement (ISO-8601 durations, e.g.
     * {@code PT15M}), by severity and for an immediate risk of harm, and the school's hours (Europe/London), outside
     * which the out-of-hours cover is alerted first. Whatever is left out takes the trust's default.
     */
    public record EscalationBody(Duration afterLow, Duration afterMedium, Duration afterHigh, Duration afterCritical,
            Duration afterImmediateRisk, @Size(max = 7) Set<@NotNull DayOfWeek> schoolDays,
            @JsonFormat(pattern = "HH:mm") LocalTime schoolDayStarts,
            @JsonFormat(pattern = "HH:mm") LocalTime schoolDayEnds) {
    }

    /** The clock as set: durations in ISO-8601 (e.g. {@code PT15M}), days in week order. */
    public record EscalationView(@JsonFormat(shape = Shape.STRING) Duration afterLow,
            @JsonFormat(shape = Shape.STRING) Duration afterMedium,
            @JsonFormat(shape = Shape.STRING) Duration afterHigh,
            @JsonFormat(shape = Shape.STRING) Duration afterCritical,
            @JsonFormat(shape = Shape.STRING) Duration afterImmediateRisk, List<DayOfWeek> schoolDays,
            @JsonFormat(pattern = "HH:mm") LocalTime schoolDayStarts,
            @JsonFormat(pattern = "HH:mm") LocalTime schoolDayEnds) {
    }

    public record RotaView(String schoolId, String dsl, List<String> deputyDsls, String headteacher,
            List<String> deputyHeadteachers, List<String> slt,
            String outOfHoursCover, String trustSafeguardingLead, EscalationView escalation, String updatedBy,
            Instant updatedAt) {
    }

    /**
     * A school app's webhook for the status of the school's deliveries: an absolute https URL, without credentials
     * (callbacks are authenticated by their HMAC signature) or a fragment.
     */
    public record StatusWebhookBody(
            @NotNull @Size(min = 1, max = 2048) String url) {
    }

    /**
     * The school's status webhook. {@code secret} is there only in the answer that made it (registration or
     * rotation): keep it then, it is never shown again.
     */
    public record StatusWebhookView(String schoolId, String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret, Instant secretCreatedAt, String createdBy,
            Instant createdAt, String updatedBy, Instant updatedAt) {

        @Override
        public String toString() {
            return "StatusWebhookView[schoolId=" + schoolId + "]";
        }
    }

    /** A school's own template: Qute, up to 20,000 characters. */
    public record TemplateBody(@NotNull @Size(min = 1, max = 20_000) String body) {
    }
}
