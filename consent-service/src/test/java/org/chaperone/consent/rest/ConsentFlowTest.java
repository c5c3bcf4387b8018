package org.chaperone.consent.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventSchemas;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.PublishedEvents.Received;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsentFlowTest {

    final SchoolFixture linden = SchoolFixture.school("linden-primary");

    @Test
    void grantThenWithdrawKeepsBothInHistoryAndPublishesTwoEventsInOrder() {
        UUID[] family = linden.family();
        UUID pupil = family[0];
        UUID guardian = family[1];

        String grantId = linden.parentGrants(pupil, guardian);
        String withdrawalId = linden.as(linden.parent(guardian)).post("/api/v1/consents/{id}/withdrawal", grantId)
                .then().statusCode(201)
                .body("decision", equalTo("WITHDRAWN"))
                .body("supersedes", equalTo(grantId))
                .extract().path("id");

        linden.as(linden.teacher()).body(Map.of("schoolId", linden.school, "purpose", "LIVE_VIDEO",
                        "pupilIds", List.of(pupil)))
                .post("/api/v1/consent-status").then().statusCode(200)
                .body("statuses[0].status", equalTo("WITHDRAWN"));
        linden.as(linden.teacher()).get("/api/v1/pupils/{id}/consents", pupil).then().statusCode(200)
                .body("decisions.decision", contains("GRANTED", "WITHDRAWN"))
                .body("decisions.id", contains(grantId, withdrawalId));

        try (PublishedEvents events = PublishedEvents.on(EventTypes.CONSENT_TOPIC)) {
            List<Received> mine = events.awaitAll(r -> r.key().equals(pupil.toString())
                    && !r.type().equals(EventTypes.CONSENT_REQUESTED.name()), 2, Duration.ofSeconds(30));
            assertThat(mine).extracting(Received::type).containsExactly(
                    "org.chaperone.consent.granted.v1", "org.chaperone.consent.withdrawn.v1");
            ConsentGranted granted = (ConsentGranted) mine.get(0).event().data();
            ConsentWithdrawn withdrawn = (ConsentWithdrawn) mine.get(1).event().data();
            assertThat(granted.consentId()).hasToString(grantId);
            assertThat(granted.guardianId()).isEqualTo(guardian);
            assertThat(withdrawn.withdrawnConsentId()).hasToString(grantId);
            for (Received received : mine) {
                assertThat(EventSchemas.validateStructured(EventCodec.toStructured(received.event()))).isEmpty();
                assertThat(received.headers()).containsEntry("ce_schoolid", linden.school)
                        .containsEntry("ce_source", "/chaperone/consent-service");
                // Ids, never names: the fixture's names must not travel.
                assertThat(received.json()).doesNotContain("Test").doesNotContain("Pupil").doesNotContain("Parent");
            }
        }
    }

    @Test
    void officeRecordsAnEmailedDecisionWithItsEvidenceHashed() throws Exception {
        UUID[] family = linden.family();
        String text = "Yes, Sam may join the live lessons. Jo Parent";
        Map<String, Object> evidence = SchoolFixture.emailEvidence(text);
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));

        linden.as(linden.office()).body(Map.of("pupilId", family[0], "guardianId", family[1], "purpose", "LIVE_VIDEO",
                        "scope", "STANDING", "decision", "GRANTED", "evidence", evidence))
                .post("/api/v1/consents").then().statusCode(201)
                .body("channel", equalTo("EMAIL"))
                .body("evidence.reference", equalTo(evidence.get("reference")))
                .body("evidence.sha256", equalTo(expectedHash))
                .body("recordedBy", equalTo("office-linden-primary"))
                .body(not(org.hamcrest.Matchers.containsString(text)));
    }

    @Test
    void guardianWithoutParentalResponsibilityCannotConsent() {
        UUID pupil = linden.pupil();
        UUID noResponsibility = linden.guardian();
        UUID courtOrder = linden.guardian();
        linden.link(pupil, noResponsibility, false, "NONE");
        linden.link(pupil, courtOrder, true, "COURT_ORDER");

        for (UUID guardian : List.of(noResponsibility, courtOrder)) {
            linden.as(linden.parent(guardian)).body(Map.of("pupilId", pupil, "purpose", "LIVE_VIDEO",
                            "scope", "STANDING", "decision", "GRANTED"))
                    .post("/api/v1/consents").then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("rules", contains("R1"))
                    .body("violations[0].field", equalTo("guardianId"));
        }
        UUID stranger = linden.guardian();
        linden.as(linden.office()).body(Map.of("pupilId", pupil, "guardianId", stranger, "purpose", "LIVE_VIDEO",
                        "scope", "STANDING", "decision", "GRANTED",
                        "evidence", SchoolFixture.emailEvidence("yes")))
                .post("/api/v1/consents").then().statusCode(422).body("rules", contains("R1"));
        linden.as(linden.teacher()).get("/api/v1/pupils/{id}/consents", pupil).then().body("decisions", empty());
    }

    @Test
    void aRefusalByOneGuardianBlocksTheOthersGrant() {
        UUID[] family = linden.family();
        UUID second = linden.guardian();
        linden.link(family[0], second, true, "NONE");
        linden.parentGrants(family[0], family[1]);
        linden.as(linden.parent(second)).body(Map.of("pupilId", family[0], "purpose", "LIVE_VIDEO",
                "scope", "STANDING", "decision", "REFUSED")).post("/api/v1/consents").then().statusCode(201);
        linden.as(linden.teacher()).body(Map.of("schoolId", linden.school, "purpose", "LIVE_VIDEO",
                        "pupilIds", List.of(family[0])))
                .post("/api/v1/consent-status").then().statusCode(200)
                .body("statuses[0].status", equalTo("REFUSED"))
                .body("statuses[0].consentingGuardianIds", empty());
    }

    @Test
    void expiryIsEnforcedAndAnnounced() {
        UUID[] family = linden.family();
        String grant = linden.as(linden.parent(family[1])).body(Map.of("pupilId", family[0], "purpose", "LIVE_VIDEO",
                        "scope", "STANDING", "decision", "GRANTED",
                        "expiresAt", Instant.now().plusSeconds(2).toString()))
                .post("/api/v1/consents").then().statusCode(201).extract().path("id");

        try (PublishedEvents events = PublishedEvents.on(EventTypes.CONSENT_TOPIC)) {
            Received expired = events.awaitOne(r -> r.key().equals(family[0].toString())
                    && r.type().equals(EventTypes.CONSENT_EXPIRED.name()), Duration.ofSeconds(30));
            assertThat(expired.json()).contains(grant);
        }
        linden.as(linden.teacher()).body(Map.of("schoolId", linden.school, "purpose", "LIVE_VIDEO",
                        "pupilIds", List.of(family[0])))
                .post("/api/v1/consent-status").then().body("statuses[0].status", equalTo("EXPIRED"));
        linden.as(linden.teacher()).get("/api/v1/pupils/{id}/consents", family[0]).then()
                .body("decisions.decision", contains("GRANTED", "EXPIRED"));
        linden.as(linden.parent(family[1])).post("/api/v1/consents/{id}/withdrawal", grant).then().statusCode(409);
    }

    @Test
    void staffAskAClassAndParentsAnswerTheirPendingRequests() {
        UUID[] first = linden.family();
        UUID[] second = linden.family();
        UUID orphan = linden.pupil();
        String requestId = linden.as(linden.teacher()).body(Map.of("schoolId", linden.school, "purpose", "RECORDING",
                        "scope", "STANDING", "pupilIds", List.of(first[0], second[0], orphan),
                        "recording", Map.of("purpose", "Shared with pupils who miss the lesson", "retentionDays", 30)))
                .post("/api/v1/consent-requests").then().statusCode(201)
                .body("guardiansAsked", equalTo(2))
                .body("pupilsWithoutGuardian", contains(orphan.toString()))
                .extract().path("id");

        linden.as(linden.parent(first[1])).get("/api/v1/consent-requests/pending").then().statusCode(200)
                .body("requestId", hasItem(requestId))
                .body("find { it.requestId == '" + requestId + "' }.recording.retentionDays", equalTo(30));
        linden.as(linden.parent(first[1])).body(Map.of("pupilId", first[0], "purpose", "RECORDING",
                        "scope", "STANDING", "decision", "GRANTED", "requestId", requestId,
                        "recording", Map.of("purpose", "Shared with pupils who miss the lesson", "retentionDays", 30)))
                .post("/api/v1/consents").then().statusCode(201).body("requestId", equalTo(requestId));
        linden.as(linden.parent(first[1])).get("/api/v1/consent-requests/pending").then()
                .body("requestId", not(hasItem(requestId)));
        linden.as(linden.parent(second[1])).get("/api/v1/consent-requests/pending").then()
                .body("requestId", hasItem(requestId));

        try (PublishedEvents events = PublishedEvents.on(EventTypes.CONSENT_TOPIC)) {
            List<Received> requested = events.awaitAll(r -> r.type().equals(EventTypes.CONSENT_REQUESTED.name())
                    && ((ConsentRequested) r.event().data()).requestId().toString().equals(requestId), 3,
                    Duration.ofSeconds(30));
            assertThat(requested).extracting(Received::key).containsExactlyInAnyOrder(
                    first[0].toString(), second[0].toString(), orphan.toString());
            assertThat(requested).extracting(r -> ((ConsentRequested) r.event().data()).guardianIds())
                    .contains(List.of(first[1]), List.of(second[1]), List.of());
        }
    }

    @Test
    void statusOfAWholeClassInOneCall() {
        List<UUID> pupils = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID[] family = linden.family();
            pupils.add(family[0]);
            if (i % 3 != 0) {
                linden.parentGrants(family[0], family[1]);
            }
        }
        var statuses = linden.as(linden.teacher()).body(Map.of("schoolId", linden.school, "purpose", "LIVE_VIDEO",
                        "pupilIds", pupils))
                .post("/api/v1/consent-status").then().statusCode(200)
                .body("statuses", hasSize(30))
                .extract().jsonPath().getList("statuses.status", String.class);
        assertThat(statuses).containsOnly("GRANTED", "NONE");
        assertThat(statuses.stream().filter("GRANTED"::equals)).hasSize(20);
        for (int i = 0; i < 30; i++) {
            assertThat(statuses.get(i)).isEqualTo(i % 3 == 0 ? "NONE" : "GRANTED");
        }
    }

    @Test
    void repeatedDecisionWithTheSameIdempotencyKeyIsRecordedOnce() {
        UUID[] family = linden.family();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("pupilId", family[0], "purpose", "LIVE_VIDEO", "scope", "STANDING",
                "decision", "GRANTED");
        String first = linden.as(linden.parent(family[1])).header("Idempotency-Key", key).body(body)
                .post("/api/v1/consents").then().statusCode(201).extract().path("id");
        String second = linden.as(linden.parent(family[1])).header("Idempotency-Key", key).body(body)
                .post("/api/v1/consents").then().statusCode(201).header("Idempotent-Replayed", "true")
                .extract().path("id");
        assertThat(second).isEqualTo(first);
        linden.as(linden.teacher()).get("/api/v1/pupils/{id}/consents", family[0]).then()
                .body("decisions.id", containsInAnyOrder(first));
    }
}
