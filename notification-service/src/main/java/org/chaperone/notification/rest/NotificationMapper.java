package org.chaperone.notification.rest;

import java.util.List;
import org.chaperone.notification.domain.ContactPoint.Addresses;
import org.chaperone.notification.domain.ContactPoint.ContactDetails;
import org.chaperone.notification.domain.SafeguardingRota.Roles;
import org.chaperone.notification.domain.SafeguardingRota.RotaDetails;
import org.chaperone.notification.rest.NotificationApi.ContactPointBody;
import org.chaperone.notification.rest.NotificationApi.ContactPointView;
import org.chaperone.notification.rest.NotificationApi.RotaBody;
import org.chaperone.notification.rest.NotificationApi.RotaView;

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
                body.slt() == null ? List.of() : body.slt(), body.outOfHoursCover());
    }

    static RotaView rota(RotaDetails details, String trustSafeguardingLead) {
        Roles roles = details.roles();
        return new RotaView(details.schoolId(), roles.dsl(), roles.deputyDsls(), roles.headteacher(), roles.slt(),
                roles.outOfHoursCover(), trustSafeguardingLead, details.updatedBy(), details.updatedAt());
    }
}
