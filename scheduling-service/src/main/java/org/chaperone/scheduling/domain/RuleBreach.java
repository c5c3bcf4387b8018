package org.chaperone.scheduling.domain;

/** One policy rule a session would break: the rule id (R2…R9), the field at fault, and what to fix. */
public record RuleBreach(String rule, String field, String message) {
}
