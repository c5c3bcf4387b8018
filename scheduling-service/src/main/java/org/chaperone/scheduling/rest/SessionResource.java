package org.chaperone.scheduling.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.STAFF;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.chaperone.runtime.idempotency.IdempotentRequests;
import org.chaperone.runtime.problem.QueryParameters;
import org.chaperone.runtime.security.Caller;
import org.chaperone.scheduling.domain.Session.SessionPlan;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.scheduling.rest.SchedulingApi.ApprovalBody;
import org.chaperone.scheduling.rest.SchedulingApi.DispatchView;
import org.chaperone.scheduling.rest.SchedulingApi.RescheduleBody;
import org.chaperone.scheduling.rest.SchedulingApi.SessionBody;
import org.chaperone.scheduling.rest.SchedulingApi.SessionView;
import org.chaperone.scheduling.service.SessionCommands;
import org.chaperone.scheduling.service.SessionService;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sessions: scheduled against the school's policy, approved when one-to-one, invites gated by consent. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    @Inject
    SessionService sessions;
    @Inject
    IdempotentRequests idempotency;
    @Inject
    Caller caller;

    /** Checked against R2–R7 and R9; every broken rule comes back at once in one 422. */
    @POST
    @Path("/sessions")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response schedule(@Valid @NotNull SessionBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/sessions", body, 201, () -> {
            var view = sessions.schedule(body.schoolId(), new SessionPlan(body.kind(), body.title().strip(),
                    body.startsAt(), body.endsAt(), body.hostStaffIds(), body.pupilIds(),
                    Boolean.TRUE.equals(body.recorded()), SchedulingMapper.meeting(body.meeting())));
            return SchedulingMapper.session(view.session(), view.participants());
        });
    }

    @GET
    @Path("/sessions/{sessionId}")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public SessionView session(@PathParam("sessionId") UUID sessionId) {
        var view = sessions.session(new SessionId(sessionId));
        return SchedulingMapper.session(view.session(), view.participants());
    }

    @GET
    @Path("/sessions")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public List<SessionView> sessions(@QueryParam("schoolId") @NotBlank String schoolId,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return sessions.sessions(schoolId, QueryParameters.instant("from", from), QueryParameters.instant("to", to))
                .stream().map(s -> SchedulingMapper.session(s, null)).toList();
    }

    /** The Headteacher (or deputy head, who holds the same role) approves or declines a one-to-one (R3). */
    @POST
    @Path("/sessions/{sessionId}/approval")
    @RolesAllowed(HEADTEACHER)
    public SessionView decideApproval(@PathParam("sessionId") UUID sessionId, @Valid @NotNull ApprovalBody body) {
        var view = sessions.decideApproval(new SessionId(sessionId),
                body.decision() == SchedulingApi.ApprovalDecision.APPROVED, body.reason());
        return SchedulingMapper.session(view.session(), view.participants());
    }

    @PUT
    @Path("/sessions/{sessionId}/schedule")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public SessionView reschedule(@PathParam("sessionId") UUID sessionId, @Valid @NotNull RescheduleBody body) {
        var view = sessions.reschedule(new SessionId(sessionId),
                new SessionCommands.Reschedule(body.startsAt(), body.endsAt()));
        return SchedulingMapper.session(view.session(), view.participants());
    }

    @POST
    @Path("/sessions/{sessionId}/cancellation")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public SessionView cancel(@PathParam("sessionId") UUID sessionId) {
        var view = sessions.cancel(new SessionId(sessionId));
        return SchedulingMapper.session(view.session(), view.participants());
    }

    /** Sends each consenting pupil's guardians the invite; blocks the rest, saying why (R1, R2, R3, R10). */
    @POST
    @Path("/sessions/{sessionId}/invites")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public DispatchView dispatch(@PathParam("sessionId") UUID sessionId) {
        var report = sessions.dispatch(new SessionId(sessionId));
        return new DispatchView(sessionId, report.session().recorded(), report.recordingDropped(),
                SchedulingMapper.participants(report.invited()), SchedulingMapper.participants(report.blocked()));
    }
}
