package org.chaperone.incident.rest;

import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.chaperone.incident.domain.IncidentId;
import org.chaperone.incident.rest.IncidentApi.AccessView;
import org.chaperone.incident.service.IncidentCommands.AuditQuery;
import org.chaperone.incident.service.IncidentService;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who read which concern, when and why: for the trust safeguarding lead. Newest first. */
@Path("/api/v1/access-audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Access audit")
public class AccessAuditResource {

    @Inject
    IncidentService incidents;

    @GET
    @RolesAllowed(TRUST_SAFEGUARDING_LEAD)
    public List<AccessView> search(
            @QueryParam("schoolId") @Pattern(regexp = IncidentApi.SCHOOL_ID,
                    message = "1 to 40 letters, digits or hyphens") String schoolId,
            @QueryParam("incidentId") String incidentId,
            @QueryParam("pupilId") String pupilId,
            @QueryParam("actor") @Size(max = 255) String actor,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return incidents.accessAudit(new AuditQuery(schoolId, incident(incidentId), uuid("pupilId", pupilId), actor,
                offset, limit)).stream()
                .map(IncidentMapper::access).toList();
    }

    private static IncidentId incident(String value) {
        UUID id = uuid("incidentId", value);
        return id == null ? null : new IncidentId(id);
    }

    /** Read by hand: JAX-RS would answer 404 for a malformed UUID query parameter, which names nothing. */
    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(name, "Type", "Must be a UUID");
        }
    }
}
