package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.chaperone.local.DemoScheduling.DemoSession;
import org.chaperone.local.DemoScheduling.Meeting;
import org.chaperone.local.DemoScheduling.Policy;
import org.chaperone.local.DemoScheduling.RegisteredStaff;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DemoTrust.StaffMember;
import org.junit.jupiter.api.Test;

/** demo/scheduling.json must say what the seeds say, and load into scheduling-service as it is. */
class DemoSchedulingTest {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** A Thursday in term, before the clocks go forward (29 March 2026). */
    private static final Instant NOW = Instant.parse("2026-03-26T16:00:00Z");

    private final DemoScheduling demo = DemoScheduling.load();
    private final DemoTrust trust = DemoTrust.load();

    @Test
    void everySchoolOfTheTrustHasOnePolicyWithinWhatTheServiceAccepts() {
        assertThat(demo.policies()).extracting(DemoScheduling.SchoolPolicy::school)
                .containsExactlyElementsOf(trust.schoolIds());
        for (DemoScheduling.SchoolPolicy school : demo.policies()) {
            Policy policy = school.policy();
            assertThat(school.seed()).as(school.school()).isNotBlank();
            assertThat(policy.timeZone()).isEqualTo("Europe/London");
            assertThat(policy.schoolDays()).isEqualTo(WEEKDAYS);
            assertThat(LocalTime.parse(policy.dayStarts())).isBetween(LocalTime.of(8, 0), LocalTime.of(9, 0));
            assertThat(LocalTime.parse(policy.dayEnds())).isBetween(LocalTime.of(15, 0), LocalTime.of(16, 0));
            assertThat(policy.closures()).isEmpty();
            assertThat(policy.maxSessionMinutes()).isBetween(15, 240);
            assertThat(policy.maxSessionsPerPupilPerWeek()).isBetween(1, 20);
            assertThat(policy.minHosts()).as("R4: two staff on every call").isEqualTo(2);
            assertThat(policy.dbsValidityMonths()).isBetween(1, 120);
            assertThat(policy.trainingValidityMonths()).isBetween(1, 120);
            assertThat(policy.whenRecordingConsentMissing()).isIn("DO_NOT_RECORD", "EXCLUDE_PUPIL");
            assertThat(policy.meeting()).as("R9: the fully secure profile").isEqualTo(Meeting.SECURE);
        }
    }

    @Test
    void lindenPrimaryHasOneToOneOnlyWithApprovalAndNoRecording() {
        Policy linden = demo.policy("linden-primary").orElseThrow();
        assertThat(linden.oneToOneAllowed()).as("allowed; scheduling-service always holds it for approval").isTrue();
        assertThat(linden.recordingAllowed()).isFalse();
        assertThat(linden.minHosts()).isEqualTo(2);
    }

    @Test
    void ashLeaHasAtMostOneSessionPerPupilPerWeekInSchoolHours() {
        Policy ashLea = demo.policy("ash-lea").orElseThrow();
        assertThat(ashLea.maxSessionsPerPupilPerWeek()).isEqualTo(1);
        assertThat(ashLea.maxSessionMinutes()).as("live classes of a reasonable length").isLessThanOrEqualTo(60);
        assertThat(ashLea.oneToOneAllowed()).as("seed 001 has no one-to-one rules").isFalse();
        assertThat(ashLea.recordingAllowed()).isFalse();
        assertThat(demo.staffOf("ash-lea")).as("R8: SLT to tell").anyMatch(RegisteredStaff::slt);
    }

    @Test
    void avantiHouseRecordsOnlyWithConsentAndLeavesOutPupilsWithout() {
        Policy avanti = demo.policy("avanti-house").orElseThrow();
        assertThat(avanti.recordingAllowed()).isTrue();
        assertThat(avanti.whenRecordingConsentMissing()).isEqualTo("EXCLUDE_PUPIL");
        assertThat(avanti.oneToOneAllowed()).isTrue();
    }

