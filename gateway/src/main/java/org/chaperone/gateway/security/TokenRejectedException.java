package org.chaperone.gateway.security;

/** A token that is missing, malformed, expired or not trusted; the message is safe to show the caller. */
public final class TokenRejectedException extends RuntimeException {

    public TokenRejectedException(String message) {
        super(message, null, false, false);
    }
}
