package org.chaperone.incident.rest;

import org.chaperone.runtime.problem.InvalidRequestException;

/**
 * Why a concern is being read: every read is written to the access audit with its reason, so a read without one is
 * refused. Given as the {@code reason} query parameter or the {@code Access-Reason} header.
 */
final class AccessReason {

    static final String QUERY = "reason";
    static final String HEADER = "Access-Reason";
    static final int MAX = 500;

    private AccessReason() {
    }

    static String of(String query, String header) {
        String reason = query != null && !query.isBlank() ? query : header;
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException(QUERY, "NotBlank",
                    "Say why you are reading this concern: a 'reason' query parameter or an Access-Reason header");
        }
        String kept = reason.strip();
        if (kept.length() > MAX) {
            throw new InvalidRequestException(QUERY, "Size", "At most " + MAX + " characters");
        }
        return kept;
    }
}
