package org.chaperone.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.events.scheduling.SessionKind;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestProviders;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.Recipient;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.notification.service.DeliveryPlanner;
import org.chaperone.notification.service.SignedWebhook;
import org.chaperone.notification.service.StatusCallbackSender;
import org.chaperone.notification.service.StatusCallbacks;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The school app's webhook for every delivery status: registered through the API, posted to an HTTPS stand-in of the
 * school app (WireMock over TLS), signed like the providers' calls, ids only, retried, dead-lettered, scoped to the
 * school, and queued in the transaction that changes the status. (Tests run with 5 callback attempts, 500 ms first
 * retry.)
 */
@QuarkusTest
class StatusWebhookTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEBHOOK = "/api/v1/deliveries/{school}/webhook";
    static final Set<String> FIELDS = Set.of("callbackId", "type", "schoolId", "deliveryId", "eventId", "kind",
            "subjectId", "channel", "recipientType", "recipientId", "status", "failure", "attempts", "nextAttemptAt",
            "occurredAt");

    @Inject
    EntityManager entityManager;
    @Inject
    DeliveryPlanner planner;
    @Inject
    StatusCallbacks statusCallbacks;
    @Inject
    StatusCallbackSender sender;

    @Test
    void anAlertDeliveredIsReportedToTheSchoolAppSignedWithIdsAndNoContactDetails() throws Exception {
        CapturedLogs logs = CapturedLogs.install();
        NotificationFixture school = new NotificationFixture("ash");
        String mobile = "+447700" + (900000 + ThreadLocalRandom.current().nextInt(99_999));
        String email = NotificationFixture.email("dsl");
        school.contact("STAFF", "dsl", Map.of("email", email, "mobile", mobile));
        school.rota("dsl", List.of(), "head", List.of());
        String path = "/school-app/" + school.school;
        String secret = register(school, path);
        UUID incident = UUID.randomUUID();
        String eventId = school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident,
                school.school, IncidentCategory.DISCLOSURE, IncidentSeverity.HIGH, false, null, List.of(), "t-1",
                Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        assertThat(TestMail.awaitInbox(email, 1, WAIT)).hasSize(1);
        // A busy machine may fail a first attempt; then the app hears of the retry too, and the delivery's SENT later.
        List<LoggedRequest> callbacks = await().atMost(WAIT).until(() -> received(path),
                r -> r.stream().filter(q -> q.getBodyAsString().contains("\"status\":\"SENT\"")).count() >= 2);
        Map<String, String> deliveryIds = deliveryIds(eventId);
        assertThat(deliveryIds.keySet()).containsExactlyInAnyOrder("EMAIL", "SMS");
        Set<String> channels = new HashSet<>();
        for (LoggedRequest request : callbacks) {
            assertSigned(request, secret);
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(request.getHeader(StatusCallbackSender.CALLBACK_ID)).isEqualTo(body.get("callbackId").asText());
            assertThat(fieldNames(body)).isSubsetOf(FIELDS);
            assertThat(body.get("type").asText()).isEqualTo("delivery.status");
            assertThat(body.get("schoolId").asText()).isEqualTo(school.school);
            assertThat(body.get("eventId").asText()).isEqualTo(eventId);
            assertThat(body.get("kind").asText()).isEqualTo("INCIDENT_ALERT");
            assertThat(body.get("subjectId").asText()).isEqualTo(incident.toString());
            assertThat(body.get("recipientType").asText()).isEqualTo("STAFF");
            assertThat(body.get("recipientId").asText()).isEqualTo("dsl");
            assertThat(body.has("failure")).isFalse();
            assertThat(request.getBodyAsString()).doesNotContain(email, mobile, "@", "+44");
            if (body.get("status").asText().equals("RETRY_SCHEDULED")) {
                assertThat(body.get("nextAttemptAt").asText()).isNotBlank();
                continue;
            }
            assertThat(body.get("status").asText()).isEqualTo("SENT");
            assertThat(body.has("nextAttemptAt")).isFalse();
            assertThat(body.get("attempts").asInt()).isBetween(1, 5);
            assertThat(Instant.parse(body.get("occurredAt").asText())).isBetween(Instant.now().minusSeconds(60),
                    Instant.now());
            String channel = body.get("channel").asText();
            channels.add(channel);
            assertThat(body.get("deliveryId").asText()).isEqualTo(deliveryIds.get(channel));
        }
        assertThat(channels).containsExactlyInAnyOrder("EMAIL", "SMS");

        await().atMost(WAIT).until(() -> count("status_callback where school_id = '" + school.school
                + "' and delivery_status = 'SENT' and status = 'SENT'") == 2);
        assertThat(count("delivery where event_id = '" + eventId + "' and status = 'SENT'"))
                .as("a callback for every delivery sent").isEqualTo(2);
        school.as(school.schoolApp()).get(WEBHOOK + "/callbacks?status=SENT", school.school).then().statusCode(200)
                .body("deliveryStatus", hasItem("SENT"))
                .body(not(containsString(email))).body(not(containsString(mobile)));
        school.as(school.schoolApp()).get(WEBHOOK, school.school).then().statusCode(200)
                .body("url", equalTo(TestProviders.baseUrl() + path)).body("$", not(hasKey("secret")));
        assertThat(logs.lines()).isNotEmpty()
                .noneMatch(line -> line.contains(secret) || line.contains(email) || line.contains(mobile));
    }

    @Test
    void anAppThatIsDownIsRetriedAndGetsTheSameCallbackOnceItIsBack() throws Exception {
        NotificationFixture school = new NotificationFixture("birch");
        String path = "/school-app-flaky/" + school.school;
        String secret = register(school, path);
        StubMapping down = TestProviders.refuse(path);
        // No rota: SLT cannot be told of the session, a delivery that fails at once (UNREACHABLE).
        String eventId = scheduled(school);

        await().atMost(WAIT).until(() -> callbackAttempts(school.school) >= 2);
        assertThat(callbackState(school.school)).containsExactly("PENDING", "School app: HTTP 503");
        TestProviders.restore(down);

        await().atMost(WAIT).until(() -> "SENT".equals(callbackState(school.school)[0]));
        List<LoggedRequest> posts = received(path);
        assertThat(posts.size()).isGreaterThanOrEqualTo(3);
        assertThat(posts.stream().map(r -> r.getHeader(StatusCallbackSender.CALLBACK_ID)).distinct())
                .as("one callback id on every attempt").hasSize(1);
        assertThat(posts.stream().map(r -> r.getHeader(SignedWebhook.ID)).distinct())
                .as("a fresh signature id on every attempt").hasSize(posts.size());
        JsonNode body = JSON.readTree(posts.get(posts.size() - 1).getBodyAsString());
        assertSigned(posts.get(posts.size() - 1), secret);
        assertThat(body.get("eventId").asText()).isEqualTo(eventId);
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("failure").asText()).isEqualTo("UNREACHABLE");
        assertThat(body.get("recipientType").asText()).isEqualTo("UNFILLED_ROLE");
        assertThat(body.get("recipientId").asText()).isEqualTo("SLT");
    }

    @Test
    void anAppDownTooLongLeavesADeadLetterAndAnAlarmWhileTheAlertsStillGo() {
        CapturedLogs logs = CapturedLogs.install();
        NotificationFixture school = new NotificationFixture("cedar");
        String email = school.staffEmail("dsl");
        school.rota("dsl", List.of(), "head", List.of());
        String path = "/school-app-dead/" + school.school;
        register(school, path);
        StubMapping down = TestProviders.refuse(path);
        try {
            UUID incident = UUID.randomUUID();
            school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident, school.school,
                    IncidentCategory.DISCLOSURE, IncidentSeverity.CRITICAL, true, null, List.of(), "t-1",
                    Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

            assertThat(TestMail.awaitInbox(email, 1, WAIT)).as("the alert is not held up by the app").hasSize(1);
            await().atMost(WAIT).until(() -> "DEAD".equals(callbackState(school.school)[0]));
            assertThat(callbackAttempts(school.school)).isEqualTo(5);
            String callbackId = school.as(school.schoolApp()).get(WEBHOOK + "/callbacks?status=DEAD", school.school)
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].attempts", equalTo(5))
                    .body("[0].lastError", equalTo("School app: HTTP 503"))
                    .body("[0].deliveryStatus", equalTo("SENT")).extract().path("[0].id");
            assertThat(logs.lines()).anyMatch(line -> line.contains("DEAD LETTER: status callback " + callbackId))
                    .noneMatch(line -> line.contains(email));
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("notification_status_callbacks_dead_total(\\{[^}]*\\})? [1-9]");
        } finally {
            TestProviders.restore(down);
        }
        int posts = received(path).size();
        TestMail.sleep(2_000);
        assertThat(received(path)).as("a dead callback is not posted later").hasSize(posts);
    }

    @Test
    void anotherSchoolsWebhookSeesNothingOfThisSchoolAndCannotTouchItsWebhook() throws Exception {
        NotificationFixture elm = new NotificationFixture("elm");
        NotificationFixture fir = new NotificationFixture("fir");
        String elmPath = "/school-app/" + elm.school;
        String firPath = "/school-app/" + fir.school;
        register(elm, elmPath);
        register(fir, firPath);
        String elmEvent = scheduled(elm);
        String firEvent = scheduled(fir);

        await().atMost(WAIT).until(() -> received(elmPath).size() >= 1 && received(firPath).size() >= 1);
        TestMail.sleep(1_000);
        for (LoggedRequest request : received(firPath)) {
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(body.get("schoolId").asText()).isEqualTo(fir.school);
            assertThat(body.get("eventId").asText()).isEqualTo(firEvent);
            assertThat(request.getBodyAsString()).doesNotContain(elm.school, elmEvent);
        }
        assertThat(received(elmPath)).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain(fir.school));

        String other = fir.schoolApp();
        fir.as(other).get(WEBHOOK, elm.school).then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString(elmPath)));
        fir.as(other).body(Map.of("url", TestProviders.baseUrl() + "/steal")).put(WEBHOOK, elm.school).then()
                .statusCode(404);
        fir.as(other).post(WEBHOOK + "/secret", elm.school).then().statusCode(404);
        fir.as(other).get(WEBHOOK + "/callbacks", elm.school).then().statusCode(404);
        fir.as(other).delete(WEBHOOK, elm.school).then().statusCode(404);
        elm.as(elm.schoolApp()).get(WEBHOOK, elm.school).then().statusCode(200)
                .body("url", equalTo(TestProviders.baseUrl() + elmPath));
    }

    @Test
    void theWebhookIsRegisteredReadMovedRotatedAndRemovedByTheSchoolsOwnOfficeRoles() {
        NotificationFixture oak = new NotificationFixture("oak");
        String url = "https://school-app.example.org/chaperone/status";
        String secret = oak.as(oak.schoolApp()).body(Map.of("url", url)).put(WEBHOOK, oak.school).then()
                .statusCode(201).body("url", equalTo(url)).body("secret", notNullValue())
                .body("createdBy", equalTo("mis-" + oak.school)).extract().path("secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sealedSecret(oak.school)).as("stored sealed, not in the clear").doesNotContain(secret);

        oak.as(oak.staff("headteacher")).get(WEBHOOK, oak.school).then().statusCode(200).body("url", equalTo(url))
                .body("$", not(hasKey("secret")));
        String moved = "https://school-app.example.org/chaperone/v2/status";
        oak.as(oak.staff("headteacher")).body(Map.of("url", moved)).put(WEBHOOK, oak.school).then().statusCode(200)
                .body("url", equalTo(moved)).body("$", not(hasKey("secret")))
                .body("updatedBy", equalTo("teacher-" + oak.school));
        String sealedBefore = sealedSecret(oak.school);
        String rotated = oak.as(oak.schoolApp()).post(WEBHOOK + "/secret", oak.school).then().statusCode(200)
                .body("url", equalTo(moved)).extract().path("secret");
        assertThat(rotated).isNotBlank().isNotEqualTo(secret);
        assertThat(sealedSecret(oak.school)).isNotEqualTo(sealedBefore).doesNotContain(rotated);

        for (String role : List.of("staff", "dsl", "deputy-dsl", "slt", "office", "parent")) {
            oak.as(oak.staff(role)).get(WEBHOOK, oak.school).then().statusCode(403)
                    .contentType("application/problem+json");
            oak.as(oak.staff(role)).body(Map.of("url", url)).put(WEBHOOK, oak.school).then().statusCode(403);
            oak.as(oak.staff(role)).delete(WEBHOOK, oak.school).then().statusCode(403);
        }
        given().get(WEBHOOK, oak.school).then().statusCode(401);
        oak.as(Tokens.subject("trust-admin").roles("trust-admin").sign()).get(WEBHOOK, oak.school).then()
                .statusCode(200);

        oak.as(oak.staff("headteacher")).delete(WEBHOOK, oak.school).then().statusCode(204);
        oak.as(oak.schoolApp()).get(WEBHOOK, oak.school).then().statusCode(404);
        oak.as(oak.schoolApp()).delete(WEBHOOK, oak.school).then().statusCode(404);
        oak.as(oak.schoolApp()).post(WEBHOOK + "/secret", oak.school).then().statusCode(404);
        oak.as(oak.schoolApp()).body(Map.of("url", url)).put(WEBHOOK, oak.school).then().statusCode(201)
                .body("secret", notNullValue());
    }

    static Stream<Arguments> badWebhooks() {
        return Stream.of(
                bad("{\"url\":\"http://school-app.example.org/status\"}", "url"),
                bad("{\"url\":\"/chaperone/status\"}", "url"),
                bad("{\"url\":\"school-app.example.org/status\"}", "url"),
                bad("{\"url\":\"https://user:secret@school-app.example.org/status\"}", "url"),
                bad("{\"url\":\"https://school-app.example.org/status#top\"}", "url"),
                bad("{\"url\":\"ftp://school-app.example.org/status\"}", "url"),
                bad("{\"url\":\"https:///status\"}", "url"),
                bad("{\"url\":\"not a url\"}", "url"),
                bad("{\"url\":\"\"}", "url"),
                bad("{\"url\":\"https://school-app.example.org/" + "a".repeat(2100) + "\"}", "url"),
                bad("{\"url\":null}", "url"),
                bad("{}", "url"),
                bad("{\"url\":[\"https://school-app.example.org/status\"]}", "url"),
                bad("{\"url\":\"https://school-app.example.org/status\",\"secret\":\"mine\"}", "secret"),
                bad("{\"url\":\"https://school-app.example.org/status\"", "body"),
                bad("[]", "body"),
                bad("", "body"));
    }

    @ParameterizedTest(name = "[{index}] {0} naming {1}")
    @MethodSource("badWebhooks")
    void badWebhooksAnswerAProblemNamingTheFieldAndWriteNothing(String body, String field) {
        NotificationFixture pine = new NotificationFixture("pine");
        long before = count("status_webhook");
        pine.as(pine.schoolApp()).body(body).put(WEBHOOK, pine.school).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(field))
                .body(not(containsString("Exception")));
        assertThat(count("status_webhook")).isEqualTo(before);
    }

    @Test
    void badSchoolsAndQueriesAreNamedTooAndNeverA5xx() {
        NotificationFixture pine = new NotificationFixture("pine");
        String admin = Tokens.subject("trust-admin").roles("trust-admin").sign();
        pine.as(admin).body(Map.of("url", "https://school-app.example.org/status")).put(WEBHOOK, "no spaces here!")
                .then().statusCode(400).body("violations.field", hasItem("schoolId"));
        pine.as(pine.schoolApp()).get(WEBHOOK + "/callbacks?status=LOST", pine.school).then().statusCode(400)
                .body("violations.field", hasItem("status"));
        pine.as(pine.schoolApp()).get(WEBHOOK + "/callbacks?limit=0", pine.school).then().statusCode(400)
                .body("violations.field", hasItem("limit"));
        pine.as(pine.schoolApp()).get(WEBHOOK, pine.school).then().statusCode(404)
                .contentType("application/problem+json");
        pine.as(pine.schoolApp()).contentType("text/plain").body("https://school-app.example.org/status")
                .put(WEBHOOK, pine.school).then().statusCode(415);
    }

    /**
     * The callback is queued in the transaction that changes the status: rolled back, neither the delivery nor its
     * callback exists and nothing is posted; committed, both exist and the callback is posted.
     */
    @Test
    void aCallbackCommitsWithItsStatusChangeAndNeverWithoutIt() throws Exception {
        NotificationFixture school = new NotificationFixture("yew");
        String path = "/school-app/" + school.school;
        register(school, path);
        CloudEvent<SessionScheduled> rolledBack = scheduledEvent(school);
        QuarkusTransaction.begin();
        try {
            planner.apply(rolledBack);
            assertThat(countInTransaction("status_callback where school_id = '" + school.school + "'"))
                    .as("queued inside the transaction").isEqualTo(1);
            assertThat(countInTransaction("delivery where event_id = '" + rolledBack.id() + "'")).isEqualTo(1);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(count("delivery where event_id = '" + rolledBack.id() + "'")).isZero();
        assertThat(count("status_callback where school_id = '" + school.school + "'")).isZero();

        CloudEvent<SessionScheduled> committed = scheduledEvent(school);
        QuarkusTransaction.requiringNew().run(() -> planner.apply(committed));
        assertThat(count("status_callback where event_id = '" + committed.id() + "'")).isEqualTo(1);
        await().atMost(WAIT).until(() -> received(path).size() >= 1);
        TestMail.sleep(1_000);
        assertThat(received(path)).hasSize(1)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains(committed.id())
                        .doesNotContain(rolledBack.id()));
    }

    /** Two senders (two replicas) racing over the same callbacks: each callback is posted exactly once. */
    @Test
    void twoSendersNeverPostTheSameCallbackTwice() throws Exception {
        NotificationFixture school = new NotificationFixture("holly");
        String path = "/school-app-slow/" + school.school;
        register(school, path);
        StubMapping slow = TestProviders.slow(path, 150);
        try {
            List<StatusChange> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < 40; i++) {
                Delivery delivery = Delivery.pending(new Delivery.Message(school.school, "race-" + UUID.randomUUID(),
                        "test", MessageKind.INVITE, "s-" + i, "{}", null), Recipient.guardian(UUID.randomUUID()),
                        Channel.EMAIL, now);
                changes.add(StatusChange.sent(delivery, now));
            }
            QuarkusTransaction.requiringNew().run(() -> statusCallbacks.changed(changes));
            ExecutorService replicas = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> rounds = new ArrayList<>();
                for (int replica = 0; replica < 2; replica++) {
                    rounds.add(replicas.submit(() -> {
                        for (int round = 0; round < 10; round++) {
                            sender.postRound();
                        }
                    }));
                }
                for (Future<?> round : rounds) {
                    round.get();
                }
            } finally {
                replicas.shutdownNow();
            }
            await().atMost(WAIT).until(() -> count("status_callback where school_id = '" + school.school
                    + "' and status = 'SENT'") == 40);
        } finally {
            TestProviders.restore(slow);
        }
        Map<String, Long> posts = received(path).stream().collect(Collectors.groupingBy(
                r -> r.getHeader(StatusCallbackSender.CALLBACK_ID), Collectors.counting()));
        assertThat(posts).hasSize(40);
        assertThat(posts.values()).as("each callback posted once").containsOnly(1L);
    }

    // ---- helpers ----

    /** Registers the school's webhook at the stand-in's {@code path}; returns the secret shown once. */
    static String register(NotificationFixture school, String path) {
        return school.as(school.schoolApp()).body(Map.of("url", TestProviders.baseUrl() + path))
                .put(WEBHOOK, school.school).then().statusCode(201).extract().path("secret");
    }

    /** A session scheduled at a school without a rota: its SLT message fails at once (UNREACHABLE). */
    static String scheduled(NotificationFixture school) {
        CloudEvent<SessionScheduled> event = scheduledEvent(school);
        return school.send(EventTypes.SESSION_SCHEDULED, event.subject(), event.data(), event.id());
    }

    static CloudEvent<SessionScheduled> scheduledEvent(NotificationFixture school) {
        UUID session = UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS);
        SessionScheduled data = new SessionScheduled(session, school.school, SessionKind.GROUP, start,
                start.plus(45, ChronoUnit.MINUTES), List.of("t-1", "t-2"), List.of(UUID.randomUUID()), false, false,
                0, "t-1", Instant.now());
        return new CloudEvent<>(UUID.randomUUID().toString(), "/chaperone/scheduling-service",
                EventTypes.SESSION_SCHEDULED, session.toString(), Instant.now(), school.school, data);
    }

    static List<LoggedRequest> received(String path) {
        return TestProviders.received().stream().filter(r -> r.getUrl().equals(path)).toList();
    }

    static void assertSigned(LoggedRequest request, String secret) {
        String timestamp = request.getHeader(SignedWebhook.TIMESTAMP);
        String id = request.getHeader(SignedWebhook.ID);
        byte[] body = request.getBodyAsString().getBytes(StandardCharsets.UTF_8);
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(120);
        assertThat(id).isNotBlank();
        assertThat(request.getHeader(SignedWebhook.SIGNATURE)).isEqualTo("v1=" + SignedWebhook.sign(
                secret.getBytes(StandardCharsets.UTF_8), timestamp, id, body));
        assertThat(request.getHeader(SignedWebhook.SIGNATURE)).as("another secret signs differently")
                .isNotEqualTo("v1=" + SignedWebhook.sign("another".getBytes(StandardCharsets.UTF_8), timestamp, id,
                        body));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    static Set<String> fieldNames(JsonNode body) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static Arguments bad(String body, String field) {
        return Arguments.of(body, field);
    }

    @SuppressWarnings("unchecked")
    Map<String, String> deliveryIds(String eventId) {
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select channel, cast(id as text) from delivery where event_id = ?1").setParameter(1, eventId)
                .getResultList());
        Map<String, String> ids = new HashMap<>();
        rows.forEach(row -> ids.put((String) row[0], (String) row[1]));
        return ids;
    }

    int callbackAttempts(String school) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select attempts from status_callback where school_id = ?1")
                    .setParameter(1, school).getResultList();
            return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
        });
    }

    /** Status and last error of the school's one callback; nulls while there is none. */
    Object[] callbackState(String school) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                    "select status, last_error from status_callback where school_id = ?1").setParameter(1, school)
                    .getResultList();
            return rows.isEmpty() ? new Object[2] : (Object[]) rows.get(0);
        });
    }

    String sealedSecret(String school) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select sealed_secret from status_webhook where school_id = ?1").setParameter(1, school)
                .getSingleResult());
    }

    long count(String from) {
        return QuarkusTransaction.requiringNew().call(() -> countInTransaction(from));
    }

    long countInTransaction(String from) {
        return ((Number) entityManager.createNativeQuery("select count(*) from " + from).getSingleResult())
                .longValue();
    }
}
