package org.chaperone.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.notification.EscalationReason;
import org.chaperone.events.notification.FailureKind;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.events.scheduling.SessionApprovalRequested;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.events.scheduling.SessionTerminated;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.AlertCase;
import org.chaperone.notification.domain.AlertCase.Step;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.ContactPoint;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.Delivery.Message;
import org.chaperone.notification.domain.DeliveryChannel;
import org.chaperone.notification.domain.DeliveryStatus;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.PersonType;
import org.chaperone.notification.domain.Recipient;
import org.chaperone.notification.domain.RecipientType;
import org.chaperone.notification.domain.SafeguardingRota;
import org.chaperone.notification.domain.SafeguardingRota.Roles;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.notification.repository.ContactPointRepository;
import org.chaperone.notification.repository.DeliveryRepository;
import org.chaperone.notification.repository.RotaRepository;
import org.chaperone.runtime.security.SchoolScope;
import org.jboss.logging.Logger;

/**
 * Turns an event into deliveries: who is told (the guardians an event names, or the holders of a rota role),
 * on which channels, with which template parameters. Runs in the consumer's transaction, with the inbox row, so
 * an event redelivered changes nothing; the unique (event, recipient, channel) keeps each message single anyway.
 * Sending is the {@link DeliverySender}'s job.
 */
@ApplicationScoped
public class DeliveryPlanner {

    private static final Logger LOG = Logger.getLogger(DeliveryPlanner.class);

    @Inject
    ContactPointRepository contacts;
    @Inject
    RotaRepository rotas;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    SecretSeal seal;
    @Inject
    ObjectMapper json;
    @Inject
    NotificationConfig config;
    @Inject
    Instance<DeliveryChannel> channels;
    @Inject
    Event<DeliveriesPlanned> planned;
    @Inject
    DeliveryEvents events;
    @Inject
    StatusCallbacks statusCallbacks;

    /**
     * Plans the messages an event calls for; events that call for none are ignored. Incident alerts are planned by
     * the {@link EscalationService}, which keeps their clock.
     */
    @Transactional
    public void apply(CloudEvent<?> event) {
        Object data = event.data();
        if (data instanceof InviteDispatched invite) {
            invite(event, invite);
        } else if (data instanceof InviteRevoked revoked) {
            inviteRevoked(event, revoked);
        } else if (data instanceof SessionScheduled scheduled) {
            sessionScheduled(event, scheduled);
        } else if (data instanceof SessionApprovalRequested approval) {
            approvalRequested(event, approval);
        } else if (data instanceof ConsentRequested request) {
            consentRequested(event, request);
        } else if (data instanceof SessionTerminated terminated) {
            sessionTerminated(event, terminated);
        }
    }

