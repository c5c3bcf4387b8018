package org.chaperone.runtime.problem;

import java.util.List;

/** 409: the request conflicts with the current state (a duplicate, a reused Idempotency-Key…). */
public class ConflictException extends ProblemException {

    public ConflictException(String field, String rule, String message) {
        super(message, List.of(new Violation(field, rule, message)));
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String kind() {
        return "conflict";
    }

    @Override
    public String title() {
        return "The request conflicts with the current state";
    }
}
