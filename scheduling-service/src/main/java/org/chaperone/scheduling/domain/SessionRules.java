package org.chaperone.scheduling.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.scheduling.domain.Session.SessionPlan;
import org.chaperone.scheduling.domain.StaffMember.StaffRecord;

/**
 * Checks a planned session against the school's policy: rules R2 to R7 and R9. Every breach is returned, not
 * just the first, so that staff can fix them all at once.
 */
public final class SessionRules {

    private SessionRules() {
    }

    /**
     * @param hosts         what the register says of each host (absent: not in the register)
     * @param weeklySessions for each pupil, how many other open sessions they already have in the week of this one
     */
    public static List<RuleBreach> check(SessionPlan plan, SchoolPolicy policy, Map<String, StaffRecord> hosts,
            Map<UUID, Integer> weeklySessions) {
        List<RuleBreach> breaches = new ArrayList<>();
        ZoneId zone = ZoneId.of(policy.timeZone());
        ZonedDateTime start = plan.startsAt().atZone(zone);
        ZonedDateTime end = plan.endsAt().atZone(zone);

        if (plan.recorded() && !policy.recordingAllowed()) {
            breaches.add(new RuleBreach("R2", "recorded", "This school does not allow sessions to be recorded"));
        }
        if (plan.kind() == SessionKind.ONE_TO_ONE) {
            if (!policy.oneToOneAllowed()) {
                breaches.add(new RuleBreach("R3", "kind", "This school does not allow one-to-one sessions"));
            }
            if (plan.pupilIds().size() != 1) {
                breaches.add(new RuleBreach("R3", "pupilIds", "A one-to-one session has exactly one pupil"));
            }
        }
        if (plan.hostStaffIds().size() < policy.minHosts()) {
            breaches.add(new RuleBreach("R4", "hostStaffIds",
                    "At least " + policy.minHosts() + " DBS-checked, trained members of staff must host"));
        }
        LocalDate day = start.toLocalDate();
        for (int i = 0; i < plan.hostStaffIds().size(); i++) {
            StaffRecord host = hosts.get(plan.hostStaffIds().get(i));
            if (host == null) {
                breaches.add(new RuleBreach("R4", "hostStaffIds[" + i + "]", "Not in the school's staff register"));
            } else if (!host.eligibleOn(day, policy)) {
                breaches.add(new RuleBreach("R4", "hostStaffIds[" + i + "]",
                        "DBS check or safeguarding training missing or out of date on " + day));
            }
        }
        if (!policy.schoolDays().contains(start.getDayOfWeek())) {
            breaches.add(new RuleBreach("R5", "startsAt", "Not a school day (" + start.getDayOfWeek() + ")"));
        } else if (policy.closureDates().contains(day)) {
            breaches.add(new RuleBreach("R5", "startsAt", "The school is closed on " + day));
        }
        if (start.toLocalTime().isBefore(policy.dayStarts())) {
            breaches.add(new RuleBreach("R5", "startsAt", "Starts before " + policy.dayStarts() + " school time"));
        }
        if (!end.toLocalDate().equals(day) || end.toLocalTime().isAfter(policy.dayEnds())) {
            breaches.add(new RuleBreach("R5", "endsAt", "Ends after " + policy.dayEnds() + " school time"));
        }
        long minutes = Duration.between(plan.startsAt(), plan.endsAt()).toMinutes();
        if (minutes > policy.maxSessionMinutes()) {
            breaches.add(new RuleBreach("R6", "endsAt",
                    "Lasts " + minutes + " minutes; at most " + policy.maxSessionMinutes()));
        }
        for (int i = 0; i < plan.pupilIds().size(); i++) {
            int already = weeklySessions.getOrDefault(plan.pupilIds().get(i), 0);
            if (already + 1 > policy.maxSessionsPerPupilPerWeek()) {
                breaches.add(new RuleBreach("R7", "pupilIds[" + i + "]", "Already in " + already
                        + " session(s) that week; at most " + policy.maxSessionsPerPupilPerWeek()));
            }
        }
        if (plan.meeting() != null) {
            breaches.addAll(plan.meeting().weakerThanSecure("meeting."));
        }
        return breaches;
    }

    /** The Monday and the following Monday (in the school's time zone) of the week a session starts in. */
    public static ZonedDateTime[] weekOf(java.time.Instant startsAt, SchoolPolicy policy) {
        ZonedDateTime start = startsAt.atZone(ZoneId.of(policy.timeZone())).toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .atStartOfDay(ZoneId.of(policy.timeZone()));
        return new ZonedDateTime[] {start, start.plusWeeks(1)};
    }
}
