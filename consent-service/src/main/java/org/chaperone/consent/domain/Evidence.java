package org.chaperone.consent.domain;

import java.time.Instant;

/**
 * How a decision that did not come through the parent app reached the school: the channel, a reference such
 * as the email's Message-ID or the form's number, when it was received, and the SHA-256 of its text. The text
 * itself is not kept: the hash proves which text the decision rests on without holding a copy.
 */
public record Evidence(Channel channel, String reference, Instant receivedAt, String sha256) {
}
