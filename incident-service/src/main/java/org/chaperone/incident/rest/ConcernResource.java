package org.chaperone.incident.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.PARENT;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.STAFF;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.domain.IncidentStatus;
import org.chaperone.incident.rest.IncidentApi.ActionBody;
import org.chaperone.incident.rest.IncidentApi.ChangeView;
import org.chaperone.incident.rest.IncidentApi.ChronologyView;
import org.chaperone.incident.rest.IncidentApi.CloseBody;
import org.chaperone.incident.rest.IncidentApi.ConcernSummaryView;
import org.chaperone.incident.rest.IncidentApi.ConcernView;
import org.chaperone.incident.rest.IncidentApi.LinkConcernBody;
import org.chaperone.incident.rest.IncidentApi.LinkPupilBody;
import org.chaperone.incident.rest.IncidentApi.RaiseBody;
import org.chaperone.incident.rest.IncidentApi.ReceiptView;
import org.chaperone.incident.rest.IncidentApi.ReopenBody;
import org.chaperone.incident.rest.IncidentApi.RiskBody;
import org.chaperone.incident.rest.IncidentApi.VerificationView;
import org.chaperone.incident.service.IncidentCommands.AssessRisk;
import org.chaperone.incident.service.IncidentCommands.Close;
import org.chaperone.incident.service.IncidentCommands.LinkConcern;
import org.chaperone.incident.service.IncidentCommands.LinkPupil;
import org.chaperone.incident.service.IncidentCommands.QueueQuery;
import org.chaperone.incident.service.IncidentCommands.RaiseConcern;
import org.chaperone.incident.service.IncidentCommands.RecordAction;
import org.chaperone.incident.service.IncidentCommands.Reopen;
import org.chaperone.incident.service.IncidentService;
import org.chaperone.runtime.idempotency.IdempotentRequests;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.security.Caller;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Safeguarding concerns: any member of staff (and a parent, about a member of staff) raises one and sees its receipt;
 * the school's DSL team, or for staff conduct the Headteacher, and the trust safeguarding lead see and handle it.
 * Whether a caller may see a particular concern is decided in the service; one they may not see answers 404.
 */
@Path("/api/v1/concerns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Concerns")
public class ConcernResource {

    @Inject
    IncidentService incidents;
    @Inject
    IdempotentRequests idempotency;
    @Inject
    Caller caller;

