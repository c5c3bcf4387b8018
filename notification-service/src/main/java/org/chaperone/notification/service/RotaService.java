package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.EscalationPolicy;
import org.chaperone.notification.domain.SafeguardingRota;
import org.chaperone.notification.domain.SafeguardingRota.Roles;
import org.chaperone.notification.domain.SafeguardingRota.RotaDetails;
import org.chaperone.notification.repository.RotaRepository;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;

/** Each school's safeguarding rota: who is alerted and told of what. */
@ApplicationScoped
public class RotaService {

    private static final String WHAT = "safeguarding rota";
    private static final Duration LONGEST_WINDOW = Duration.ofDays(1);

    @Inject
    RotaRepository rotas;
    @Inject
    Caller caller;
    @Inject
    NotificationConfig config;

    @Transactional
    public RotaDetails put(String schoolId, Roles roles, EscalationPolicy escalation) {
        caller.requireSchool(schoolId, "school");
        check(roles, escalation);
        SafeguardingRota rota = rotas.find(schoolId, caller.scope()).orElse(null);
        if (rota == null) {
            rota = new SafeguardingRota(schoolId);
            rota.apply(roles, escalation, caller.subject(), Instant.now());
            rotas.persist(rota);
        } else {
            rota.apply(roles, escalation, caller.subject(), Instant.now());
        }
        return rota.details();
    }

    @Transactional
    public RotaDetails get(String schoolId) {
        caller.requireSchool(schoolId, WHAT);
        return rotas.find(schoolId, caller.scope()).map(SafeguardingRota::details)
                .orElseThrow(() -> new RecordNotFoundException(WHAT));
    }

    /** The trust's safeguarding lead, above every school's rota: a setting of the service. */
    public String trustSafeguardingLead() {
        return config.trustSafeguardingLead();
    }

    /**
     * Nobody twice in a list, and neither the DSL nor the Headteacher is also their own deputy; each escalation window between the service's
     * shortest (a minute in production) and a day; the school day ending after it starts.
     */
    private void check(Roles roles, EscalationPolicy escalation) {
        List<Violation> violations = new ArrayList<>();
        Duration shortest = config.escalation().shortestWindow();
        Map<String, Duration> windows = new LinkedHashMap<>();
        windows.put("escalation.afterLow", escalation.low());
        windows.put("escalation.afterMedium", escalation.medium());
        windows.put("escalation.afterHigh", escalation.high());
        windows.put("escalation.afterCritical", escalation.critical());
        windows.put("escalation.afterImmediateRisk", escalation.immediateRisk());
        windows.forEach((field, window) -> {
            if (window.compareTo(shortest) < 0 || window.compareTo(LONGEST_WINDOW) > 0 || window.getNano() != 0) {
                violations.add(new Violation(field, "EscalationWindow", "Between " + shortest + " and "
                        + LONGEST_WINDOW + ", in whole seconds"));
            }
        });
        if (!escalation.dayStarts().isBefore(escalation.dayEnds())) {
            violations.add(new Violation("escalation.schoolDayEnds", "AfterStart",
                    "The school day ends after it starts"));
        }
        Set<String> deputies = new HashSet<>();
        for (int i = 0; i < roles.deputyDsls().size(); i++) {
            String deputy = roles.deputyDsls().get(i);
            if (deputy.equals(roles.dsl())) {
                violations.add(new Violation("deputyDsls[" + i + "]", "NotTheDsl", "The DSL is not their own deputy"));
            } else if (!deputies.add(deputy)) {
                violations.add(new Violation("deputyDsls[" + i + "]", "Unique", "Listed twice"));
            }
        }
        Set<String> deputyHeads = new HashSet<>();
        for (int i = 0; i < roles.deputyHeadteachers().size(); i++) {
            String deputy = roles.deputyHeadteachers().get(i);
            if (deputy.equals(roles.headteacher())) {
                violations.add(new Violation("deputyHeadteachers[" + i + "]", "NotTheHeadteacher",
                        "The Headteacher is not their own deputy"));
            } else if (!deputyHeads.add(deputy)) {
                violations.add(new Violation("deputyHeadteachers[" + i + "]", "Unique", "Listed twice"));
            }
        }
        Set<String> slt = new HashSet<>();
        for (int i = 0; i < roles.slt().size(); i++) {
            if (!slt.add(roles.slt().get(i))) {
                violations.add(new Violation("slt[" + i + "]", "Unique", "Listed twice"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }
}
