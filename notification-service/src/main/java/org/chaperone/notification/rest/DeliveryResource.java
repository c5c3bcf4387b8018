package org.chaperone.notification.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.chaperone.notification.domain.DeliveryStatus;
import org.chaperone.notification.service.DeliveryStatusService;
import org.chaperone.notification.service.DeliveryStatusService.DeliveryRecord;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The delivery status of a school's invites and alerts, newest first: whom (by id), on which channel, with what
 * outcome. Never an address and never a message's content.
 */
@Path("/api/v1/deliveries/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
public class DeliveryResource {

    @Inject
    DeliveryStatusService deliveries;

    @GET
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, DSL, DEPUTY_DSL, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public List<DeliveryRecord> list(
            @PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @QueryParam("eventId") @Size(min = 1, max = 200) String eventId,
            @QueryParam("status") @Pattern(regexp = "PENDING|SENT|FAILED", message = "PENDING, SENT or FAILED")
            String status,
            @QueryParam("limit") @DefaultValue("100")
            @Pattern(regexp = "[1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500", message = "A whole number from 1 to 500")
            String limit) {
        return deliveries.forSchool(schoolId, eventId, status == null ? null : DeliveryStatus.valueOf(status),
                Integer.parseInt(limit));
    }
}
