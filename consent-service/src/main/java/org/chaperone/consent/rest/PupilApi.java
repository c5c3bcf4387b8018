package org.chaperone.consent.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.chaperone.consent.domain.Relationship;
import org.chaperone.consent.domain.Restriction;

/** The JSON shapes of pupils, guardians and their links. */
public final class PupilApi {

    static final String SCHOOL_ID = "[A-Za-z0-9-]{1,40}";

    private PupilApi() {
    }

    /** A pupil as the MIS knows them. The school cannot change once the pupil exists. */
    public record PupilBody(
            @NotBlank @Pattern(regexp = SCHOOL_ID, message = "1 to 40 letters, digits or hyphens") String schoolId,
            @NotBlank @Size(max = 64) String misId,
            @NotBlank @ValidUpn String upn,
            @NotBlank @Size(max = 100) String givenName,
            @NotBlank @Size(max = 100) String familyName,
            @NotNull @Past LocalDate dateOfBirth,
            @Size(max = 40) String className) {
    }

    public record PupilView(UUID id, String schoolId, String misId, String upn, String givenName, String familyName,
            LocalDate dateOfBirth, String className, Instant createdAt, Instant updatedAt) {
    }

    /** A parent or carer as the MIS knows them; contact details go to notification-service, not here. */
    public record GuardianBody(
            @NotBlank @Pattern(regexp = SCHOOL_ID, message = "1 to 40 letters, digits or hyphens") String schoolId,
            @NotBlank @Size(max = 64) String misId,
            @NotBlank @Size(max = 100) String givenName,
            @NotBlank @Size(max = 100) String familyName) {
    }

    public record GuardianView(UUID id, String schoolId, String misId, String givenName, String familyName,
            Instant createdAt, Instant updatedAt) {
    }

    /** Whether the guardian holds parental responsibility, and any restriction that removes the right to consent. */
    public record LinkBody(
            @NotNull Relationship relationship,
            @NotNull Boolean parentalResponsibility,
            @NotNull Restriction restriction) {
    }

    public record LinkView(UUID pupilId, UUID guardianId, String schoolId, Relationship relationship,
            boolean parentalResponsibility, Restriction restriction, boolean mayConsent, Instant updatedAt) {
    }
}