    /** R10: the link and passcode go to the guardians the event names, and only to them. */
    private void invite(CloudEvent<?> event, InviteDispatched invite) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inviteId", invite.inviteId().toString());
        parameters.put("sessionId", invite.sessionId().toString());
        parameters.put("startsAt", invite.startsAt().toString());
        parameters.put("endsAt", invite.endsAt().toString());
        parameters.put("hosts", invite.hostStaffIds() == null ? 0 : invite.hostStaffIds().size());
        parameters.put("recorded", invite.recorded());
        String sealed = seal.seal(event.id(), Map.of("joinUrl", invite.joinUrl(), "passcode", invite.passcode()));
        Message message = message(event, MessageKind.INVITE, invite.inviteId().toString(), parameters, sealed);
        deliver(message, guardians(invite.guardianIds()));
    }

    private void inviteRevoked(CloudEvent<?> event, InviteRevoked revoked) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("inviteId", revoked.inviteId().toString());
        parameters.put("sessionId", revoked.sessionId().toString());
        parameters.put("reason", revoked.reason() == null ? "" : revoked.reason().name());
        parameters.put("revokedAt", revoked.revokedAt().toString());
        deliver(message(event, MessageKind.INVITE_REVOKED, revoked.inviteId().toString(), parameters, null),
                guardians(revoked.guardianIds()));
    }

    /** R8: SLT are told of every scheduled session. */
    private void sessionScheduled(CloudEvent<?> event, SessionScheduled session) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sessionId", session.sessionId().toString());
        parameters.put("kind", session.kind().name());
        parameters.put("startsAt", session.startsAt().toString());
        parameters.put("endsAt", session.endsAt().toString());
        parameters.put("hosts", session.hostStaffIds().size());
        parameters.put("pupils", session.pupilIds().size());
        parameters.put("recorded", session.recorded());
        parameters.put("approvalRequired", session.approvalRequired());
        parameters.put("link", link("sessions/" + session.sessionId()));
        Optional<Roles> rota = rota(event.schoolId());
        List<Recipient> slt = rota.map(r -> r.slt().stream().map(Recipient::staff).toList()).orElse(List.of());
        deliver(message(event, MessageKind.SESSION_SCHEDULED, session.sessionId().toString(), parameters, null),
                slt.isEmpty() ? List.of(Recipient.unfilled("SLT")) : slt);
    }

    /** R3: the Headteacher or a deputy head approves a one-to-one session; each of them is asked. */
    private void approvalRequested(CloudEvent<?> event, SessionApprovalRequested approval) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sessionId", approval.sessionId().toString());
        parameters.put("startsAt", approval.startsAt().toString());
        parameters.put("endsAt", approval.endsAt().toString());
        parameters.put("link", link("sessions/" + approval.sessionId()));
        List<Recipient> approvers = rota(event.schoolId())
                .map(r -> r.approvers().stream().map(Recipient::staff).toList())
                .orElse(List.of(Recipient.unfilled("HEADTEACHER")));
        deliver(message(event, MessageKind.SESSION_APPROVAL_REQUESTED, approval.sessionId().toString(), parameters,
                null), approvers);
    }

    /** R1: the guardians asked hear who asks, for what, how to answer, and that it is optional. */
    private void consentRequested(CloudEvent<?> event, ConsentRequested request) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("requestId", request.requestId().toString());
        parameters.put("purpose", request.purpose().name());
        parameters.put("scope", request.scope().name());
        parameters.put("recordingPurpose", request.recording() == null ? "" : request.recording().purpose());
        parameters.put("retentionDays", request.recording() == null ? 0 : request.recording().retentionDays());
        parameters.put("expiresAt", request.expiresAt() == null ? "" : request.expiresAt().toString());
        parameters.put("respondBy", request.respondBy() == null ? "" : request.respondBy().toString());
        parameters.put("link", link("consent-requests/" + request.requestId()));
        // One request asks about several pupils, each its own event: the subject is the request and the pupil.
        deliver(message(event, MessageKind.CONSENT_REQUESTED, request.requestId() + "/" + request.pupilId(),
                parameters, null), guardians(request.guardianIds()));
    }

    /**
     * R12: the DSL and deputies at once, on every channel, and out of hours the out-of-hours cover first; R14: a
     * staff-conduct concern goes to the Headteacher and the trust's safeguarding lead instead, and never to the member
     * of staff it concerns. Category and severity only, with a link: never the narrative (the event does not carry
     * it). Returns how many deliveries are pending: none means the alert reached nobody.
     */
    public int incidentAlert(CloudEvent<?> event, IncidentRaised incident, Optional<Roles> rota, boolean outOfHours) {
        Map<String, Object> parameters = incidentParameters(incident.incidentId(), incident.category().name(),
                incident.severity().name(), incident.immediateRisk(), incident.raisedAt());
        parameters.put("outOfHours", outOfHours);
        Set<String> staff = new LinkedHashSet<>();
        List<Recipient> recipients = new ArrayList<>();
        if (incident.routedTo() == IncidentRouting.HEADTEACHER_AND_TRUST_LEAD) {
            rota.ifPresentOrElse(r -> staff.add(r.headteacher()),
                    () -> recipients.add(Recipient.unfilled("HEADTEACHER")));
            staff.add(config.trustSafeguardingLead());
        } else {
            if (outOfHours) {
                rota.flatMap(Roles::outOfHours).ifPresent(staff::add);
            }
            rota.ifPresentOrElse(r -> staff.addAll(r.dslTeam()), () -> recipients.add(Recipient.unfilled("DSL")));
        }
        if (incident.concernsStaffId() != null) {
            staff.remove(incident.concernsStaffId());
        }
        staff.forEach(id -> recipients.add(Recipient.staff(id)));
        return deliver(message(event.schoolId(), event.id(), event.type().name(), MessageKind.INCIDENT_ALERT,
                incident.incidentId().toString(), parameters, null), recipients);
    }

    /**
     * R17: the rung of an escalation step, never the member of staff a concern names. Returns the staff told and how
     * many deliveries are pending (none: the step reached nobody).
     */
    public PlannedStep escalation(AlertCase alert, Step step, EscalationReason reason, Optional<Roles> rota) {
        Map<String, Object> parameters = incidentParameters(alert.incidentId(), alert.category(),
                alert.severity().name(), alert.immediateRisk(), alert.raisedAt());
        parameters.put("step", step.number());
        parameters.put("level", step.level().name());
        parameters.put("reason", reason.name());
        List<Recipient> recipients = new ArrayList<>();
        String staffId = switch (step.level()) {
            case HEADTEACHER -> rota.map(Roles::headteacher).orElse(null);
            case TRUST_SAFEGUARDING_LEAD -> config.trustSafeguardingLead();
        };
        List<String> told = new ArrayList<>();
        if (staffId == null) {
            recipients.add(Recipient.unfilled(step.level().name()));
        } else if (!staffId.equals(alert.concernsStaffId())) {
            recipients.add(Recipient.staff(staffId));
            told.add(staffId);
        }
        String messageId = alert.messageId(step.number());
        int pending = deliver(message(alert.schoolId(), messageId, EventTypes.ALERT_ESCALATED.name(),
                MessageKind.INCIDENT_ESCALATION, alert.incidentId().toString(), parameters, null), recipients);
        return new PlannedStep(told, pending);
    }

    /** The staff an escalation step told, and how many of its deliveries are pending. */
    public record PlannedStep(List<String> staffIds, int pending) {
    }

    private Map<String, Object> incidentParameters(UUID incidentId, String category, String severity,
            boolean immediateRisk, Instant raisedAt) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("incidentId", incidentId.toString());
        parameters.put("category", category);
        parameters.put("severity", severity);
        parameters.put("immediateRisk", immediateRisk);
        parameters.put("raisedAt", raisedAt.toString());
        parameters.put("link", link("incidents/" + incidentId));
        return parameters;
    }

    /** R13: a session ended for everyone after a security breach; the DSL is told. */
    private void sessionTerminated(CloudEvent<?> event, SessionTerminated terminated) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sessionId", terminated.sessionId().toString());
        parameters.put("incidentId", terminated.incidentId() == null ? "" : terminated.incidentId().toString());
        parameters.put("terminatedAt", terminated.terminatedAt().toString());
        parameters.put("link", terminated.incidentId() == null ? link("sessions/" + terminated.sessionId())
                : link("incidents/" + terminated.incidentId()));
        List<Recipient> dsl = rota(event.schoolId()).map(r -> List.of(Recipient.staff(r.dsl())))
                .orElse(List.of(Recipient.unfilled("DSL")));
        deliver(message(event, MessageKind.SESSION_TERMINATED, terminated.sessionId().toString(), parameters, null),
                dsl);
    }

    /**
     * One delivery per recipient and enabled channel of the message's kind where they have an address; a recipient
     * with no address on any of them gets one failed e-mail delivery, so that nobody is silently left out.
     */
    private int deliver(Message message, List<Recipient> recipients) {
        Instant now = Instant.now();
        SchoolScope scope = SchoolScope.of(message.schoolId());
        Set<Channel> enabled = enabledChannels(message.kind());
        Map<PersonType, Map<String, ContactPoint>> known = new LinkedHashMap<>();
        for (PersonType type : PersonType.values()) {
            List<String> ids = recipients.stream()
                    .filter(r -> r.type() != RecipientType.UNFILLED_ROLE && r.type().personType() == type)
                    .map(Recipient::id).distinct().toList();
            known.put(type, contacts.find(message.schoolId(), type, ids, scope).stream()
                    .collect(Collectors.toMap(ContactPoint::personId, Function.identity())));
        }
        int pending = 0;
        List<StatusChange> unreachable = new ArrayList<>();
        for (Recipient recipient : new LinkedHashSet<>(recipients)) {
            List<Delivery> rows = new ArrayList<>();
            if (recipient.type() == RecipientType.UNFILLED_ROLE) {
                rows.add(Delivery.unreachable(message, recipient, Channel.EMAIL,
                        "Nobody holds the role " + recipient.id() + " in the school's safeguarding rota", now));
            } else {
                ContactPoint contact = known.get(recipient.type().personType()).get(recipient.id());
                for (Channel channel : enabled) {
                    if (contact != null && contact.address(channel).isPresent()) {
                        rows.add(Delivery.pending(message, recipient, channel, now));
                    }
                }
                if (rows.isEmpty()) {
                    rows.add(Delivery.unreachable(message, recipient, Channel.EMAIL, contact == null
                            ? "No contact point for this person" : "No address on any channel of this message", now));
                }
            }
            for (Delivery row : rows) {
                if (deliveries.insertIfAbsent(row)) {
                    if (row.status() == DeliveryStatus.FAILED) {
                        unreachable.add(StatusChange.failed(row, StatusChange.FailureReason.UNREACHABLE, now));
                        events.failed(row, FailureKind.UNREACHABLE, now);
                    } else {
                        pending++;
                    }
                }
            }
        }
        if (!unreachable.isEmpty()) {
            statusCallbacks.changed(unreachable);
            LOG.warnf("event %s (%s): %d recipient(s) unreachable, recorded as failed deliveries", message.eventId(),
                    message.kind(), unreachable.size());
        }
        LOG.debugf("event %s (%s): %d deliveries planned", message.eventId(), message.kind(), pending);
        if (pending > 0) {
            planned.fire(new DeliveriesPlanned(message.eventId(), pending));
        }
        return pending;
    }

    private Set<Channel> enabledChannels(MessageKind kind) {
        Set<Channel> enabled = EnumSet.noneOf(Channel.class);
        for (DeliveryChannel channel : channels) {
            if (channel.enabled() && kind.channels().contains(channel.channel())) {
                enabled.add(channel.channel());
            }
        }
        return enabled;
    }

    private Optional<Roles> rota(String schoolId) {
        return rotas.find(schoolId, SchoolScope.of(schoolId)).map(SafeguardingRota::roles);
    }

    private static List<Recipient> guardians(List<UUID> guardianIds) {
        return guardianIds == null ? List.of() : guardianIds.stream().map(Recipient::guardian).toList();
    }

    private String link(String path) {
        String base = config.appBaseUrl();
        return base.endsWith("/") ? base + path : base + "/" + path;
    }

    private Message message(CloudEvent<?> event, MessageKind kind, String subjectId, Map<String, Object> parameters,
            String sealedSecrets) {
        return message(event.schoolId(), event.id(), event.type().name(), kind, subjectId, parameters, sealedSecrets);
    }

    private Message message(String schoolId, String messageId, String eventType, MessageKind kind, String subjectId,
            Map<String, Object> parameters, String sealedSecrets) {
        parameters.put("schoolId", schoolId);
        try {
            return new Message(schoolId, messageId, eventType, kind, subjectId, json.writeValueAsString(parameters),
                    sealedSecrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template parameters cannot be written", e);
        }
    }
}
