package org.chaperone.incident.domain;

/** Why a concern has the retention date it has, or none yet (R16). */
public enum RetentionBasis {
    /** A child-protection record: the date of birth of the youngest pupil it names, plus 25 years. */
    DATE_OF_BIRTH_PLUS_25_YEARS,
    /** It names a pupil whose date of birth nobody has told this service: unknown, listed for review. */
    DATE_OF_BIRTH_UNKNOWN,
    /** It names no pupil (e.g. a security breach): not a pupil's record; kept per the school's policy, reviewed. */
    NO_PUPIL_NAMED
}
