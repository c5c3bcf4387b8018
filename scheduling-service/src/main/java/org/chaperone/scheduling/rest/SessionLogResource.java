package org.chaperone.scheduling.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.OFFICE;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.STAFF;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.scheduling.domain.Attendance;
import org.chaperone.scheduling.domain.FollowUp;
import org.chaperone.scheduling.domain.SessionId;
import org.chaperone.scheduling.service.SessionLogService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The session log (R11): start, end, what went wrong, attendance, and follow-ups of pupils who did not join. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Session log")
public class SessionLogResource {

    @Inject
    SessionLogService logs;

    public record StartBody(@NotEmpty @Size(max = 10) List<@NotBlank String> staffPresentIds) {
    }

    public record EndBody(@Size(max = 4000) String whatWentWrong) {
    }

    public record AttendanceEntryBody(@NotNull UUID pupilId, @NotNull Attendance.Status status, Instant joinedAt,
            Instant leftAt, @Size(max = 1000) String note) {
    }

    public record AttendanceBody(@NotEmpty @Size(max = 60) List<@NotNull @Valid AttendanceEntryBody> records) {
    }

    public record LogView(UUID sessionId, Instant plannedStart, Instant plannedEnd, Instant startedAt,
            Instant endedAt, List<String> hosts, List<String> staffPresent, String whatWentWrong,
            UUID terminatedByIncident, List<AttendanceEntryBody> attendance, List<UUID> attendanceNotRecorded) {
    }

    public record OutcomeBody(@NotBlank @Size(max = 2000) String outcome) {
    }

    public record FollowUpView(UUID id, UUID sessionId, String schoolId, UUID pupilId, Instant raisedAt,
            String outcome, String closedBy, Instant closedAt) {
    }

    @POST
    @Path("/sessions/{sessionId}/start")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public LogView start(@PathParam("sessionId") UUID sessionId, @Valid @NotNull StartBody body) {
        logs.start(new SessionId(sessionId), body.staffPresentIds());
        return log(sessionId);
    }

    @POST
    @Path("/sessions/{sessionId}/end")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public LogView end(@PathParam("sessionId") UUID sessionId, @Valid @NotNull EndBody body) {
        logs.end(new SessionId(sessionId), body.whatWentWrong());
        return log(sessionId);
    }

    @POST
    @Path("/sessions/{sessionId}/attendance")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL})
    public LogView attendance(@PathParam("sessionId") UUID sessionId, @Valid @NotNull AttendanceBody body) {
        logs.recordAttendance(new SessionId(sessionId), body.records().stream().map(r -> new Attendance.Entry(
                r.pupilId(), r.status(), r.joinedAt(), r.leftAt(), r.note())).toList());
        return log(sessionId);
    }

    /** What, when, who, and anything that went wrong. */
    @GET
    @Path("/sessions/{sessionId}/log")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public LogView log(@PathParam("sessionId") UUID sessionId) {
        var view = logs.log(new SessionId(sessionId));
        var s = view.session();
        var l = view.log();
        return new LogView(sessionId, s.startsAt(), s.endsAt(), l.startedAt(), l.endedAt(), s.hostStaffIds(),
                l.staffPresent(), l.issues(), l.terminatedByIncident(), view.attendance().stream()
                        .map(e -> new AttendanceEntryBody(e.pupilId(), e.status(), e.joinedAt(), e.leftAt(), e.note()))
                        .toList(), view.notRecorded());
    }

    @GET
    @Path("/follow-ups")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public List<FollowUpView> openFollowUps(@QueryParam("schoolId") @NotBlank String schoolId) {
        return logs.openFollowUps(schoolId).stream().map(SessionLogResource::view).toList();
    }

    @POST
    @Path("/follow-ups/{followUpId}/outcome")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE})
    public FollowUpView closeFollowUp(@PathParam("followUpId") UUID followUpId, @Valid @NotNull OutcomeBody body) {
        return view(logs.closeFollowUp(followUpId, body.outcome().strip()));
    }

    private static FollowUpView view(FollowUp.Details f) {
        return new FollowUpView(f.id(), f.sessionId().value(), f.schoolId(), f.pupilId(), f.raisedAt(), f.outcome(),
                f.closedBy(), f.closedAt());
    }
}
