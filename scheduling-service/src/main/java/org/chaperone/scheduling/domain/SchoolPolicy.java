package org.chaperone.scheduling.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A school's rules for live video sessions. Every value has a trust-wide default ({@link #TRUST_DEFAULT});
 * a school's policy replaces the whole set, and each change is a new version.
 *
 * @param timeZone                   the school's time zone, for hours, days and weeks (Europe/London)
 * @param schoolDays                 days sessions may run (R5)
 * @param dayStarts                  earliest start (R5)
 * @param dayEnds                    latest end (R5)
 * @param closureDates               days the school is closed, e.g. holidays and INSET days (R5)
 * @param maxSessionMinutes          longest session (R6)
 * @param maxSessionsPerPupilPerWeek most sessions one pupil may be in per week (R7; Ash Lea: one)
 * @param minHosts                   fewest hosts, each DBS-checked and trained (R4)
 * @param dbsValidityMonths          how long a DBS check counts (R4)
 * @param trainingValidityMonths     how long safeguarding training counts (R4)
 * @param recordingAllowed           whether sessions may be recorded at all (R2)
 * @param oneToOneAllowed            whether one-to-one sessions may be scheduled (R3)
 * @param whenRecordingConsentMissing what dispatch does when a pupil lacks recording consent (R2)
 * @param meeting                    the meeting security profile (R9)
 */
public record SchoolPolicy(
        String timeZone,
        Set<DayOfWeek> schoolDays,
        LocalTime dayStarts,
        LocalTime dayEnds,
        List<LocalDate> closureDates,
        int maxSessionMinutes,
        int maxSessionsPerPupilPerWeek,
        int minHosts,
        int dbsValidityMonths,
        int trainingValidityMonths,
        boolean recordingAllowed,
        boolean oneToOneAllowed,
        RecordingConsentMissing whenRecordingConsentMissing,
        MeetingSettings meeting) {

    /** Whether a pupil without recording consent keeps the session unrecorded, or is left out of it. */
    public enum RecordingConsentMissing {
        DO_NOT_RECORD,
        EXCLUDE_PUPIL
    }

    public static final SchoolPolicy TRUST_DEFAULT = new SchoolPolicy("Europe/London",
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 30), LocalTime.of(15, 30), List.of(), 60, 5, 2, 36, 24, false, false,
            RecordingConsentMissing.DO_NOT_RECORD, MeetingSettings.SECURE);
}
