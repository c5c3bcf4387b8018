package org.chaperone.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code type} is stable per kind of problem; {@code violations} lists every
 * bad field, {@code rules} every broken policy rule. Never a stack trace or an exception class name.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<String> rules, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:chaperone:problem:";
}
