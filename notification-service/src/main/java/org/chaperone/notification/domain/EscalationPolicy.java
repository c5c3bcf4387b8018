package org.chaperone.notification.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A school's escalation clock (R17): how long an alert may wait for an acknowledgement, by severity and for an
 * immediate risk of harm, and the school's hours, outside which the out-of-hours cover is alerted first.
 */
public record EscalationPolicy(Duration low, Duration medium, Duration high, Duration critical,
        Duration immediateRisk, Set<DayOfWeek> schoolDays, LocalTime dayStarts, LocalTime dayEnds) {

    /** 30 minutes for a low concern, 15 for medium and high, 5 for critical or an immediate risk; Mon–Fri 08–18. */
    public static final EscalationPolicy DEFAULT = new EscalationPolicy(Duration.ofMinutes(30), Duration.ofMinutes(15),
            Duration.ofMinutes(15), Duration.ofMinutes(5), Duration.ofMinutes(5),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0), LocalTime.of(18, 0));

    public EscalationPolicy {
        schoolDays = schoolDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(schoolDays));
    }

    /** The window of an alert: its severity's, or the immediate-risk one if that is shorter and the risk is there. */
    public Duration window(AlertSeverity severity, boolean immediate) {
        Duration window = switch (severity) {
            case LOW -> low;
            case MEDIUM -> medium;
            case HIGH -> high;
            case CRITICAL -> critical;
        };
        return immediate && immediateRisk.compareTo(window) < 0 ? immediateRisk : window;
    }

    /** Whether {@code at} falls outside the school's hours (school days, from {@code dayStarts} to {@code dayEnds}). */
    public boolean outOfHours(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!schoolDays.contains(local.getDayOfWeek())) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        return time.isBefore(dayStarts) || !time.isBefore(dayEnds);
    }
}
