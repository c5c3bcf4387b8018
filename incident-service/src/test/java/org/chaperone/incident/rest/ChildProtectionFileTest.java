package org.chaperone.incident.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pupil's child-protection file for transfer to a new school (issue 4, item 5): every concern and entry in order,
 * with the chain verification, nothing from another pupil or school, as JSON and as a printable, escaped HTML page
 * that loads nothing from elsewhere; every export audited.
 */
@QuarkusTest
class ChildProtectionFileTest {

    static final String FILE = "/api/v1/child-protection/pupils/{p}/file?schoolId={s}&reason={r}";
    static final String PAGE = "/api/v1/child-protection/pupils/{p}/file.html?schoolId={s}&reason={r}";
    static final String TRANSFER = "Transfer to Oak Academy (KCSIE)";

    @Inject
    EntityManager entityManager;

    final SchoolConcerns school = SchoolConcerns.fresh();
    final SchoolConcerns other = SchoolConcerns.fresh();

    @Test
    void theFileHasEveryConcernAndEntryInOrderAndNothingOfAnotherPupilOrSchool() {
        UUID pupil = UUID.randomUUID();
        UUID classmate = UUID.randomUUID();
        LocalDate born = LocalDate.now().minusYears(10).withDayOfMonth(1);
        school.dateOfBirth(pupil, born);
        school.dateOfBirth(classmate, LocalDate.now().minusYears(8));
        UUID own = school.disclosureAbout(pupil);
        String dsl = school.dsl();
        school.as(dsl).body(Map.of("action", "CHILDRENS_SOCIAL_CARE_REFERRAL", "reason", "Threshold met"))
                .post("/api/v1/concerns/{id}/actions", own).then().statusCode(201);
        school.as(dsl).body(Map.of("outcome", "REFERRED_TO_CHILDRENS_SOCIAL_CARE", "rationale", "Referral accepted"))
                .post("/api/v1/concerns/{id}/closure", own).then().statusCode(200);
        UUID shared = school.disclosureAbout(classmate, pupil);
        UUID classmatesOwn = school.raise(school.teacher(), withNarrative(school.concern("DISCLOSURE", false,
                List.of(classmate)), "The classmate's own disclosure, nothing to do with the pupil"));
        UUID conduct = school.staffConductAbout("staff-0042", pupil);
        UUID otherSchools = other.disclosureAbout(pupil);

        var file = school.as(dsl).get(FILE, pupil, school.school, TRANSFER).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("format", equalTo("chaperone-child-protection-file-v1"))
                .body("pupilId", equalTo(pupil.toString()))
                .body("schoolId", equalTo(school.school))
                .body("dateOfBirth", equalTo(born.toString()))
                .body("retentionUntil", equalTo(born.plusYears(25).toString()))
                .body("retentionBasis", equalTo("DATE_OF_BIRTH_PLUS_25_YEARS"))
                .body("purpose", equalTo(TRANSFER))
                .body("exportedBy", equalTo("dsl-" + school.school))
                .body("allChainsValid", equalTo(true))
                // Not the classmate's own concern, not another school's, not the staff-conduct allegation.
                .body("concerns.id", contains(own.toString(), shared.toString()))
                .body("concerns[0].entries.kind", contains("RAISED", "ACKNOWLEDGED", "ACTION_RECORDED", "CLOSED"))
                .body("concerns[0].entries.seq", contains(1, 2, 3, 4))
                .body("concerns[0].entries[0].details.whatHappened", equalTo(SchoolConcerns.NARRATIVE))
                .body("concerns[0].verification.valid", equalTo(true))
                .body("concerns[0].verification.entries", equalTo(4))
                .body("concerns[0].sharedWithOtherPupils", equalTo(false))
                .body("concerns[0].otherPupilIds", empty())
                // The shared concern names the classmate by id only.
                .body("concerns[1].sharedWithOtherPupils", equalTo(true))
                .body("concerns[1].otherPupilIds", contains(classmate.toString()))
                .body("concerns[1].entries.kind", contains("RAISED"))
                .extract().asString();
        assertThat(file).doesNotContain(classmatesOwn.toString()).doesNotContain(conduct.toString())
                .doesNotContain(otherSchools.toString()).doesNotContain(other.school)
                .doesNotContain("nothing to do with the pupil")
                // The classmate's date of birth (and the shared concern's retention, which depends on it) stay here.
                .doesNotContain(LocalDate.now().minusYears(8).toString()).doesNotContain("staff-0042");

        // Even the trust safeguarding lead, who sees the allegation, does not send it with the child's file.
        school.as(SchoolConcerns.trustLead()).get(FILE, pupil, school.school, TRANSFER).then().statusCode(200)
                .body("concerns.id", contains(own.toString(), shared.toString()));
        // Another school's DSL cannot export this school's file.
        other.as(other.dsl()).get(FILE, pupil, school.school, "curious").then().statusCode(404);
        other.as(other.dsl()).get(FILE, pupil, other.school, "their own").then().statusCode(200)
                .body("concerns.id", contains(otherSchools.toString()));
    }

