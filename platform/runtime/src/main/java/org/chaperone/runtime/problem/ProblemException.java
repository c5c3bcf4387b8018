package org.chaperone.runtime.problem;

import java.util.List;

/** A failure that is the caller's to fix, answered as a problem response with its own status. */
public abstract class ProblemException extends RuntimeException {

    private final List<Violation> violations;

    protected ProblemException(String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public abstract int status();

    /** The last part of the problem's {@code type} URN, e.g. {@code invalid-request}. */
    public abstract String kind();

    public abstract String title();

    public List<Violation> violations() {
        return violations;
    }
}
