package org.chaperone.runtime.problem;

import java.util.List;

/** 404: no such record, or one of a school the caller does not act for (the two are indistinguishable). */
public class RecordNotFoundException extends ProblemException {

    public RecordNotFoundException(String what) {
        super("No " + what + " with that id", List.of());
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String kind() {
        return "not-found";
    }

    @Override
    public String title() {
        return "Not found";
    }
}
