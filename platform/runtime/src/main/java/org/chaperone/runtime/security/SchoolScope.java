package org.chaperone.runtime.security;

import java.util.List;
import java.util.Set;

/**
 * The schools a caller may see. Repositories take one in every query, so a query cannot be written without
 * deciding its scope, and an empty scope matches nothing: a forgotten grant fails closed.
 */
public record SchoolScope(boolean allSchools, Set<String> schools) {

    /** Stands in for an empty list in SQL, where {@code in ()} is not valid; no school id may contain {@code #}. */
    private static final String NO_SCHOOL = "#none";

    public SchoolScope {
        schools = Set.copyOf(schools);
    }

    public static SchoolScope of(String... schools) {
        return new SchoolScope(false, Set.of(schools));
    }

    /** For work done by the service itself (scheduled jobs, consumers), never for a caller. */
    public static SchoolScope system() {
        return new SchoolScope(true, Set.of());
    }

    public boolean includes(String schoolId) {
        return schoolId != null && (allSchools || schools.contains(schoolId));
    }

    /** Parameters for a query condition of the form {@code (:all = true or schoolId in :schools)}. */
    public List<String> schoolsForQuery() {
        return schools.isEmpty() ? List.of(NO_SCHOOL) : List.copyOf(schools);
    }
}
