package org.chaperone.incident.rest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;
import org.chaperone.incident.domain.ChronologyEntry;
import org.junit.jupiter.api.Test;

/**
 * The chronology is append-only in the database, and its hash chain shows a change made there anyway (by someone who
 * disabled the trigger): verification fails and names the entry.
 */
@QuarkusTest
class ChronologyTamperTest {

    static final String DISABLE = "alter table chronology_entry disable trigger chronology_entry_no_update";
    static final String ENABLE = "alter table chronology_entry enable trigger chronology_entry_no_update";

    @Inject
    EntityManager entityManager;

    final SchoolConcerns school = SchoolConcerns.fresh();

    @Test
    void theDatabaseRefusesToChangeOrDeleteAnEntry() {
        UUID id = school.disclosure(false);
        assertThatThrownBy(() -> execute("update chronology_entry set recorded_by = 'someone-else' where incident_id = '"
                + id + "'")).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> execute("delete from chronology_entry where incident_id = '" + id + "'"))
                .hasStackTraceContaining("append-only");
        verification(id).body("valid", equalTo(true));
    }

    @Test
    void aNarrativeRewrittenInTheDatabaseBreaksTheChainAtThatEntry() {
        UUID id = school.disclosure(false);
        String dsl = school.dsl();
        school.as(dsl).body(Map.of("action", "SPOKE_WITH_PUPIL", "reason", "Pupil confirmed the account"))
                .post("/api/v1/concerns/{id}/actions", id).then().statusCode(201);
        verification(id).body("valid", equalTo(true)).body("entries", equalTo(3));
        String raisedEntry = school.as(dsl).get("/api/v1/concerns/{id}/chronology?reason=check", id).then()
                .extract().path("entries[0].id");

        tamper("update chronology_entry set details = replace(details, 'with a belt', 'by accident') where id = '"
                + raisedEntry + "'");

        verification(id).body("valid", equalTo(false))
                .body("brokenAtSeq", equalTo(1))
                .body("brokenEntryId", equalTo(raisedEntry))
                .body("problem", equalTo("CONTENT_CHANGED"));
    }

    @Test
    void anEntryWhoseHashIsRecomputedStillBreaksTheLinkToTheNext() {
        UUID id = school.disclosure(false);
        String dsl = school.dsl();
        school.as(dsl).body(Map.of("severity", "HIGH", "rationale", "Serious"))
                .post("/api/v1/concerns/{id}/risk-assessments", id).then().statusCode(201);
        String ackEntry = school.as(dsl).get("/api/v1/concerns/{id}/chronology?reason=check", id).then()
                .extract().path("entries[1].id");
        // Whoever changes an entry and rewrites its hash to match still leaves the next entry pointing at the old one.
        tamper("update chronology_entry set details = '{\"rewritten\":true}' where id = '" + ackEntry + "'");
        tamper("update chronology_entry set hash = '" + recomputedHash(UUID.fromString(ackEntry)) + "' where id = '"
                + ackEntry + "'");
        verification(id).body("valid", equalTo(false)).body("brokenAtSeq", equalTo(3))
                .body("problem", equalTo("LINK_BROKEN"));
    }

    @Test
    void anEntryCutFromTheEndIsDetected() {
        UUID id = school.disclosure(false);
        school.as(school.dsl()).post("/api/v1/concerns/{id}/acknowledgement", id).then().statusCode(200);
        tamper("delete from chronology_entry where incident_id = '" + id + "' and seq = 2");
        verification(id).body("valid", equalTo(false)).body("problem", equalTo("HEAD_MISMATCH"))
                .body("entries", equalTo(1));
    }

    private io.restassured.response.ValidatableResponse verification(UUID id) {
        return school.as(school.dsl()).get("/api/v1/concerns/{id}/chronology/verification?reason=integrity check", id)
                .then().statusCode(200);
    }

    @Transactional
    String recomputedHash(UUID entry) {
        return entityManager.find(ChronologyEntry.class, entry).computeHash();
    }

    @Transactional
    void execute(String sql) {
        entityManager.createNativeQuery(sql).executeUpdate();
    }

    /** Changes the table as an attacker with database access would: trigger off for this statement only. */
    @Transactional
    void tamper(String sql) {
        entityManager.createNativeQuery(DISABLE).executeUpdate();
        entityManager.createNativeQuery(sql).executeUpdate();
        entityManager.createNativeQuery(ENABLE).executeUpdate();
    }
}
