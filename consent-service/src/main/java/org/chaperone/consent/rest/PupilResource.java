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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.chaperone.consent.domain.Guardian.GuardianFacts;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.GuardianLink.LinkTerms;
import org.chaperone.consent.domain.Pupil.PupilFacts;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.consent.domain.Upn;
import org.chaperone.consent.rest.PupilApi.GuardianBody;
import org.chaperone.consent.rest.PupilApi.GuardianView;
import org.chaperone.consent.rest.PupilApi.LinkBody;
import org.chaperone.consent.rest.PupilApi.LinkView;
import org.chaperone.consent.rest.PupilApi.PupilBody;
import org.chaperone.consent.rest.PupilApi.PupilView;
import org.chaperone.consent.service.PupilService;
import org.chaperone.runtime.idempotency.IdempotentRequests;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.security.Caller;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pupils, guardians and the links between them, kept in step with the school's MIS by school apps. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pupils and guardians")
public class PupilResource {

    @Inject
    PupilService pupils;
    @Inject
    IdempotentRequests idempotency;
    @Inject
    Caller caller;

    @POST
    @Path("/pupils")
    @RolesAllowed({SCHOOL_APP, OFFICE})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response createPupil(@Valid @NotNull PupilBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/pupils", body, 201,
                () -> ApiMapper.pupil(pupils.createPupil(body.schoolId(), facts(body))));
    }

    @PUT
    @Path("/pupils/{pupilId}")
    @RolesAllowed({SCHOOL_APP, OFFICE})
    public PupilView updatePupil(@PathParam("pupilId") UUID pupilId, @Valid @NotNull PupilBody body) {
        PupilView current = ApiMapper.pupil(pupils.pupil(new PupilId(pupilId)));
        if (!current.schoolId().equals(body.schoolId())) {
            throw new InvalidRequestException("schoolId", "Unchanged", "A pupil's school cannot change; "
                    + "a pupil who moves school is registered there anew");
        }
        return ApiMapper.pupil(pupils.updatePupil(new PupilId(pupilId), facts(body)));
    }

    @GET
    @Path("/pupils/{pupilId}")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP,
        PARENT})
    public PupilView pupil(@PathParam("pupilId") UUID pupilId) {
        return ApiMapper.pupil(pupils.pupil(new PupilId(pupilId)));
    }

    @GET
    @Path("/pupils")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP})
    public List<PupilView> pupils(@QueryParam("schoolId") @NotBlank String schoolId,
            @QueryParam("className") @Size(max = 40) String className,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return pupils.pupils(schoolId, className, offset, limit).stream().map(ApiMapper::pupil).toList();
    }

    @POST
    @Path("/guardians")
    @RolesAllowed({SCHOOL_APP, OFFICE})
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    public Response createGuardian(@Valid @NotNull GuardianBody body,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        return idempotency.respond(caller.subject(), idempotencyKey, "POST /api/v1/guardians", body, 201,
                () -> ApiMapper.guardian(pupils.createGuardian(body.schoolId(), facts(body))));
    }

    @PUT
    @Path("/guardians/{guardianId}")
    @RolesAllowed({SCHOOL_APP, OFFICE})
    public GuardianView updateGuardian(@PathParam("guardianId") UUID guardianId, @Valid @NotNull GuardianBody body) {
        GuardianView current = ApiMapper.guardian(pupils.guardian(new GuardianId(guardianId)));
        if (!current.schoolId().equals(body.schoolId())) {
            throw new InvalidRequestException("schoolId", "Unchanged", "A guardian's school cannot change");
        }
        return ApiMapper.guardian(pupils.updateGuardian(new GuardianId(guardianId), facts(body)));
    }

    @GET
    @Path("/guardians/{guardianId}")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP,
        PARENT})
    public GuardianView guardian(@PathParam("guardianId") UUID guardianId) {
        return ApiMapper.guardian(pupils.guardian(new GuardianId(guardianId)));
    }

    @PUT
    @Path("/pupils/{pupilId}/guardians/{guardianId}")
    @RolesAllowed({SCHOOL_APP, OFFICE})
    public LinkView link(@PathParam("pupilId") UUID pupilId, @PathParam("guardianId") UUID guardianId,
            @Valid @NotNull LinkBody body) {
        return ApiMapper.link(pupils.link(new PupilId(pupilId), new GuardianId(guardianId),
                new LinkTerms(body.relationship(), body.parentalResponsibility(), body.restriction())));
    }

    @GET
    @Path("/pupils/{pupilId}/guardians")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP,
        PARENT})
    public List<LinkView> links(@PathParam("pupilId") UUID pupilId) {
        return pupils.links(new PupilId(pupilId)).stream().map(ApiMapper::link).toList();
    }

    private static PupilFacts facts(PupilBody body) {
        return new PupilFacts(body.misId().strip(), Upn.parse(body.upn()), body.givenName().strip(),
                body.familyName().strip(), body.dateOfBirth(), body.className() == null ? null : body.className().strip());
    }

    private static GuardianFacts facts(GuardianBody body) {
        return new GuardianFacts(body.misId().strip(), body.givenName().strip(), body.familyName().strip());
    }
}