    @Test
    void aTamperedChronologyShowsInTheFile() {
        UUID pupil = UUID.randomUUID();
        UUID concern = school.disclosureAbout(pupil);
        tamper("update chronology_entry set details = replace(details, 'with a belt', 'by accident') "
                + "where incident_id = '" + concern + "' and seq = 1");
        school.as(school.dsl()).get(FILE, pupil, school.school, TRANSFER).then().statusCode(200)
                .body("allChainsValid", equalTo(false))
                .body("concerns[0].verification.valid", equalTo(false))
                .body("concerns[0].verification.brokenAtSeq", equalTo(1))
                .body("concerns[0].verification.problem", equalTo("CONTENT_CHANGED"));
        school.as(school.dsl()).get(PAGE, pupil, school.school, TRANSFER).then().statusCode(200)
                .body(containsString("failed verification"));
    }

    @Test
    void thePrintablePageIsEscapedAndLoadsNothingFromElsewhere() {
        UUID pupil = UUID.randomUUID();
        String hostile = "<script>alert('x')</script><img src=\"https://evil.example/p.png\"> & \"quoted\"";
        UUID concern = school.raise(school.teacher(), withNarrative(school.concern("DISCLOSURE", true,
                List.of(pupil)), hostile));
        school.as(school.dsl()).body(Map.of("action", "POLICE_CONTACTED", "reason", "Called 999 <b>at once</b>"))
                .post("/api/v1/concerns/{id}/actions", concern).then().statusCode(201);

        String page = school.as(school.dsl()).accept("text/html").get(PAGE, pupil, school.school, TRANSFER).then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asString();
        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("@media print").contains("@page")
                .contains(concern.toString()).contains(pupil.toString())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("&amp; &quot;quoted&quot;")
                .contains("Called 999 &lt;b&gt;at once&lt;/b&gt;")
                .contains("RAISED").contains("ACKNOWLEDGED").contains("ACTION_RECORDED")
                .contains("immediate risk of harm")
                .doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>at once")
                // Nothing is loaded from anywhere: no links, sources, imports or URLs at all.
                .doesNotContain("<link").doesNotContain("src=\"").doesNotContain("href=").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("http://");
        // The one address on the page is the raiser's text, shown as text.
        assertThat(page.split("https://", -1)).hasSize(2);
        assertThat(page).contains("&lt;img src=&quot;https://evil.example/p.png&quot;&gt;");
        String entries = page.substring(page.indexOf("class=\"entries\""));
        assertThat(entries.indexOf(">RAISED<")).isPositive().isLessThan(entries.indexOf(">ACKNOWLEDGED<"));
        assertThat(entries.indexOf(">ACKNOWLEDGED<")).isLessThan(entries.indexOf(">ACTION_RECORDED<"));
    }

    @Test
    void everyExportIsAudited() {
        UUID pupil = UUID.randomUUID();
        UUID a = school.disclosureAbout(pupil);
        UUID b = school.disclosureAbout(pupil);
        school.as(school.dsl()).get(FILE, pupil, school.school, TRANSFER).then().statusCode(200);
        school.as(school.deputyDsl()).header("Access-Reason", "Printing for the receiving DSL")
                .get("/api/v1/child-protection/pupils/{p}/file.html?schoolId={s}", pupil, school.school).then()
                .statusCode(200);
        // Without a reason nothing is exported (and nothing audited).
        school.as(school.dsl()).get("/api/v1/child-protection/pupils/{p}/file?schoolId={s}", pupil, school.school)
                .then().statusCode(400).body("violations.field", contains("reason"));
        // The Headteacher does not export a child's file; the DSL team does.
        school.as(school.headteacher()).get(FILE, pupil, school.school, TRANSFER).then().statusCode(403);

        school.as(SchoolConcerns.trustLead()).get("/api/v1/access-audit?pupilId={p}", pupil).then().statusCode(200)
                .body("$", hasSize(4))
                .body("action", everyItem(equalTo("EXPORTED_CHILD_PROTECTION_FILE")))
                .body("reason", contains("Printing for the receiving DSL", "Printing for the receiving DSL", TRANSFER,
                        TRANSFER))
                .body("actor", contains("deputy-dsl-" + school.school, "deputy-dsl-" + school.school,
                        "dsl-" + school.school, "dsl-" + school.school))
                .body("findAll { it.incidentId == '" + a + "' }", hasSize(2))
                .body("findAll { it.incidentId == '" + b + "' }", hasSize(2));
    }

    @Test
    void aPupilWithoutADateOfBirthHasAnUnknownRetentionInTheFile() {
        UUID pupil = UUID.randomUUID();
        school.disclosureAbout(pupil);
        school.as(school.dsl()).get(FILE, pupil, school.school, TRANSFER).then().statusCode(200)
                .body("dateOfBirth", equalTo(null)).body("retentionUntil", equalTo(null))
                .body("retentionBasis", equalTo("DATE_OF_BIRTH_UNKNOWN"));
        school.as(school.dsl()).get(PAGE, pupil, school.school, TRANSFER).then().statusCode(200)
                .body(containsString("not known (DATE_OF_BIRTH_UNKNOWN)"));
    }

    private static Map<String, Object> withNarrative(Map<String, Object> body, String narrative) {
        body.put("whatHappened", narrative);
        return body;
    }

    /** Changes a row as someone with database access would: the append-only trigger off for this statement. */
    @Transactional
    void tamper(String sql) {
        entityManager.createNativeQuery(ChronologyTamperTest.DISABLE).executeUpdate();
        entityManager.createNativeQuery(sql).executeUpdate();
        entityManager.createNativeQuery(ChronologyTamperTest.ENABLE).executeUpdate();
    }
}
