package org.chaperone.notification.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.SLT;
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
import org.chaperone.notification.rest.NotificationApi.RotaBody;
import org.chaperone.notification.rest.NotificationApi.RotaView;
import org.chaperone.notification.service.RotaService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Each school's safeguarding rota: set by the school app, the Headteacher or the trust. */
@Path("/api/v1/rota/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Safeguarding rota")
public class RotaResource {

    @Inject
    RotaService rotas;

    /** Replaces the school's rota. */
    @PUT
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, TRUST_ADMIN})
    public RotaView put(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId,
            @Valid @NotNull RotaBody body) {
        return NotificationMapper.rota(rotas.put(schoolId, NotificationMapper.roles(body), NotificationMapper.escalation(body)),
                rotas.trustSafeguardingLead());
    }

    @GET
    @RolesAllowed({SCHOOL_APP, HEADTEACHER, SLT, DSL, DEPUTY_DSL, TRUST_ADMIN, TRUST_SAFEGUARDING_LEAD})
    public RotaView get(@PathParam("schoolId") @Pattern(regexp = NotificationApi.SCHOOL_ID) String schoolId) {
        return NotificationMapper.rota(rotas.get(schoolId), rotas.trustSafeguardingLead());
    }
}
