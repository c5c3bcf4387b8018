package org.chaperone.scheduling.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.OFFICE;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.SLT;
import static org.chaperone.runtime.security.Roles.STAFF;
import static org.chaperone.runtime.security.Roles.TRUST_ADMIN;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.chaperone.scheduling.domain.StaffMember.StaffRecord;
import org.chaperone.scheduling.rest.SchedulingApi.PolicyBody;
import org.chaperone.scheduling.rest.SchedulingApi.PolicyView;
import org.chaperone.scheduling.rest.SchedulingApi.StaffBody;
import org.chaperone.scheduling.rest.SchedulingApi.StaffView;
import org.chaperone.scheduling.service.PolicyService;
import org.chaperone.scheduling.service.StaffRegisterService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Each school's session policy (edited by the trust) and its staff register (kept by the school app). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Policy and staff register")
public class PolicyResource {

    @Inject
    PolicyService policies;
    @Inject
    StaffRegisterService register;

    @GET
    @Path("/policies/{schoolId}")
    @RolesAllowed({STAFF, SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP})
    public PolicyView policy(@PathParam("schoolId") String schoolId) {
        return SchedulingMapper.policy(policies.current(schoolId));
    }

    /** A new version of the school's policy; sessions already scheduled keep the version they were checked on. */
    @PUT
    @Path("/policies/{schoolId}")
    @RolesAllowed(TRUST_ADMIN)
    public PolicyView changePolicy(@PathParam("schoolId") @Pattern(regexp = SchedulingApi.SCHOOL_ID) String schoolId,
            @Valid @NotNull PolicyBody body) {
        return SchedulingMapper.policy(policies.change(schoolId, SchedulingMapper.policy(body)));
    }

    @PUT
    @Path("/staff/{schoolId}/{staffId}")
    @RolesAllowed(SCHOOL_APP)
    public StaffView registerStaff(@PathParam("schoolId") @Pattern(regexp = SchedulingApi.SCHOOL_ID) String schoolId,
            @PathParam("staffId") @Pattern(regexp = SchedulingApi.STAFF_ID) String staffId,
            @Valid @NotNull StaffBody body) {
        return SchedulingMapper.staff(register.register(schoolId, staffId, new StaffRecord(body.dbsCheckedOn(),
                body.safeguardingTrainedOn(), body.slt(), body.headteacher())));
    }

    @GET
    @Path("/staff/{schoolId}/{staffId}")
    @RolesAllowed({SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP})
    public StaffView staffMember(@PathParam("schoolId") String schoolId, @PathParam("staffId") String staffId) {
        return SchedulingMapper.staff(register.member(schoolId, staffId));
    }

    @GET
    @Path("/staff/{schoolId}")
    @RolesAllowed({SLT, HEADTEACHER, DSL, DEPUTY_DSL, OFFICE, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD, SCHOOL_APP})
    public List<StaffView> staff(@PathParam("schoolId") String schoolId) {
        return register.register(schoolId).stream().map(SchedulingMapper::staff).toList();
    }
}
