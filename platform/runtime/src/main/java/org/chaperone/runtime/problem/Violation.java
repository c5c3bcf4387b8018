package org.chaperone.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request: the field (a JSON path such as {@code pupils[3].upn}, or a header or query
 * parameter name), the rule it breaks (a policy rule id such as {@code R1}, or a validation rule such as
 * {@code NotNull}) and what to do about it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Violation(String field, String rule, String message) {
}
