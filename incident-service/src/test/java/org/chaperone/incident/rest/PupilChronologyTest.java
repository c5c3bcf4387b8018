package org.chaperone.incident.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pupil's chronology across concerns (issue 4, item 5), and linking concerns and pupils to a concern (item 3): who
 * sees which concerns of a pupil, in what order, and that every read is audited with the pupil and the reason.
 */
@QuarkusTest
class PupilChronologyTest {

    static final String CHRONOLOGY = "/api/v1/child-protection/pupils/{p}/chronology?schoolId={s}&reason={r}";

    final SchoolConcerns school = SchoolConcerns.fresh();
    final SchoolConcerns other = SchoolConcerns.fresh();

    @Test
    void everyConcernInvolvingThePupilAndAllTheirEntriesInTimeOrder() {
        UUID pupil = UUID.randomUUID();
        UUID classmate = UUID.randomUUID();
        UUID first = school.disclosureAbout(pupil);
        UUID shared = school.disclosureAbout(classmate, pupil);
        UUID notTheirs = school.disclosureAbout(classmate);
        school.as(school.dsl()).body(Map.of("action", "SPOKE_WITH_PUPIL", "reason", "Pupil repeated the account"))
                .post("/api/v1/concerns/{id}/actions", first).then().statusCode(201);
        // A concern raised about someone else that the DSL links the pupil to joins the pupil's chronology.
        school.as(school.dsl()).body(Map.of("pupilId", pupil, "reason", "The same adult was named by their sibling"))
                .post("/api/v1/concerns/{id}/linked-pupils", notTheirs).then().statusCode(201)
                .body("entry.kind", equalTo("PUPIL_LINKED"))
                .body("concern.linkedPupilIds", contains(pupil.toString()))
                .body("concern.pupilIds", contains(classmate.toString()));
        school.as(school.dsl()).body(Map.of("severity", "HIGH", "rationale", "Pattern across siblings"))
                .post("/api/v1/concerns/{id}/risk-assessments", shared).then().statusCode(201);
        UUID someoneElses = school.disclosureAbout(UUID.randomUUID());

        var chronology = read(school.dsl(), pupil, "case review").statusCode(200)
                .body("pupilId", equalTo(pupil.toString()))
                .body("schoolId", equalTo(school.school))
                .body("concerns.id", contains(first.toString(), shared.toString(), notTheirs.toString()))
                .body("entries.incidentId", not(hasItem(someoneElses.toString())))
                .extract();
        // first: RAISED, ACKNOWLEDGED, ACTION_RECORDED; shared: RAISED, ACKNOWLEDGED, RISK_ASSESSED;
        // notTheirs: RAISED, ACKNOWLEDGED, PUPIL_LINKED
        List<String> kinds = chronology.path("entries.kind");
        assertThat(kinds).hasSize(9);
        List<String> recorded = chronology.path("entries.recordedAt");
        assertThat(recorded).isSortedAccordingTo(Comparator.comparing(Instant::parse));
        assertThat(kinds.subList(0, 3)).containsExactly("RAISED", "RAISED", "RAISED");
        List<String> ofShared = entriesOf(chronology, shared);
        assertThat(ofShared).containsExactly("RAISED", "ACKNOWLEDGED", "RISK_ASSESSED");
        assertThat(entriesOf(chronology, notTheirs)).containsExactly("RAISED", "ACKNOWLEDGED", "PUPIL_LINKED");
    }

