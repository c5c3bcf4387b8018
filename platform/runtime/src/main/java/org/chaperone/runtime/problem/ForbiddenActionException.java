package org.chaperone.runtime.problem;

import java.util.List;

/** 403: the caller's role does not allow this action on a record they may otherwise see. */
public class ForbiddenActionException extends ProblemException {

    public ForbiddenActionException(String detail) {
        super(detail, List.of());
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String kind() {
        return "forbidden";
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
