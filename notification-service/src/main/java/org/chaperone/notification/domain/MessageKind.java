package org.chaperone.notification.domain;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** R3: a one-to-one session waits for the approval of the Headteacher or a deputy head. */
    SESSION_APPROVAL_REQUESTED("session-approval-requested", EnumSet.of(Channel.EMAIL)),
    /** R1: who asks, for what, how to answer, and that it is optional. */
    CONSENT_REQUESTED("consent-requested", EnumSet.of(Channel.EMAIL)),
    /** R12: a concern of a category and severity was raised; never its narrative. */
    INCIDENT_ALERT("incident-alert", EnumSet.allOf(Channel.class)),
    /** R17: nobody acknowledged an alert in the school's window, or it reached nobody; the next rung is told. */
    INCIDENT_ESCALATION("incident-escalation", EnumSet.allOf(Channel.class)),
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

    /** Safeguarding messages go before everything else waiting (0); the rest in turn (1). */
    public int priority() {
        return this == INCIDENT_ALERT || this == INCIDENT_ESCALATION || this == SESSION_TERMINATED ? 0 : 1;
    }

    /**
     * What a school's own template of this kind must keep: an invite its link, passcode and the rules of
     * participation (R10, given as {@code {rules}}); an alert or escalation its link (and never more than the
     * parameters carry, which is never the narrative).
     */
    public List<String> requiredInTemplate(boolean letter) {
        return switch (this) {
            case INVITE -> letter ? List.of("{joinUrl}", "{passcode}", "{rules}") : List.of("{joinUrl}");
            case INCIDENT_ALERT, INCIDENT_ESCALATION, CONSENT_REQUESTED -> List.of("{link}");
            default -> List.of();
        };
    }

    /** Parameters like those a message of this kind carries, to try a school's template on before it is saved. */
    public Map<String, Object> sampleParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schoolId", "sample-school");
        String at = "2026-09-15T13:00:00Z";
        String id = "00000000-0000-4000-8000-000000000000";
        switch (this) {
            case INVITE -> {
                p.put("inviteId", id);
                p.put("sessionId", id);
                p.put("startsAt", at);
                p.put("endsAt", at);
                p.put("hosts", 2);
                p.put("recorded", false);
                p.put("rules", "RULES OF PARTICIPATION");
            }
            case INVITE_REVOKED -> {
                p.put("inviteId", id);
                p.put("sessionId", id);
                p.put("reason", "SESSION_CANCELLED");
                p.put("revokedAt", at);
            }
            case SESSION_SCHEDULED -> {
                p.put("sessionId", id);
                p.put("kind", "GROUP");
                p.put("startsAt", at);
                p.put("endsAt", at);
                p.put("hosts", 2);
                p.put("pupils", 30);
                p.put("recorded", false);
                p.put("approvalRequired", false);
                p.put("link", "https://app.example/sessions/" + id);
            }
            case SESSION_APPROVAL_REQUESTED -> {
                p.put("sessionId", id);
                p.put("startsAt", at);
                p.put("endsAt", at);
                p.put("link", "https://app.example/sessions/" + id);
            }
            case CONSENT_REQUESTED -> {
                p.put("requestId", id);
                p.put("purpose", "LIVE_VIDEO");
                p.put("scope", "STANDING");
                p.put("recordingPurpose", "");
                p.put("retentionDays", 0);
                p.put("expiresAt", at);
                p.put("respondBy", at);
                p.put("link", "https://app.example/consent-requests/" + id);
            }
            case INCIDENT_ALERT, INCIDENT_ESCALATION -> {
                p.put("incidentId", id);
                p.put("category", "DISCLOSURE");
                p.put("severity", "HIGH");
                p.put("immediateRisk", false);
                p.put("raisedAt", at);
                p.put("link", "https://app.example/incidents/" + id);
                p.put("outOfHours", false);
                p.put("step", 1);
                p.put("level", "HEADTEACHER");
                p.put("reason", "NOT_ACKNOWLEDGED");
            }
            case SESSION_TERMINATED -> {
                p.put("sessionId", id);
                p.put("incidentId", id);
                p.put("terminatedAt", at);
                p.put("link", "https://app.example/incidents/" + id);
            }
        }
        return p;
    }
}
