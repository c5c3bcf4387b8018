package org.chaperone.notification.repository;

import io.quarkus.panache.common.Parameters;
import org.chaperone.runtime.security.SchoolScope;

/** The school-scope condition every query of this service carries. */
final class Scopes {

    static final String IN_SCOPE = "(:all = true or schoolId in :schools)";
    static final String IN_SCOPE_SQL = "(:all = true or school_id in (:schools))";

    private Scopes() {
    }

    static Parameters scoped(SchoolScope scope) {
        return Parameters.with("all", scope.allSchools()).and("schools", scope.schoolsForQuery());
    }
}
