package org.chaperone.runtime.security;

/** The roles of the {@code groups} claim (architecture brief, security model). */
public final class Roles {

    public static final String STAFF = "staff";
    public static final String SLT = "slt";
    /** Includes the deputy head. */
    public static final String HEADTEACHER = "headteacher";
    public static final String DSL = "dsl";
    public static final String DEPUTY_DSL = "deputy-dsl";
    /** Records consent received by email, paper or phone. */
    public static final String OFFICE = "office";
    public static final String PARENT = "parent";
    public static final String TRUST_SAFEGUARDING_LEAD = "trust-safeguarding-lead";
    public static final String TRUST_ADMIN = "trust-admin";
    /** Machine client that syncs pupils, guardians, staff and contacts from the MIS. */
    public static final String SCHOOL_APP = "school-app";

    private Roles() {
    }

    /** Trust roles act for every school of the trust. */
    public static boolean actsForAllSchools(String role) {
        return TRUST_ADMIN.equals(role) || TRUST_SAFEGUARDING_LEAD.equals(role);
    }
}
