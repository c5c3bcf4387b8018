package org.chaperone.notification.rest;

import static org.chaperone.runtime.security.Roles.SCHOOL_APP;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.chaperone.notification.domain.PersonType;
import org.chaperone.notification.rest.NotificationApi.ContactPointBody;
import org.chaperone.notification.rest.NotificationApi.ContactPointView;
import org.chaperone.notification.service.ContactPointService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Contact points of guardians and staff, kept by the school app from the MIS. Only the school app reads them back:
 * contact details leave this service in nothing else but the messages themselves.
 */
@Path("/api/v1/contact-points/{schoolId}/{personType}/{personId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contact points")
public class ContactPointResource {

    @Inject
    ContactPointService contacts;

    /** Creates or replaces the person's contact point. */
    @PUT
    @RolesAllowed(SCHOOL_APP)
    public ContactPointView put(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("personType") @Pattern(regexp = NotificationApi.PERSON_TYPE,
                    message = "GUARDIAN or STAFF") String personType,
            @PathParam("personId") @Pattern(regexp = NotificationApi.STAFF_ID) String personId,
            @Valid @NotNull ContactPointBody body) {
        return NotificationMapper.contactPoint(contacts.put(schoolId, PersonType.valueOf(personType), personId,
                NotificationMapper.addresses(body)));
    }

    @GET
    @RolesAllowed(SCHOOL_APP)
    public ContactPointView get(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("personType") @Pattern(regexp = NotificationApi.PERSON_TYPE,
                    message = "GUARDIAN or STAFF") String personType,
            @PathParam("personId") @Pattern(regexp = NotificationApi.STAFF_ID) String personId) {
        return NotificationMapper.contactPoint(contacts.get(schoolId, PersonType.valueOf(personType), personId));
    }

    /** Erases the person's contact point: they left the school, or their details must be forgotten. */
    @DELETE
    @RolesAllowed(SCHOOL_APP)
    public void erase(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("personType") @Pattern(regexp = NotificationApi.PERSON_TYPE,
                    message = "GUARDIAN or STAFF") String personType,
            @PathParam("personId") @Pattern(regexp = NotificationApi.STAFF_ID) String personId) {
        contacts.erase(schoolId, PersonType.valueOf(personType), personId);
    }
}
