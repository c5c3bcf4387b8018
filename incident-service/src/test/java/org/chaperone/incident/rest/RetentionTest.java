package org.chaperone.incident.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention (R16, issue 4 item 6): each concern carries the date it is kept until (the youngest named pupil's date of
 * birth + 25 years) or says why it is unknown; dates of birth come with the concern or from the school's record; the
 * review list shows what has reached its date or has none, to whom it may show it, and audits it.
 */
@QuarkusTest
class RetentionTest {

    static final String REVIEW = "/api/v1/child-protection/retention-review";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    final SchoolConcerns school = SchoolConcerns.fresh();
    final SchoolConcerns other = SchoolConcerns.fresh();

    @Test
    void aDateOfBirthSentWithTheConcernSetsItsRetention() {
        UUID older = UUID.randomUUID();
        UUID younger = UUID.randomUUID();
        LocalDate olderBorn = TODAY.minusYears(11);
        LocalDate youngerBorn = TODAY.minusYears(7).minusDays(40);
        UUID id = raise(List.of(older, younger), Map.of(older, olderBorn, younger, youngerBorn));
        concern(id).body("concern.retentionUntil", equalTo(youngerBorn.plusYears(25).toString()))
                .body("concern.retentionBasis", equalTo("DATE_OF_BIRTH_PLUS_25_YEARS"));
    }

    @Test
    void aMissingDateOfBirthLeavesTheRetentionUnknownUntilTheSchoolRecordsIt() {
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID id = raise(List.of(known, unknown), Map.of(known, TODAY.minusYears(9)));
        concern(id).body("concern.retentionUntil", nullValue())
                .body("concern.retentionBasis", equalTo("DATE_OF_BIRTH_UNKNOWN"));
        review(school.dsl(), "?schoolId=" + school.school).body("incidentId", contains(id.toString()))
                .body("[0].retentionBasis", equalTo("DATE_OF_BIRTH_UNKNOWN"))
                .body("[0].pupilsWithoutDateOfBirth", contains(unknown.toString()));

        LocalDate born = TODAY.minusYears(6);
        school.as(school.office()).body(Map.of("schoolId", school.school, "dateOfBirth", born.toString()))
                .put("/api/v1/child-protection/pupils/{p}/date-of-birth", unknown).then().statusCode(200)
                .body("dateOfBirth", equalTo(born.toString())).body("source", equalTo("SCHOOL_RECORD"));
        concern(id).body("concern.retentionUntil", equalTo(born.plusYears(25).toString()))
                .body("concern.retentionBasis", equalTo("DATE_OF_BIRTH_PLUS_25_YEARS"));
        review(school.dsl(), "?schoolId=" + school.school).body("$", empty());
    }

    @Test
    void theSchoolsRecordOutranksADateSentWithAConcernAndReplacesIt() {
        UUID pupil = UUID.randomUUID();
        LocalDate recorded = TODAY.minusYears(10);
        school.dateOfBirth(pupil, recorded);
        UUID id = raise(List.of(pupil), Map.of(pupil, TODAY.minusYears(8)));
        concern(id).body("concern.retentionUntil", equalTo(recorded.plusYears(25).toString()));

        UUID second = UUID.randomUUID();
        UUID withTypo = raise(List.of(second), Map.of(second, TODAY.minusYears(5)));
        LocalDate corrected = TODAY.minusYears(12);
        school.dateOfBirth(second, corrected);
        concern(withTypo).body("concern.retentionUntil", equalTo(corrected.plusYears(25).toString()));
    }

    @Test
    void aLinkedPupilCountsTowardsTheRetention() {
        UUID pupil = UUID.randomUUID();
        UUID sibling = UUID.randomUUID();
        UUID id = raise(List.of(pupil), Map.of(pupil, TODAY.minusYears(12)));
        LocalDate siblingBorn = TODAY.minusYears(4);
        school.dateOfBirth(sibling, siblingBorn);
        school.as(school.dsl()).body(Map.of("pupilId", sibling, "reason", "Younger sibling at the same address"))
                .post("/api/v1/concerns/{id}/linked-pupils", id).then().statusCode(201)
                .body("concern.retentionUntil", equalTo(siblingBorn.plusYears(25).toString()));
    }

