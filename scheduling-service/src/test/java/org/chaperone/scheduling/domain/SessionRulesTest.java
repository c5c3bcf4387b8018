package org.chaperone.scheduling.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.chaperone.scheduling.domain.Session.SessionPlan;
import org.chaperone.scheduling.domain.StaffMember.StaffRecord;
import org.junit.jupiter.api.Test;

/** Each rule broken alone names itself; several broken at once are all named. */
class SessionRulesTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A Tuesday in term time. */
    static final LocalDate DAY = LocalDate.of(2027, 3, 9);
    static final UUID PUPIL = UUID.randomUUID();
    static final StaffRecord TRAINED = new StaffRecord(LocalDate.of(2025, 9, 1), LocalDate.of(2026, 9, 1), false,
            false);

    final SchoolPolicy policy = new SchoolPolicy("Europe/London", Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 30), LocalTime.of(15, 30),
            List.of(LocalDate.of(2027, 3, 10)), 60, 1, 2, 36, 24, true, true,
            SchoolPolicy.RecordingConsentMissing.DO_NOT_RECORD, MeetingSettings.SECURE);
    final Map<String, StaffRecord> register = new HashMap<>(Map.of("t1", TRAINED, "t2", TRAINED));

    @Test
    void aSessionWithinPolicyBreaksNothing() {
        assertThat(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), false, null),
                policy, register, Map.of())).isEmpty();
    }

    @Test
    void r2RecordingWhereTheSchoolDoesNotAllowIt() {
        SchoolPolicy noRecording = with(policy, false, true);
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), true, null),
                noRecording, register, Map.of()))).containsExactly("R2");
    }

    @Test
    void r3OneToOneWhereTheSchoolDoesNotAllowIt() {
        SchoolPolicy noOneToOne = with(policy, true, false);
        assertThat(rules(SessionRules.check(plan(SessionKind.ONE_TO_ONE, at(DAY, 10, 0), at(DAY, 10, 45), false,
                null), noOneToOne, register, Map.of()))).containsExactly("R3");
    }

    @Test
    void r3OneToOneWithTwoPupils() {
        SessionPlan two = new SessionPlan(SessionKind.ONE_TO_ONE, "Reading", at(DAY, 10, 0), at(DAY, 10, 45),
                List.of("t1", "t2"), List.of(UUID.randomUUID(), UUID.randomUUID()), false, null);
        assertThat(SessionRules.check(two, policy, register, Map.of()))
                .extracting(RuleBreach::rule, RuleBreach::field).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R3", "pupilIds"));
    }

    @Test
    void r4OneHostOrAnUncheckedHost() {
        SessionPlan oneHost = new SessionPlan(SessionKind.GROUP, "Maths", at(DAY, 10, 0), at(DAY, 10, 45),
                List.of("t1"), List.of(PUPIL), false, null);
        assertThat(rules(SessionRules.check(oneHost, policy, register, Map.of()))).containsExactly("R4");

        register.put("t2", new StaffRecord(LocalDate.of(2023, 1, 1), LocalDate.of(2026, 9, 1), false, false));
        assertThat(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), false, null), policy,
                register, Map.of())).extracting(RuleBreach::field).containsExactly("hostStaffIds[1]");
        register.remove("t2");
        assertThat(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), false, null), policy,
                register, Map.of())).extracting(RuleBreach::message).containsExactly("Not in the school's staff register");
    }

    @Test
    void r5OutsideHoursOnAWeekendOrAClosureDay() {
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 8, 0), at(DAY, 8, 45), false, null),
                policy, register, Map.of()))).containsExactly("R5");
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 15, 0), at(DAY, 15, 45), false, null),
                policy, register, Map.of()))).containsExactly("R5");
        LocalDate saturday = DAY.plusDays(4);
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(saturday, 10, 0), at(saturday, 10, 45), false,
                null), policy, register, Map.of()))).containsExactly("R5");
        LocalDate closed = DAY.plusDays(1);
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(closed, 10, 0), at(closed, 10, 45), false,
                null), policy, register, Map.of()))).containsExactly("R5");
    }

    @Test
    void r5UsesTheSchoolsTimeZoneInSummerTime() {
        LocalDate summer = LocalDate.of(2027, 6, 15);
        // 08:45 in London is 07:45 UTC: inside school hours although the UTC clock says otherwise.
        Instant start = ZonedDateTime.of(summer, LocalTime.of(8, 45), LONDON).toInstant();
        assertThat(SessionRules.check(plan(SessionKind.GROUP, start, start.plusSeconds(1800), false, null), policy,
                register, Map.of())).isEmpty();
    }

    @Test
    void r6TooLong() {
        assertThat(rules(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 11, 30), false, null),
                policy, register, Map.of()))).containsExactly("R6");
    }

    @Test
    void r7TooManySessionsThatWeek() {
        assertThat(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), false, null), policy,
                register, Map.of(PUPIL, 1))).extracting(RuleBreach::rule, RuleBreach::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("R7", "pupilIds[0]"));
    }

    @Test
    void r9AWeakerMeetingProfile() {
        MeetingSettings open = new MeetingSettings(false, true, true, true, true, true, true, true, true, false,
                false);
        assertThat(SessionRules.check(plan(SessionKind.GROUP, at(DAY, 10, 0), at(DAY, 10, 45), false, open), policy,
                register, Map.of())).extracting(RuleBreach::rule, RuleBreach::field).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("R9", "meeting.waitingRoom"),
                        org.assertj.core.groups.Tuple.tuple("R9", "meeting.participantsMayRename"));
    }

    @Test
    void fourBrokenRulesAreAllNamed() {
        SchoolPolicy strict = with(policy, false, true);
        MeetingSettings open = new MeetingSettings(true, true, true, true, true, true, true, true, false, true,
                false);
        SessionPlan plan = new SessionPlan(SessionKind.GROUP, "Maths", at(DAY, 14, 0), at(DAY, 16, 0),
                List.of("t1"), List.of(PUPIL), true, open);
        assertThat(rules(SessionRules.check(plan, strict, register, Map.of())))
                .containsExactlyInAnyOrder("R2", "R4", "R5", "R6", "R9");
    }

    private static List<String> rules(List<RuleBreach> breaches) {
        return breaches.stream().map(RuleBreach::rule).distinct().toList();
    }

    private static SessionPlan plan(SessionKind kind, Instant start, Instant end, boolean recorded,
            MeetingSettings meeting) {
        return new SessionPlan(kind, "Maths", start, end, List.of("t1", "t2"), List.of(PUPIL), recorded, meeting);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day, LocalTime.of(hour, minute), LONDON).toInstant();
    }

    private static SchoolPolicy with(SchoolPolicy p, boolean recording, boolean oneToOne) {
        return new SchoolPolicy(p.timeZone(), p.schoolDays(), p.dayStarts(), p.dayEnds(), p.closureDates(),
                p.maxSessionMinutes(), p.maxSessionsPerPupilPerWeek(), p.minHosts(), p.dbsValidityMonths(),
                p.trainingValidityMonths(), recording, oneToOne, p.whenRecordingConsentMissing(), p.meeting());
    }
}
