package org.chaperone.incident.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which concerns a caller may see and handle (R12, R14): the DSL and deputy DSLs see what goes to the DSL team, the
 * Headteacher what goes to them (a concern about a member of staff), the trust safeguarding lead both. The member of
 * staff a concern names never sees it, whatever roles they hold. Repositories apply the same rule in their queries.
 *
 * <p>Role names are the {@code groups} claim's (architecture brief); the domain keeps its own copy so that it
 * depends on nothing else.
 */
public record ConcernAccess(String subject, Set<Routing> routes) {

    static final String DSL = "dsl";
    static final String DEPUTY_DSL = "deputy-dsl";
    static final String HEADTEACHER = "headteacher";
    static final String TRUST_SAFEGUARDING_LEAD = "trust-safeguarding-lead";

    public ConcernAccess {
        Objects.requireNonNull(subject, "subject");
        routes = routes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(routes));
    }

    public static ConcernAccess of(String subject, Set<String> roles) {
        Set<Routing> routes = EnumSet.noneOf(Routing.class);
        if (roles.contains(DSL) || roles.contains(DEPUTY_DSL) || roles.contains(TRUST_SAFEGUARDING_LEAD)) {
            routes.add(Routing.DSL_TEAM);
        }
        if (roles.contains(HEADTEACHER) || roles.contains(TRUST_SAFEGUARDING_LEAD)) {
            routes.add(Routing.HEADTEACHER_AND_TRUST_LEAD);
        }
        return new ConcernAccess(subject, routes);
    }

    /** The same caller, limited to what goes to {@code route} (of what they may see at all). */
    public ConcernAccess limitedTo(Routing route) {
        return new ConcernAccess(subject, routes.contains(route) ? Set.of(route) : Set.of());
    }

    /** Whether a concern routed so, naming this member of staff (or nobody), may be seen and handled. */
    public boolean maySee(Routing routedTo, String concernsStaffId) {
        return routes.contains(routedTo) && !subject.equals(concernsStaffId);
    }
}
