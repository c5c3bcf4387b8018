package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chaperone.notification.config.NotificationConfig;
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

    @Inject
    RotaRepository rotas;
    @Inject
    Caller caller;
    @Inject
    NotificationConfig config;

    @Transactional
    public RotaDetails put(String schoolId, Roles roles) {
        caller.requireSchool(schoolId, "school");
        check(roles);
        SafeguardingRota rota = rotas.find(schoolId, caller.scope()).orElse(null);
        if (rota == null) {
            rota = new SafeguardingRota(schoolId);
            rota.apply(roles, caller.subject(), Instant.now());
            rotas.persist(rota);
        } else {
            rota.apply(roles, caller.subject(), Instant.now());
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

    /** Nobody twice in a list, and the DSL is not also their own deputy. */
    private static void check(Roles roles) {
        List<Violation> violations = new ArrayList<>();
        Set<String> deputies = new HashSet<>();
        for (int i = 0; i < roles.deputyDsls().size(); i++) {
            String deputy = roles.deputyDsls().get(i);
            if (deputy.equals(roles.dsl())) {
                violations.add(new Violation("deputyDsls[" + i + "]", "NotTheDsl", "The DSL is not their own deputy"));
            } else if (!deputies.add(deputy)) {
                violations.add(new Violation("deputyDsls[" + i + "]", "Unique", "Listed twice"));
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
