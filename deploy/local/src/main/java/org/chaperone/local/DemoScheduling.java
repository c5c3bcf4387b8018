package org.chaperone.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's scheduling data of {@code demo/scheduling.json}: each school's session policy (from its seed), its
 * staff register (DBS check and safeguarding training, as months before the stack started) and one group session
 * on the next school day. Staff are named by the token subjects of {@code demo/trust.json}; pupils by class.
 */
public record DemoScheduling(List<SchoolPolicy> policies, List<RegisteredStaff> staff, List<DemoSession> sessions) {

    public static final String RESOURCE = "/demo/scheduling.json";

    /** A school's policy and the seed it comes from; {@code policy} is scheduling-service's PolicyBody as is. */
    public record SchoolPolicy(String school, String seed, Policy policy) {
    }

    /** scheduling-service's PolicyBody. Times as HH:MM, dates as YYYY-MM-DD, as the service takes them. */
    public record Policy(String timeZone, Set<DayOfWeek> schoolDays, String dayStarts, String dayEnds,
            List<String> closureDates, int maxSessionMinutes, int maxSessionsPerPupilPerWeek, int minHosts,
            int dbsValidityMonths, int trainingValidityMonths, boolean recordingAllowed, boolean oneToOneAllowed,
            String whenRecordingConsentMissing, Meeting meeting) {

        public ZoneId zone() {
            return ZoneId.of(timeZone);
        }

        public List<LocalDate> closures() {
            return closureDates.stream().map(LocalDate::parse).toList();
        }
    }

    /** scheduling-service's MeetingBody (R9). */
    public record Meeting(boolean waitingRoom, boolean lockAfterStart, boolean muteOnEntry,
            boolean hostOnlyScreenShare, boolean hostOnlyRecording, boolean hostOnlyChat, boolean hostOnlyAnnotation,
            boolean hostOnlyFileTransfer, boolean participantsMayRename, boolean breakoutRooms,
            boolean removedMayRejoin) {

        /** The secure profile scheduling-service requires: nothing may be weaker. */
        public static final Meeting SECURE =
                new Meeting(true, true, true, true, true, true, true, true, false, false, false);
    }

    /** A register entry: DBS check and training so many months before the day the stack starts. */
    public record RegisteredStaff(String school, String subject, int dbsCheckedMonthsAgo,
            int safeguardingTrainedMonthsAgo, boolean slt, boolean headteacher) {

        public LocalDate dbsCheckedOn(LocalDate today) {
            return today.minusMonths(dbsCheckedMonthsAgo);
        }

        public LocalDate safeguardingTrainedOn(LocalDate today) {
            return today.minusMonths(safeguardingTrainedMonthsAgo);
        }

        /** scheduling-service's StaffBody. */
        public Map<String, Object> body(LocalDate today) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dbsCheckedOn", dbsCheckedOn(today).toString());
            body.put("safeguardingTrainedOn", safeguardingTrainedOn(today).toString());
            body.put("slt", slt);
            body.put("headteacher", headteacher);
            return body;
        }

        /** Rule R4 as scheduling-service applies it: both dates on or before the day and still valid on it. */
        public boolean eligibleOn(LocalDate day, LocalDate today, Policy policy) {
            LocalDate dbs = dbsCheckedOn(today);
            LocalDate trained = safeguardingTrainedOn(today);
            return !dbs.isAfter(day) && !trained.isAfter(day)
                    && dbs.plusMonths(policy.dbsValidityMonths()).isAfter(day)
                    && trained.plusMonths(policy.trainingValidityMonths()).isAfter(day);
        }
    }

    /** A group session of one class, from {@code starts} to {@code ends} school time on the next school day. */
    public record DemoSession(String school, String className, String title, List<String> hosts, String starts,
            String ends) {

        public Instant startsAt(LocalDate day, Policy policy) {
            return day.atTime(LocalTime.parse(starts)).atZone(policy.zone()).toInstant();
        }

        public Instant endsAt(LocalDate day, Policy policy) {
            return day.atTime(LocalTime.parse(ends)).atZone(policy.zone()).toInstant();
        }
    }

    public static DemoScheduling load() {
        try (InputStream in = DemoScheduling.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, DemoScheduling.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public Optional<Policy> policy(String school) {
        return policies.stream().filter(p -> p.school().equals(school)).map(SchoolPolicy::policy).findFirst();
    }

    public List<RegisteredStaff> staffOf(String school) {
        return staff.stream().filter(member -> member.school().equals(school)).toList();
    }

    public Optional<RegisteredStaff> registered(String school, String subject) {
        return staffOf(school).stream().filter(member -> member.subject().equals(subject)).findFirst();
    }

    /** The first day after {@code today} that is one of the school's days and not a closure. */
    public static LocalDate nextSchoolDay(LocalDate today, Set<DayOfWeek> schoolDays, List<LocalDate> closures) {
        if (schoolDays.isEmpty()) {
            throw new IllegalArgumentException("A school with no school days has no next one");
        }
        LocalDate day = today.plusDays(1);
        while (!schoolDays.contains(day.getDayOfWeek()) || closures.contains(day)) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The next school day of a school, counted from the day it is now in the school's time zone. */
    public static LocalDate nextSchoolDay(Instant now, Policy policy) {
        return nextSchoolDay(today(now, policy), policy.schoolDays(), policy.closures());
    }

    /** The day it is now in the school's time zone: staff dates are counted back from it. */
    public static LocalDate today(Instant now, Policy policy) {
        return now.atZone(policy.zone()).toLocalDate();
    }
}