    @Test
    void theHeadteacherSeesOnlyWhatIsRoutedToThemAndTheNamedStaffMemberNeverSeesIt() {
        UUID pupil = UUID.randomUUID();
        String named = "staff-named-" + UUID.randomUUID();
        UUID disclosure = school.disclosureAbout(pupil);
        UUID conduct = school.staffConductAbout(named, pupil);

        read(school.dsl(), pupil, "review").statusCode(200).body("concerns.id", contains(disclosure.toString()))
                .body("entries.incidentId", everyItem(equalTo(disclosure.toString())));
        read(school.deputyDsl(), pupil, "review").statusCode(200).body("concerns.id", contains(disclosure.toString()));
        read(school.headteacher(), pupil, "allegation").statusCode(200)
                .body("concerns.id", contains(conduct.toString()))
                .body("entries.incidentId", everyItem(equalTo(conduct.toString())));
        read(SchoolConcerns.trustLead(), pupil, "trust review").statusCode(200)
                .body("concerns.id", containsInAnyOrder(disclosure.toString(), conduct.toString()));
        // The member of staff the conduct concern names, even as DSL and Headteacher, sees only the disclosure.
        String namedAsEverything = school.staff(named, "dsl", "headteacher");
        read(namedAsEverything, pupil, "curious").statusCode(200)
                .body("concerns.id", contains(disclosure.toString()))
                .body("entries.incidentId", not(hasItem(conduct.toString())));
    }

    @Test
    void anotherSchoolOrAnUnknownPupilIsNotFound() {
        UUID pupil = UUID.randomUUID();
        school.disclosureAbout(pupil);
        // Another school's DSL, asking as their own school or as this one, learns nothing.
        other.as(other.dsl()).get(CHRONOLOGY, pupil, other.school, "curious").then().statusCode(404)
                .contentType("application/problem+json");
        other.as(other.dsl()).get(CHRONOLOGY, pupil, school.school, "curious").then().statusCode(404);
        read(school.dsl(), UUID.randomUUID(), "typo").statusCode(404);
        // The Headteacher, to whom none of this pupil's concerns is routed, cannot tell the pupil has any.
        read(school.headteacher(), pupil, "curious").statusCode(404);
        // A pupil the school recorded is known even with no concerns: an empty chronology.
        UUID recorded = UUID.randomUUID();
        school.dateOfBirth(recorded, LocalDate.now().minusYears(9));
        read(school.dsl(), recorded, "transfer check").statusCode(200).body("concerns", empty())
                .body("entries", empty()).body("dateOfBirth", equalTo(LocalDate.now().minusYears(9).toString()));
    }

