package org.chaperone.incident.rest;

import static org.chaperone.runtime.security.Roles.DEPUTY_DSL;
import static org.chaperone.runtime.security.Roles.DSL;
import static org.chaperone.runtime.security.Roles.HEADTEACHER;
import static org.chaperone.runtime.security.Roles.OFFICE;
import static org.chaperone.runtime.security.Roles.SCHOOL_APP;
import static org.chaperone.runtime.security.Roles.TRUST_SAFEGUARDING_LEAD;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.chaperone.incident.rest.IncidentApi.ChildProtectionFileView;
import org.chaperone.incident.rest.IncidentApi.DateOfBirthBody;
import org.chaperone.incident.rest.IncidentApi.PupilChronologyView;
import org.chaperone.incident.rest.IncidentApi.PupilReferenceView;
import org.chaperone.incident.rest.IncidentApi.RetentionReviewView;
import org.chaperone.incident.service.ChildProtectionFiles;
import org.chaperone.incident.service.IncidentCommands.PupilQuery;
import org.chaperone.incident.service.IncidentCommands.RecordDateOfBirth;
import org.chaperone.incident.service.IncidentCommands.RetentionReviewQuery;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * A pupil's safeguarding record across concerns, in one school: their chronology (DSL team, trust safeguarding lead,
 * and the Headteacher for what is routed to them), their child-protection file as JSON or a printable HTML page for
 * transfer to a new school (DSL team and trust safeguarding lead), their date of birth (school app, office, DSL team)
 * and the retention review (R16). Every read names its reason and is written to the access audit. A pupil unknown in
 * the school, or a school the caller does not act for, answers 404.
 */
@Path("/api/v1/child-protection")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Child-protection files")
public class ChildProtectionFileResource {

    /** Names the JSON file's shape, so that a receiving system knows what it reads. */
    static final String FORMAT = "chaperone-child-protection-file-v1";
    /** The printable page loads nothing from anywhere: inline styles only, no scripts, images, fonts or links out. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    static final String SCHOOL_MESSAGE = "1 to 40 letters, digits or hyphens";

    @Inject
    ChildProtectionFiles files;

    /** Qute escapes every value of an .html template, so nothing a raiser wrote can become markup. */
    @CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Pages {
        static native TemplateInstance childProtectionFile(ChildProtectionFileView file);
    }

    /** Every concern involving the pupil that the caller may see, and all their entries in time order. */
    @GET
    @Path("/pupils/{pupilId}/chronology")
    @RolesAllowed({DSL, DEPUTY_DSL, HEADTEACHER, TRUST_SAFEGUARDING_LEAD})
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public PupilChronologyView chronology(@PathParam("pupilId") UUID pupilId,
            @QueryParam("schoolId") @NotBlank @Pattern(regexp = IncidentApi.SCHOOL_ID, message = SCHOOL_MESSAGE)
            String schoolId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        return IncidentMapper.pupilChronology(files.chronology(new PupilQuery(schoolId, pupilId,
                AccessReason.of(reason, reasonHeader))));
    }

    /**
     * The pupil's child-protection file as JSON, for transfer to a new school: every DSL-team concern involving them
     * with every entry in order and its chain verification. The reason (e.g. the school it goes to) is audited.
     */
    @GET
    @Path("/pupils/{pupilId}/file")
    @RolesAllowed({DSL, DEPUTY_DSL, TRUST_SAFEGUARDING_LEAD})
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public ChildProtectionFileView file(@PathParam("pupilId") UUID pupilId,
            @QueryParam("schoolId") @NotBlank @Pattern(regexp = IncidentApi.SCHOOL_ID, message = SCHOOL_MESSAGE)
            String schoolId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        return IncidentMapper.file(files.export(new PupilQuery(schoolId, pupilId,
                AccessReason.of(reason, reasonHeader))));
    }

    /** The same file as a printable HTML page: escaped, print styles inline, nothing loaded from elsewhere. */
    @GET
    @Path("/pupils/{pupilId}/file.html")
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({DSL, DEPUTY_DSL, TRUST_SAFEGUARDING_LEAD})
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "Content-Security-Policy", value = PAGE_POLICY)
    @ResponseHeader(name = "X-Content-Type-Options", value = "nosniff")
    @ResponseHeader(name = "Referrer-Policy", value = "no-referrer")
    public String printableFile(@PathParam("pupilId") UUID pupilId,
            @QueryParam("schoolId") @NotBlank @Pattern(regexp = IncidentApi.SCHOOL_ID, message = SCHOOL_MESSAGE)
            String schoolId,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        ChildProtectionFileView file = IncidentMapper.file(files.export(new PupilQuery(schoolId, pupilId,
                AccessReason.of(reason, reasonHeader))));
        return Pages.childProtectionFile(file).render();
    }

    /**
     * Records the pupil's date of birth as the school knows it, for the retention of their records (R16). Replaces any
     * date known; says nothing about whether the pupil has concerns.
     */
    @PUT
    @Path("/pupils/{pupilId}/date-of-birth")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({SCHOOL_APP, OFFICE, DSL, DEPUTY_DSL})
    public PupilReferenceView recordDateOfBirth(@PathParam("pupilId") UUID pupilId,
            @Valid @NotNull DateOfBirthBody body) {
        return IncidentMapper.pupilReference(files.recordDateOfBirth(new RecordDateOfBirth(body.schoolId(), pupilId,
                body.dateOfBirth())));
    }

    /**
     * Concerns due for retention review (R16): retention date reached, or unknown (unknown first, with the pupils
     * whose date of birth is missing). The trust safeguarding lead across schools; a DSL for their school.
     */
    @GET
    @Path("/retention-review")
    @RolesAllowed({DSL, TRUST_SAFEGUARDING_LEAD})
    public List<RetentionReviewView> retentionReview(
            @QueryParam("schoolId") @Pattern(regexp = IncidentApi.SCHOOL_ID, message = SCHOOL_MESSAGE) String schoolId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam(AccessReason.QUERY) String reason, @HeaderParam(AccessReason.HEADER) String reasonHeader) {
        String why = AccessReason.of(reason, reasonHeader);
        return files.retentionReview(new RetentionReviewQuery(schoolId, offset, limit, why)).stream()
                .map(IncidentMapper::retentionReview).toList();
    }
}
