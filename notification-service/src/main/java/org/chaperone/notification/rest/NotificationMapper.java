package org.chaperone.notification.rest;

import java.util.List;
import org.chaperone.notification.domain.ContactPoint.Addresses;
import org.chaperone.notification.domain.ContactPoint.ContactDetails;
import org.chaperone.notification.domain.EscalationPolicy;
import org.chaperone.notification.domain.SafeguardingRota.Roles;
import org.chaperone.notification.domain.SafeguardingRota.RotaDetails;
import org.chaperone.notification.domain.StatusWebhook.WebhookDetails;
import org.chaperone.notification.rest.NotificationApi.ContactPointBody;
import org.chaperone.notification.rest.NotificationApi.ContactPointView;
import org.chaperone.notification.rest.NotificationApi.EscalationBody;
import org.chaperone.notification.rest.NotificationApi.EscalationView;
import org.chaperone.notification.rest.NotificationApi.RotaBody;
import org.chaperone.notification.rest.NotificationApi.RotaView;
import org.chaperone.notification.rest.NotificationApi.StatusWebhookView;

/** API records to and from the use cases' values. */
final class NotificationMapper {

    private NotificationMapper() {
    }

    static Addresses addresses(ContactPointBody body) {
        return new Addresses(body.email(), body.mobile(), body.appWebhookUrl());
    }

    static ContactPointView contactPoint(ContactDetails details) {
        return new ContactPointView(details.schoolId(), details.personType(), details.personId(),
                details.addresses().email(), details.addresses().mobile(), details.addresses().appWebhookUrl(),
                details.updatedAt());
    }

    static Roles roles(RotaBody body) {
        return new Roles(body.dsl(), body.deputyDsls() == null ? List.of() : body.deputyDsls(), body.headteacher(),
                body.deputyHeadteachers() == null ? List.of() : body.deputyHeadteachers(),
                body.slt() == null ? List.of() : body.slt(), body.outOfHoursCover());
    }

    /** The body's clock, each setting left out taken from the trust's default. */
    static EscalationPolicy escalation(RotaBody body) {
        EscalationBody e = body.escalation();
        EscalationPolicy d = EscalationPolicy.DEFAULT;
        if (e == null) {
            return d;
        }
        return new EscalationPolicy(or(e.afterLow(), d.low()), or(e.afterMedium(), d.medium()),
                or(e.afterHigh(), d.high()), or(e.afterCritical(), d.critical()),
                or(e.afterImmediateRisk(), d.immediateRisk()), or(e.schoolDays(), d.schoolDays()),
                or(e.schoolDayStarts(), d.dayStarts()), or(e.schoolDayEnds(), d.dayEnds()));
    }

    static RotaView rota(RotaDetails details, String trustSafeguardingLead) {
        Roles roles = details.roles();
        EscalationPolicy e = details.escalation();
        EscalationView escalation = new EscalationView(e.low(), e.medium(), e.high(), e.critical(), e.immediateRisk(),
                e.schoolDays().stream().sorted().toList(), e.dayStarts(), e.dayEnds());
        return new RotaView(details.schoolId(), roles.dsl(), roles.deputyDsls(), roles.headteacher(),
                roles.deputyHeadteachers(), roles.slt(),
                roles.outOfHoursCover(), trustSafeguardingLead, escalation, details.updatedBy(),
                details.updatedAt());
    }

    static StatusWebhookView webhook(WebhookDetails details, String secret) {
        return new StatusWebhookView(details.schoolId(), details.url().toString(), secret, details.secretCreatedAt(),
                details.createdBy(), details.createdAt(), details.updatedBy(), details.updatedAt());
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