    @Test
    void theReviewListsWhatReachedItsDateOrHasNoneAndNothingElse() {
        UUID grownUp = UUID.randomUUID();
        school.dateOfBirth(grownUp, TODAY.minusYears(25).minusDays(1));
        UUID due = school.disclosureAbout(grownUp);
        UUID dueToday = UUID.randomUUID();
        school.dateOfBirth(dueToday, TODAY.minusYears(25));
        UUID dueNow = school.disclosureAbout(dueToday);
        UUID young = UUID.randomUUID();
        school.dateOfBirth(young, TODAY.minusYears(8));
        UUID notDue = school.disclosureAbout(young);
        UUID unknown = school.disclosureAbout(UUID.randomUUID());
        UUID noPupil = school.raise(school.teacher(), school.concern("SECURITY_BREACH", false, List.of()));
        UUID conduct = school.staffConductAbout("staff-0042", grownUp);
        UUID otherSchools = other.disclosureAbout(UUID.randomUUID());

        // Unknown first (in the order raised), then the oldest date.
        review(school.dsl(), "?schoolId=" + school.school)
                .body("incidentId", contains(unknown.toString(), noPupil.toString(), due.toString(),
                        dueNow.toString()))
                .body("retentionBasis", contains("DATE_OF_BIRTH_UNKNOWN", "NO_PUPIL_NAMED",
                        "DATE_OF_BIRTH_PLUS_25_YEARS", "DATE_OF_BIRTH_PLUS_25_YEARS"))
                .body("[2].retentionUntil", equalTo(TODAY.minusDays(1).toString()))
                .body("[3].retentionUntil", equalTo(TODAY.toString()))
                .body("incidentId", not(hasItem(notDue.toString())));
        // A DSL's list is their school's and the DSL team's; without a school it is still only theirs.
        review(school.dsl(), "").body("incidentId", not(hasItem(otherSchools.toString())))
                .body("incidentId", not(hasItem(conduct.toString()))).body("$", hasSize(4));
        other.as(other.dsl()).get(REVIEW + "?schoolId={s}&reason=x", school.school).then().statusCode(404);
        // The trust safeguarding lead sees every school's, the staff-conduct concern too.
        review(SchoolConcerns.trustLead(), "?schoolId=" + school.school).body("$", hasSize(5))
                .body("incidentId", hasItem(conduct.toString()));
        review(SchoolConcerns.trustLead(), "?schoolId=" + other.school)
                .body("incidentId", contains(otherSchools.toString()));
    }

    @Test
    void theReviewIsAuditedAndNeedsAReason() {
        UUID id = school.disclosureAbout(UUID.randomUUID());
        review(school.dsl(), "?schoolId=" + school.school).body("incidentId", contains(id.toString()));
        school.as(school.dsl()).get(REVIEW + "?schoolId={s}", school.school).then().statusCode(400)
                .body("violations.field", contains("reason"));
        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?incidentId={id}", id).then().statusCode(200)
                .body("action", contains("LISTED_FOR_RETENTION_REVIEW"))
                .body("reason", contains("annual retention review"));
    }

    @Test
    void recordingADateOfBirthTellsTheOfficeNothingAboutConcerns() {
        UUID pupil = UUID.randomUUID();
        school.disclosureAbout(pupil);
        UUID unknown = UUID.randomUUID();
        Map<String, Object> withConcerns = answer(pupil);
        Map<String, Object> without = answer(unknown);
        assertThat(withConcerns.keySet()).isEqualTo(without.keySet())
                .containsExactlyInAnyOrder("schoolId", "pupilId", "dateOfBirth", "source", "recordedBy", "recordedAt");
        // Another school's office cannot record for this school.
        other.as(other.office()).body(Map.of("schoolId", school.school, "dateOfBirth", "2015-05-01"))
                .put("/api/v1/child-protection/pupils/{p}/date-of-birth", pupil).then().statusCode(404);
        // And what the office recorded is not audited as a read of a concern.
        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?actor={a}", "office-" + school.school).then()
                .statusCode(200).body("$", empty());
    }

    private Map<String, Object> answer(UUID pupil) {
        return school.as(school.office()).body(Map.of("schoolId", school.school, "dateOfBirth", "2016-02-29"))
                .put("/api/v1/child-protection/pupils/{p}/date-of-birth", pupil).then().statusCode(200)
                .body("recordedBy", equalTo("office-" + school.school)).extract().as(Map.class);
    }

    private UUID raise(List<UUID> pupils, Map<UUID, LocalDate> born) {
        Map<String, Object> body = school.concern("DISCLOSURE", false, pupils);
        Map<String, String> dates = new java.util.LinkedHashMap<>();
        born.forEach((pupil, date) -> dates.put(pupil.toString(), date.toString()));
        body.put("pupilDatesOfBirth", dates);
        return school.raise(school.teacher(), body);
    }

    private ValidatableResponse concern(UUID id) {
        return school.as(school.dsl()).get("/api/v1/concerns/{id}?reason=retention check", id).then().statusCode(200);
    }

    private ValidatableResponse review(String token, String query) {
        String separator = query.isEmpty() ? "?" : "&";
        return school.as(token).get(REVIEW + query + separator + "reason=annual retention review").then()
                .statusCode(200).body("schoolId", everyItem(org.hamcrest.Matchers.notNullValue()));
    }
}
