package org.chaperone.gateway.security;

/** Who a verified token speaks for, and until when it may be trusted. */
public record VerifiedCaller(String subject, long trustedUntilMillis) {
}