    @Test
    void aPolicySerialisesToExactlyThePolicyBodyFields() {
        JsonNode body = new ObjectMapper().valueToTree(demo.policy("ash-lea").orElseThrow());
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("timeZone", "schoolDays", "dayStarts",
                "dayEnds", "closureDates", "maxSessionMinutes", "maxSessionsPerPupilPerWeek", "minHosts",
                "dbsValidityMonths", "trainingValidityMonths", "recordingAllowed", "oneToOneAllowed",
                "whenRecordingConsentMissing", "meeting");
        assertThat(body.get("meeting").size()).isEqualTo(11);
        assertThat(body.get("schoolDays")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        assertThat(body.get("dayStarts").asText()).matches("\\d\\d:\\d\\d");
    }

    @Test
    void theRegisterHoldsEachSchoolsClassTeachersATeachingAssistantTheDslAndTheHeadteacher() {
        for (School school : trust.schools()) {
            List<RegisteredStaff> register = demo.staffOf(school.id());
            assertThat(register).extracting(RegisteredStaff::subject).doesNotHaveDuplicates();
            for (RegisteredStaff member : register) {
                StaffMember person = school.staff().stream().filter(s -> s.subject().equals(member.subject()))
                        .findFirst().orElseThrow(() -> new AssertionError(member.subject() + " is not staff of "
                                + school.id() + " in trust.json"));
                assertThat(person.role()).as(member.subject()).isIn("staff", "dsl", "deputy-dsl", "headteacher");
                assertThat(member.headteacher()).as(member.subject()).isEqualTo(person.role().equals("headteacher"));
                if (member.headteacher()) {
                    assertThat(member.slt()).as("the Headteacher leads the school").isTrue();
                }
            }
            List<String> registered = register.stream().map(RegisteredStaff::subject).toList();
            school.staff().stream().filter(s -> !s.role().equals("office"))
                    .forEach(s -> assertThat(registered).as(school.id()).contains(s.subject()));
            assertThat(school.staff()).as(school.id())
                    .anyMatch(s -> s.title().startsWith("Teaching assistant") && registered.contains(s.subject()));
            assertThat(register).as(school.id()).filteredOn(RegisteredStaff::headteacher).hasSize(1);
        }
        assertThat(demo.staff()).extracting(RegisteredStaff::school).allMatch(trust.schoolIds()::contains);
    }

    @Test
    void exactlyOneMemberOfStaffHasAnExpiredDbsCheckAndNobodyElseIsOutOfDate() {
        List<RegisteredStaff> outOfDate = demo.staff().stream().filter(member -> !eligibleOnTheSessionDay(member))
                .toList();
        assertThat(outOfDate).hasSize(1);
        RegisteredStaff expired = outOfDate.get(0);
        Policy policy = demo.policy(expired.school()).orElseThrow();
        assertThat(expired.dbsCheckedMonthsAgo()).isGreaterThan(policy.dbsValidityMonths());
        assertThat(expired.safeguardingTrainedMonthsAgo()).isLessThan(policy.trainingValidityMonths());
        // the others stay valid for a while: the demo does not start failing next month
        demo.staff().stream().filter(member -> member != expired).forEach(member -> {
            Policy theirs = demo.policy(member.school()).orElseThrow();
            assertThat(member.dbsCheckedMonthsAgo()).as(member.subject()).isBetween(1,
                    theirs.dbsValidityMonths() - 3);
            assertThat(member.safeguardingTrainedMonthsAgo()).as(member.subject()).isBetween(1,
                    theirs.trainingValidityMonths() - 3);
        });
    }

    @Test
    void oneGroupSessionPerSchoolOfOneClassWithTwoEligibleHostsInsideThePolicy() {
        assertThat(demo.sessions()).extracting(DemoSession::school).containsExactlyElementsOf(trust.schoolIds());
        for (DemoSession session : demo.sessions()) {
            School school = trust.school(session.school()).orElseThrow();
            Policy policy = demo.policy(session.school()).orElseThrow();
            assertThat(school.classes()).as(session.title()).anyMatch(c -> c.name().equals(session.className()));
            assertThat(session.title()).startsWith(session.className());
            assertThat(session.hosts()).hasSize(policy.minHosts()).doesNotHaveDuplicates();
            assertThat(session.hosts().get(0)).as("scheduled by the class teacher, the first host")
                    .isEqualTo(school.staff().stream().filter(s -> s.title().equals("Class teacher, "
                            + session.className())).findFirst().orElseThrow().subject());
            session.hosts().forEach(host -> assertThat(demo.registered(session.school(), host))
                    .as(host).hasValueSatisfying(member -> assertThat(eligibleOnTheSessionDay(member)).isTrue()));
            assertThat(session.starts()).isEqualTo("10:00");
            assertThat(session.ends()).isEqualTo("10:45");
            LocalDate day = DemoScheduling.nextSchoolDay(NOW, policy);
            long minutes = Duration.between(session.startsAt(day, policy), session.endsAt(day, policy)).toMinutes();
            assertThat(minutes).isPositive().isLessThanOrEqualTo(policy.maxSessionMinutes());
            assertThat(LocalTime.parse(session.starts())).isAfterOrEqualTo(LocalTime.parse(policy.dayStarts()));
            assertThat(LocalTime.parse(session.ends())).isBeforeOrEqualTo(LocalTime.parse(policy.dayEnds()));
        }
    }

    @Test
    void theNextSchoolDaySkipsTheWeekend() {
        LocalDate monday = LocalDate.of(2026, 3, 30);
        assertThat(DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 26), WEEKDAYS, List.of()))
                .isEqualTo(LocalDate.of(2026, 3, 27)); // Thursday: Friday
        assertThat(DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 27), WEEKDAYS, List.of())).isEqualTo(monday);
        assertThat(DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 28), WEEKDAYS, List.of())).isEqualTo(monday);
        assertThat(DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 29), WEEKDAYS, List.of())).isEqualTo(monday);
        assertThat(DemoScheduling.nextSchoolDay(monday, WEEKDAYS, List.of())).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void theNextSchoolDaySkipsClosuresAndNeedsASchoolDay() {
        assertThat(DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 27), WEEKDAYS,
                List.of(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 31)))).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThatThrownBy(() -> DemoScheduling.nextSchoolDay(LocalDate.of(2026, 3, 27), Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDayIsCountedInEuropeLondonAndTenOClockIsLondonTime() {
        Policy policy = demo.policy("linden-primary").orElseThrow();
        DemoSession session = demo.sessions().get(0);
        // Friday 23:30 in London in summer is already Saturday 00:30 there: the next school day is Monday
        Instant fridayNight = Instant.parse("2026-06-05T23:30:00Z");
        assertThat(DemoScheduling.today(fridayNight, policy)).isEqualTo(LocalDate.of(2026, 6, 6));
        LocalDate monday = DemoScheduling.nextSchoolDay(fridayNight, policy);
        assertThat(monday).isEqualTo(LocalDate.of(2026, 6, 8));
        assertThat(session.startsAt(monday, policy)).isEqualTo(Instant.parse("2026-06-08T09:00:00Z")); // BST
        assertThat(session.endsAt(monday, policy)).isEqualTo(Instant.parse("2026-06-08T09:45:00Z"));
        // in winter London is on UTC; Friday 26 March 2026 (the clocks go forward on Sunday 29th)
        LocalDate friday = DemoScheduling.nextSchoolDay(NOW, policy);
        assertThat(friday).isEqualTo(LocalDate.of(2026, 3, 27));
        assertThat(session.startsAt(friday, policy)).isEqualTo(Instant.parse("2026-03-27T10:00:00Z"));
        assertThat(session.startsAt(LocalDate.of(2026, 3, 30), policy))
                .isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
    }

    @Test
    void staffDatesAreCountedBackFromToday() {
        RegisteredStaff member = demo.registered("linden-primary", "r.ellwood@linden-primary").orElseThrow();
        LocalDate today = LocalDate.of(2026, 3, 26);
        assertThat(member.body(today)).containsOnlyKeys("dbsCheckedOn", "safeguardingTrainedOn", "slt", "headteacher")
                .containsEntry("dbsCheckedOn", today.minusMonths(member.dbsCheckedMonthsAgo()).toString())
                .containsEntry("safeguardingTrainedOn",
                        today.minusMonths(member.safeguardingTrainedMonthsAgo()).toString());
    }

    private boolean eligibleOnTheSessionDay(RegisteredStaff member) {
        Policy policy = demo.policy(member.school()).orElseThrow();
        return member.eligibleOn(DemoScheduling.nextSchoolDay(NOW, policy), DemoScheduling.today(NOW, policy),
                policy);
    }
}
