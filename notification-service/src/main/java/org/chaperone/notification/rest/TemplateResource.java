package org.chaperone.notification.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;

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
import java.util.List;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.MessageTemplate.Part;
import org.chaperone.notification.rest.NotificationApi.TemplateBody;
import org.chaperone.notification.service.TemplateService;
import org.chaperone.notification.service.TemplateService.TemplateDetails;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A school's own wording of its messages (Qute templates): the letter of each kind ({@code LETTER}: a
 * {@code Subject:} line, a blank line, the text; the HTML e-mail is made from it) and the short text of SMS and app
 * push ({@code SHORT}).
 */
@Path("/api/v1/templates/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Message templates")
public class TemplateResource {

    static final String KIND = "INVITE|INVITE_REVOKED|SESSION_SCHEDULED|SESSION_APPROVAL_REQUESTED|CONSENT_REQUESTED"
            + "|INCIDENT_ALERT|INCIDENT_ESCALATION|SESSION_TERMINATED";
    static final String PART = "LETTER|SHORT";

    @Inject
    TemplateService templates;

    /** The school's own templates. */
    @GET
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, SLT, DSL, DEPUTY_DSL, TRUST_ADMIN})
    public List<TemplateDetails> list(
            @PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId) {
        return templates.list(schoolId);
    }

    /** The template in use for a kind and part: the school's own, or the built-in one. */
    @GET
    @Path("/{kind}/{part}")
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, SLT, DSL, DEPUTY_DSL, TRUST_ADMIN})
    public TemplateDetails get(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("kind") @Pattern(regexp = KIND, message = "One of " + KIND) String kind,
            @PathParam("part") @Pattern(regexp = PART, message = "LETTER or SHORT") String part) {
        return templates.get(schoolId, MessageKind.valueOf(kind), Part.valueOf(part));
    }

    /** Replaces the school's wording; checked first (it must parse, render, and keep what the message is for). */
    @PUT
    @Path("/{kind}/{part}")
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public TemplateDetails put(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("kind") @Pattern(regexp = KIND, message = "One of " + KIND) String kind,
            @PathParam("part") @Pattern(regexp = PART, message = "LETTER or SHORT") String part,
            @Valid @NotNull TemplateBody body) {
        return templates.put(schoolId, MessageKind.valueOf(kind), Part.valueOf(part), body.body());
    }

    /** Back to the built-in wording. */
    @DELETE
    @Path("/{kind}/{part}")
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public void delete(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @PathParam("kind") @Pattern(regexp = KIND, message = "One of " + KIND) String kind,
            @PathParam("part") @Pattern(regexp = PART, message = "LETTER or SHORT") String part) {
        templates.delete(schoolId, MessageKind.valueOf(kind), Part.valueOf(part));
    }
}
