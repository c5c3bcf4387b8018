package org.chaperone.runtime.problem;

import java.util.List;

/** 400: fields that break a validation rule the annotations cannot express. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(List<Violation> violations) {
        super(violations.size() == 1 ? violations.get(0).message() : violations.size() + " fields are not valid",
                violations);
    }

    public InvalidRequestException(String field, String rule, String message) {
        this(List.of(new Violation(field, rule, message)));
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String kind() {
        return "invalid-request";
    }

    @Override
    public String title() {
        return "The request is not valid";
    }
}
