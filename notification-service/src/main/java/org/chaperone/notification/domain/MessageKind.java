package org.chaperone.notification.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Each kind of message, its template and the channels it goes out on. A safeguarding alert goes out on every
 * channel the recipient has (R12); the rest by e-mail.
 */
public enum MessageKind {
    /** R10: link, passcode, time and the rules of participation, to the consenting guardians only. */
    INVITE("invite", EnumSet.of(Channel.EMAIL)),
    /** The link of an invite no longer works. */
    INVITE_REVOKED("invite-revoked", EnumSet.of(Channel.EMAIL)),
    /** R8: SLT are told of every scheduled session. */
    SESSION_SCHEDULED("session-scheduled", EnumSet.of(Channel.EMAIL)),
    /** R3: a one-to-one session waits for the Headteacher's approval. */
    SESSION_APPROVAL_REQUESTED("session-approval-requested", EnumSet.of(Channel.EMAIL)),
    /** R1: who asks, for what, how to answer, and that it is optional. */
    CONSENT_REQUESTED("consent-requested", EnumSet.of(Channel.EMAIL)),
    /** R12: a concern of a category and severity was raised; never its narrative. */
    INCIDENT_ALERT("incident-alert", EnumSet.allOf(Channel.class)),
    /** R13: a session was ended for everyone after a security breach. */
    SESSION_TERMINATED("session-terminated", EnumSet.allOf(Channel.class));

    private final String template;
    private final Set<Channel> channels;

    MessageKind(String template, Set<Channel> channels) {
        this.template = template;
        this.channels = channels;
    }

    /** The template's name, e.g. {@code invite} for {@code templates/mail/invite.txt}. */
    public String template() {
        return template;
    }

    public Set<Channel> channels() {
        return channels;
    }
}
