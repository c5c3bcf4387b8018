package org.chaperone.notification.rest;

import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.chaperone.notification.domain.StatusCallback.CallbackState;
import org.chaperone.notification.rest.NotificationApi.StatusWebhookBody;
import org.chaperone.notification.rest.NotificationApi.StatusWebhookView;
import org.chaperone.notification.service.StatusWebhookService;
import org.chaperone.notification.service.StatusWebhookService.CallbackRecord;
import org.chaperone.notification.service.StatusWebhookService.Registered;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A school app's webhook for the status of every delivery of the school: each change (sent, retry scheduled,
 * failed) is posted to it as a signed JSON callback carrying ids only. Kept by those who keep the school's rota: the
 * school app, the Headteacher and the trust admin.
 */
@Path("/api/v1/deliveries/{schoolId}/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Delivery status webhook")
public class StatusWebhookResource {

    @Inject
    StatusWebhookService webhooks;

    /**
     * Registers the school's status webhook (201, with its signing secret, shown this once) or points the existing
     * one at a new URL (200; the secret stays).
     */
    @PUT
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    @APIResponse(responseCode = "201", description = "Registered, with its signing secret shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StatusWebhookView.class)))
    @APIResponse(responseCode = "200", description = "Pointed at the new URL; the secret stays and is not shown")
    public RestResponse<StatusWebhookView> put(
            @PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @Valid @NotNull StatusWebhookBody body) {
        Registered registered = webhooks.put(schoolId, body.url());
        StatusWebhookView view = NotificationMapper.webhook(registered.webhook(), registered.secret());
        return registered.created() ? RestResponse.status(RestResponse.Status.CREATED, view) : RestResponse.ok(view);
    }

    /** The school's status webhook; never its secret. */
    @GET
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public StatusWebhookView get(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId) {
        return NotificationMapper.webhook(webhooks.get(schoolId), null);
    }

    /** Removes the school's status webhook; callbacks still waiting are dropped. */
    @DELETE
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public void delete(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId) {
        webhooks.delete(schoolId);
    }

    /** A new signing secret, shown this once; callbacks not yet posted are signed with it. */
    @POST
    @Path("/secret")
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public StatusWebhookView rotateSecret(
            @PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId) {
        Registered rotated = webhooks.rotateSecret(schoolId);
        return NotificationMapper.webhook(rotated.webhook(), rotated.secret());
    }

    /** The school's status callbacks, newest first; {@code status=DEAD} lists the dead letters. */
    @GET
    @Path("/callbacks")
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public List<CallbackRecord> callbacks(
            @PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @QueryParam("status") @Pattern(regexp = "PENDING|SENT|DEAD", message = "PENDING, SENT or DEAD")
            String status,
            @QueryParam("limit") @DefaultValue("100")
            @Pattern(regexp = "[1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500", message = "A whole number from 1 to 500")
            String limit) {
        return webhooks.callbacks(schoolId, status == null ? null : CallbackState.valueOf(status), Integer.parseInt(limit));
    }
}
