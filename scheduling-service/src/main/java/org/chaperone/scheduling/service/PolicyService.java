package org.chaperone.scheduling.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;
import org.chaperone.scheduling.domain.PolicyVersion;
import org.chaperone.scheduling.domain.RuleBreach;
import org.chaperone.scheduling.domain.SchoolPolicy;
import org.chaperone.scheduling.repository.PolicyRepository;

/** Each school's policy, versioned; a school without one follows the trust's defaults (version 0). */
@ApplicationScoped
public class PolicyService {

    @Inject
    PolicyRepository policies;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    /** A policy and its version. */
    public record VersionedPolicy(String schoolId, int version, SchoolPolicy policy, String changedBy,
            Instant changedAt) {
    }

    @Transactional
    public VersionedPolicy current(String schoolId) {
        caller.requireSchool(schoolId, "school");
        return currentFor(schoolId);
    }

    /** The policy in force, for use cases that already checked the caller's school. */
    VersionedPolicy currentFor(String schoolId) {
        return policies.latest(schoolId).map(this::read)
                .orElse(new VersionedPolicy(schoolId, 0, SchoolPolicy.TRUST_DEFAULT, "trust", null));
    }

    @Transactional
    public VersionedPolicy change(String schoolId, SchoolPolicy policy) {
        caller.requireSchool(schoolId, "school");
        List<Violation> problems = new ArrayList<>();
        if (!policy.dayStarts().isBefore(policy.dayEnds())) {
            problems.add(new Violation("dayEnds", "AfterDayStarts", "The school day must end after it starts"));
        }
        try {
            java.time.ZoneId.of(policy.timeZone());
        } catch (java.time.DateTimeException e) {
            problems.add(new Violation("timeZone", "TimeZone", "Not a time zone id such as Europe/London"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<RuleBreach> weaker = policy.meeting().weakerThanSecure("meeting.");
        if (!weaker.isEmpty()) {
            throw new PolicyViolationException(weaker.stream()
                    .map(b -> new Violation(b.field(), b.rule(), b.message())).toList());
        }
        int next = policies.latest(schoolId).map(PolicyVersion::version).orElse(0) + 1;
        PolicyVersion version = new PolicyVersion(schoolId, next, write(policy), caller.subject(), Instant.now());
        policies.persist(version);
        return read(version);
    }

    private VersionedPolicy read(PolicyVersion version) {
        try {
            return new VersionedPolicy(version.schoolId(), version.version(),
                    json.readValue(version.settings(), SchoolPolicy.class), version.changedBy(), version.changedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy cannot be read", e);
        }
    }

    private String write(SchoolPolicy policy) {
        try {
            return json.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
