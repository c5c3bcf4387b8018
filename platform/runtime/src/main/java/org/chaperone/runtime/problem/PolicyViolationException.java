package org.chaperone.runtime.problem;

import java.util.List;

/** 422: the request is well formed but breaks one or more of the school's policy rules (R1…R17), all listed. */
public class PolicyViolationException extends ProblemException {

    public PolicyViolationException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).message()
                : "The request breaks " + violations.size() + " policy rules", violations);
        if (violations.isEmpty() || violations.stream().anyMatch(v -> v.rule() == null)) {
            throw new IllegalArgumentException("a policy violation names at least one rule");
        }
    }

    public PolicyViolationException(String field, String rule, String message) {
        this(List.of(new Violation(field, rule, message)));
    }

    @Override
    public int status() {
        return 422;
    }

    @Override
    public String kind() {
        return "policy-violation";
    }

    @Override
    public String title() {
        return "The request breaks school policy";
    }
}