    /** Raise a concern (R12; R14 for a parent). Answers at once with a receipt; immediate risk advises a police call. */
    @POST
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, PARENT})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response raise(@Valid @NotNull RaiseBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/concerns", body, 201, () ->
                IncidentMapper.receipt(incidents.raise(new RaiseConcern(body.schoolId(), body.category(),
                        body.whatHappened(), body.occurredAt(), body.pupilIds() == null ? List.of() : body.pupilIds(),
                        body.sessionId(), body.immediateRisk(), blankToNull(body.actionsTaken()),
                        body.concernsStaffId(),
                        body.pupilDatesOfBirth() == null ? Map.of() : body.pupilDatesOfBirth()))));
    }

    /** The raiser's receipt and the concern's status; for anyone else the concern does not exist. */
    @GET
    @Path("/{incidentId}/receipt")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, PARENT})
    public ReceiptView receipt(@PathParam("incidentId") UUID incidentId) {
        return IncidentMapper.receipt(incidents.receipt(new IncidentId(incidentId)));
    }

    /** The concerns of a school the caller handles, immediate risk first. Each listed concern is audited. */
    @GET
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public List<ConcernSummaryView> queue(@QueryParam("schoolId") @NotBlank String schoolId,
            @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(100) int limit,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        String why = AccessReason.of(reason, reasonHeader);
        return incidents.queue(new QueueQuery(schoolId, status(status), offset, limit, why)).stream()
                .map(IncidentMapper::summary).toList();
    }

    @GET
    @Path("/{incidentId}")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public ConcernView concern(@PathParam("incidentId") UUID incidentId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        return IncidentMapper.concern(incidents.concern(new IncidentId(incidentId),
                AccessReason.of(reason, reasonHeader)));
    }

    /** Every entry, oldest first, each with the hash of the one before it (R15). */
    @GET
    @Path("/{incidentId}/chronology")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public ChronologyView chronology(@PathParam("incidentId") UUID incidentId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        return new ChronologyView(incidentId, incidents.chronology(new IncidentId(incidentId),
                AccessReason.of(reason, reasonHeader)).stream().map(IncidentMapper::entry).toList());
    }

    /** Recomputes the chronology's hash chain; names the first entry that breaks it. */
    @GET
    @Path("/{incidentId}/chronology/verification")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public VerificationView verify(@PathParam("incidentId") UUID incidentId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        return IncidentMapper.verification(incidents.verify(new IncidentId(incidentId),
                AccessReason.of(reason, reasonHeader)));
    }

    /** Stops the alert escalation. Acknowledging again changes nothing ({@code entry} is then absent). */
    @POST
    @Path("/{incidentId}/acknowledgement")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public ChangeView acknowledge(@PathParam("incidentId") UUID incidentId) {
        return IncidentMapper.change(incidents.acknowledge(new IncidentId(incidentId)));
    }

    /** Sets or changes the risk level, with its rationale (422 R15 without one). */
    @POST
    @Path("/{incidentId}/risk-assessments")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response assessRisk(@PathParam("incidentId") UUID incidentId, @Valid @NotNull RiskBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/risk-assessments", body, 201, () -> IncidentMapper.change(
                        incidents.assessRisk(new IncidentId(incidentId),
                                new AssessRisk(body.severity(), body.rationale()))));
    }

    /** Records an action taken, with who (the caller), when and why (422 R15 without a reason). */
    @POST
    @Path("/{incidentId}/actions")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response recordAction(@PathParam("incidentId") UUID incidentId, @Valid @NotNull ActionBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/actions", body, 201, () -> IncidentMapper.change(
                        incidents.recordAction(new IncidentId(incidentId),
                                new RecordAction(body.action(), body.takenAt(), body.reason()))));
    }

    /** Closes with an outcome and its rationale (422 R15 without one). */
    @POST
    @Path("/{incidentId}/closure")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public Response close(@PathParam("incidentId") UUID incidentId, @Valid @NotNull CloseBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/closure", body, 200, () -> IncidentMapper.change(
                        incidents.close(new IncidentId(incidentId), new Close(body.outcome(), body.rationale()))));
    }

    /** Reopens a closed concern, with the reason (422 R15 without one). */
    @POST
    @Path("/{incidentId}/reopening")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    public Response reopen(@PathParam("incidentId") UUID incidentId, @Valid @NotNull ReopenBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/reopening", body, 200, () -> IncidentMapper.change(
                        incidents.reopen(new IncidentId(incidentId), new Reopen(body.reason()))));
    }

    /** Links another concern of the same school, with the reason (422 R15 without one); 409 if already linked. */
    @POST
    @Path("/{incidentId}/linked-concerns")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response linkConcern(@PathParam("incidentId") UUID incidentId, @Valid @NotNull LinkConcernBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/linked-concerns", body, 201, () -> IncidentMapper.change(
                        incidents.linkConcern(new IncidentId(incidentId),
                                new LinkConcern(new IncidentId(body.concernId()), body.reason()))));
    }

    /**
     * Links a pupil known in the same school (their date of birth recorded here, or in a concern the caller may see),
     * with the reason (422 R15 without one): the concern joins the pupil's chronology and file.
     */
    @POST
    @Path("/{incidentId}/linked-pupils")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response linkPupil(@PathParam("incidentId") UUID incidentId, @Valid @NotNull LinkPupilBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey,
                "POST /api/v1/concerns/" + incidentId + "/linked-pupils", body, 201, () -> IncidentMapper.change(
                        incidents.linkPupil(new IncidentId(incidentId), new LinkPupil(body.pupilId(), body.reason()))));
    }

    private static IncidentStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "Type",
                    "Must be one of " + java.util.Arrays.toString(IncidentStatus.values()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
