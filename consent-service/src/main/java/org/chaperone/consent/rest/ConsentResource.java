package org.chaperone.consent.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.OFFICE;
import static org.chaperone.runtime.security.Roles.PARENT;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.STAFF;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.chaperone.consent.domain.ConsentId;
import org.chaperone.consent.domain.ConsentRequestId;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.consent.rest.ConsentApi.ConsentRequestBody;
import org.chaperone.consent.rest.ConsentApi.ConsentRequestView;
import org.chaperone.consent.rest.ConsentApi.DecisionBody;
import org.chaperone.consent.rest.ConsentApi.EvidenceBody;
import org.chaperone.consent.rest.ConsentApi.HistoryView;
import org.chaperone.consent.rest.ConsentApi.PendingRequestView;
import org.chaperone.consent.rest.ConsentApi.StatusQueryBody;
import org.chaperone.consent.rest.ConsentApi.StatusView;
import org.chaperone.consent.rest.ConsentApi.WithdrawalBody;
import org.chaperone.consent.service.ConsentCommands.Decide;
import org.chaperone.consent.service.ConsentCommands.EvidenceInput;
import org.chaperone.consent.service.ConsentCommands.RequestConsent;
import org.chaperone.consent.service.ConsentCommands.RequestSent;
import org.chaperone.consent.service.ConsentCommands.StatusQuery;
import org.chaperone.consent.service.ConsentCommands.Withdraw;
import org.chaperone.consent.service.ConsentService;
import org.chaperone.runtime.idempotency.IdempotentRequests;
import org.chaperone.runtime.security.Caller;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Consent requests, decisions (from the parent app, or recorded by the office with evidence), history, status. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
public class ConsentResource {

    @Inject
    ConsentService consents;
    @Inject
    IdempotentRequests idempotency;
    @Inject
    Caller caller;

    @POST
    @Path("/consent-requests")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response request(@Valid @NotNull ConsentRequestBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/consent-requests", body, 201, () -> {
            RequestSent sent = consents.request(new RequestConsent(body.schoolId(),
                    new ConsentTerms(body.purpose(), body.scope(), body.sessionId(),
                            ApiMapper.recordingTerms(body.recording()), body.expiresAt()),
                    ApiMapper.pupilIds(body.pupilIds()), body.respondBy()));
            return ApiMapper.request(sent.request(), sent);
        });
    }

    @GET
    @Path("/consent-requests/{requestId}")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public ConsentRequestView requestDetails(@PathParam("requestId") UUID requestId) {
        return ApiMapper.request(consents.requestDetails(new ConsentRequestId(requestId)), null);
    }

    /** A parent's requests still to answer, for each of their children. */
    @GET
    @Path("/consent-requests/pending")
    @RolesAllowed(PARENT)
    public List<PendingRequestView> pending() {
        return consents.pendingForParent().stream().map(ApiMapper::pending).toList();
    }

    @POST
    @Path("/consents")
    @RolesAllowed({PARENT, OFFICE})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response decide(@Valid @NotNull DecisionBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/consents", body, 201, () ->
                ApiMapper.decision(consents.decide(new Decide(new PupilId(body.pupilId()),
                        body.guardianId() == null ? null : new GuardianId(body.guardianId()),
                        new ConsentTerms(body.purpose(), body.scope(), body.sessionId(),
                                ApiMapper.recordingTerms(body.recording()), body.expiresAt()),
                        body.decision() == ConsentApi.Answer.GRANTED,
                        body.requestId() == null ? null : new ConsentRequestId(body.requestId()),
                        evidence(body.evidence())))));
    }

    /** Withdrawing is as easy as granting: one call, no body needed from the parent app. */
    @POST
    @Path("/consents/{consentId}/withdrawal")
    @RolesAllowed({PARENT, OFFICE})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response withdraw(@PathParam("consentId") UUID consentId, @Valid WithdrawalBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        EvidenceBody evidence = body == null ? null : body.evidence();
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/consents/" + consentId
                + "/withdrawal", body, 201, () -> ApiMapper.decision(
                        consents.withdraw(new ConsentId(consentId), new Withdraw(evidence(evidence)))));
    }

    @GET
    @Path("/pupils/{pupilId}/consents")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, PARENT})
    public HistoryView history(@PathParam("pupilId") UUID pupilId) {
        var history = consents.history(new PupilId(pupilId));
        return new HistoryView(history.pupil().value(), history.decisions().stream().map(ApiMapper::decision).toList());
    }

    /** Current status of up to 500 pupils for one purpose (and optionally one session), in one call. */
    @POST
    @Path("/consent-status")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP})
    public StatusView status(@Valid @NotNull StatusQueryBody body) {
        var statuses = consents.status(new StatusQuery(body.schoolId(), body.purpose(), body.sessionId(),
                ApiMapper.pupilIds(body.pupilIds())));
        return new StatusView(body.schoolId(), body.purpose(), body.sessionId(),
                statuses.stream().map(ApiMapper::status).toList());
    }

    private static EvidenceInput evidence(EvidenceBody body) {
        return body == null ? null : new EvidenceInput(body.channel(), body.reference().strip(), body.receivedAt(),
                body.text());
    }
}