    @Test
    void everyReadIsInTheAccessAuditWithThePupilAndTheReason() {
        UUID pupil = UUID.randomUUID();
        UUID a = school.disclosureAbout(pupil);
        UUID b = school.disclosureAbout(pupil);
        read(school.dsl(), pupil, "preparing the strategy meeting").statusCode(200);
        UUID empty = UUID.randomUUID();
        school.dateOfBirth(empty, LocalDate.now().minusYears(7));
        read(school.dsl(), empty, "checking before transfer").statusCode(200);
        // No reason: refused, and not audited.
        school.as(school.dsl()).get("/api/v1/child-protection/pupils/{p}/chronology?schoolId={s}", pupil,
                school.school).then().statusCode(400).body("violations.field", contains("reason"));

        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?pupilId={p}", pupil).then().statusCode(200)
                .body("$", hasSize(2))
                .body("incidentId", containsInAnyOrder(a.toString(), b.toString()))
                .body("action", everyItem(equalTo("READ_PUPIL_CHRONOLOGY")))
                .body("reason", everyItem(equalTo("preparing the strategy meeting")))
                .body("actor", everyItem(equalTo("dsl-" + school.school)))
                .body("pupilId", everyItem(equalTo(pupil.toString())));
        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?pupilId={p}", empty).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].incidentId", nullValue())
                .body("[0].reason", equalTo("checking before transfer"))
                .body("[0].schoolId", equalTo(school.school));
    }

    @Test
    void linkingAConcernIsAChronologyEntryWithinTheSchoolOnly() {
        UUID pupil = UUID.randomUUID();
        UUID earlier = school.disclosureAbout(pupil);
        UUID later = school.disclosureAbout(UUID.randomUUID());
        UUID elsewhere = other.disclosureAbout(UUID.randomUUID());
        String dsl = school.dsl();

        school.as(dsl).body(Map.of("concernId", earlier, "reason", "Same family, same adult named"))
                .post("/api/v1/concerns/{id}/linked-concerns", later).then().statusCode(201)
                .body("entry.kind", equalTo("CONCERN_LINKED"))
                .body("entry.details.linkedIncidentId", equalTo(earlier.toString()))
                .body("entry.details.reason", equalTo("Same family, same adult named"));
        // Twice is a conflict, itself is a bad request, another school's concern does not exist, and nothing is
        // linked without a reason (R15).
        school.as(dsl).body(Map.of("concernId", earlier, "reason", "again"))
                .post("/api/v1/concerns/{id}/linked-concerns", later).then().statusCode(409)
                .body("violations.field", contains("concernId"));
        school.as(dsl).body(Map.of("concernId", later, "reason", "itself"))
                .post("/api/v1/concerns/{id}/linked-concerns", later).then().statusCode(400)
                .body("violations.field", contains("concernId"));
        school.as(dsl).body(Map.of("concernId", elsewhere, "reason", "another school"))
                .post("/api/v1/concerns/{id}/linked-concerns", later).then().statusCode(404);
        school.as(dsl).body(Map.of("concernId", earlier)).post("/api/v1/concerns/{id}/linked-concerns", later).then()
                .statusCode(422).body("rules", contains("R15"));
        // A staff-conduct concern the DSL may not see cannot be linked by them either.
        UUID conduct = school.staffConductAbout("staff-0042", pupil);
        school.as(dsl).body(Map.of("concernId", conduct, "reason", "guess"))
                .post("/api/v1/concerns/{id}/linked-concerns", later).then().statusCode(404);

        // Nothing was edited: the earlier concern's chronology is as it was, and both chains still verify.
        school.as(dsl).get("/api/v1/concerns/{id}/chronology?reason=check", earlier).then().statusCode(200)
                .body("entries.kind", contains("RAISED"));
        school.as(dsl).get("/api/v1/concerns/{id}/chronology/verification?reason=check", later).then()
                .statusCode(200).body("valid", equalTo(true)).body("entries", equalTo(3));
    }

    @Test
    void linkingAPupilNeedsAPupilKnownInTheSchool() {
        UUID known = UUID.randomUUID();
        school.disclosureAbout(known);
        UUID recorded = UUID.randomUUID();
        school.dateOfBirth(recorded, LocalDate.now().minusYears(6));
        UUID ofOtherSchool = UUID.randomUUID();
        other.disclosureAbout(ofOtherSchool);
        UUID concern = school.disclosureAbout(UUID.randomUUID());
        String dsl = school.dsl();

        school.as(dsl).body(Map.of("pupilId", known, "reason", "Sibling"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(201);
        school.as(dsl).body(Map.of("pupilId", recorded, "reason", "Cousin in the same class"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(201);
        school.as(dsl).body(Map.of("pupilId", known, "reason", "again"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(409)
                .body("violations.field", contains("pupilId"));
        school.as(dsl).body(Map.of("pupilId", ofOtherSchool, "reason", "another school's pupil"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(404);
        school.as(dsl).body(Map.of("pupilId", UUID.randomUUID(), "reason", "nobody"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(404);
        // A closed concern takes no links until it is reopened.
        school.as(dsl).body(Map.of("outcome", "MONITORING_IN_SCHOOL", "rationale", "Watching"))
                .post("/api/v1/concerns/{id}/closure", concern).then().statusCode(200);
        UUID late = UUID.randomUUID();
        school.disclosureAbout(late);
        school.as(dsl).body(Map.of("pupilId", late, "reason", "late"))
                .post("/api/v1/concerns/{id}/linked-pupils", concern).then().statusCode(409);

        read(dsl, recorded, "check").statusCode(200).body("concerns.id", contains(concern.toString()));
    }

    private io.restassured.response.ValidatableResponse read(String token, UUID pupil, String reason) {
        return school.as(token).get(CHRONOLOGY, pupil, school.school, reason).then();
    }

    private static List<String> entriesOf(ExtractableResponse<Response> chronology, UUID concern) {
        List<String> ids = chronology.path("entries.incidentId");
        List<String> kinds = chronology.path("entries.kind");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(concern.toString())) {
                found.add(kinds.get(i));
            }
        }
        return found;
    }
}
