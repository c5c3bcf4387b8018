package org.chaperone.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may see a concern, by role, routing and whether the concern names them (R12, R14). */
class ConcernAccessTest {

    @ParameterizedTest(name = "{0} sees DSL-team concerns: {1}, staff-conduct concerns: {2}")
    @CsvSource({
        "dsl, true, false",
        "deputy-dsl, true, false",
        "headteacher, false, true",
        "trust-safeguarding-lead, true, true",
        "staff, false, false",
        "slt, false, false",
        "office, false, false",
        "parent, false, false",
        "trust-admin, false, false",
        "school-app, false, false"
    })
    void eachRoleSeesWhatIsRoutedToIt(String role, boolean dslTeam, boolean staffConduct) {
        ConcernAccess access = ConcernAccess.of("someone", Set.of(role));
        assertThat(access.maySee(Routing.DSL_TEAM, null)).isEqualTo(dslTeam);
        assertThat(access.maySee(Routing.HEADTEACHER_AND_TRUST_LEAD, "staff-0042")).isEqualTo(staffConduct);
    }

    @ParameterizedTest(name = "the named member of staff with {0} never sees it")
    @CsvSource({"dsl", "deputy-dsl", "headteacher", "trust-safeguarding-lead"})
    void theMemberOfStaffAConcernNamesNeverSeesIt(String role) {
        ConcernAccess named = ConcernAccess.of("staff-0042", new java.util.HashSet<>(java.util.List.of(role, "dsl", "headteacher")));
        assertThat(named.maySee(Routing.HEADTEACHER_AND_TRUST_LEAD, "staff-0042")).isFalse();
        assertThat(named.maySee(Routing.DSL_TEAM, "staff-0042")).isFalse();
        assertThat(named.maySee(Routing.HEADTEACHER_AND_TRUST_LEAD, "staff-0051")).isTrue();
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        "DISCLOSURE, DSL_TEAM",
        "SECURITY_BREACH, DSL_TEAM",
        "ONLINE_ABUSE, DSL_TEAM",
        "STAFF_CONDUCT, HEADTEACHER_AND_TRUST_LEAD"
    })
    void aStaffConductConcernGoesToTheHeadteacher(Category category, Routing routing) {
        assertThat(category.routing()).isEqualTo(routing);
    }
}
