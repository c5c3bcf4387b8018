package org.chaperone.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestDns;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side request forgery through the URLs callers register: a status webhook or an app webhook that points into
 * the cluster, the node or the cloud's metadata service is refused at registration (as written, no DNS), and one
 * whose name resolves to such an address when the call is due is not called (DNS rebinding). The test profile allows
 * only 127.0.0.1/32, the HTTPS stand-in; names resolve through {@link TestDns}, so no test needs a network.
 */
@QuarkusTest
class OutboundAddressTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String WEBHOOK = StatusWebhookTest.WEBHOOK;
    static final String CONTACT = "/api/v1/contact-points/{school}/{type}/{id}";

    @Inject
    EntityManager entityManager;

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "https://127.0.0.2/status",
            "https://10.1.2.3/status",
            "https://172.16.0.1/status",
            "https://192.168.1.10/status",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.64.0.1/status",
            "https://0.0.0.0/status",
            "https://224.0.0.1/status",
            "https://255.255.255.255/status",
            "https://[::1]/status",
            "https://[::]/status",
            "https://[fd00::1]/status",
            "https://[fe80::1]/status",
            "https://[::ffff:10.0.0.1]/status",
            "https://[::ffff:169.254.169.254]/status",
            "https://localhost/status",
            "https://LOCALHOST./status",
            "https://api.localhost/status",
            "https://intranet/status",
            "https://notification-service:8443/status"})
    void aStatusWebhookIntoTheClusterIsRefusedNamingTheFieldAndTheRuleAndNothingIsWritten(String url) {
        NotificationFixture school = new NotificationFixture("larch");
        long before = count("status_webhook");
        school.as(school.schoolApp()).body(Map.of("url", url)).put(WEBHOOK, school.school).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("url"))
                .body("violations.rule", hasItem("PublicAddress"))
                .body(not(containsString("Exception")));
        assertThat(count("status_webhook")).isEqualTo(before);
        school.as(school.schoolApp()).get(WEBHOOK, school.school).then().statusCode(404);
    }

    @Test
    void aWebhookMovedIntoTheClusterIsRefusedAndStaysWhereItWas() {
        NotificationFixture school = new NotificationFixture("larch");
        String url = TestProviders.baseUrl() + "/school-app/" + school.school;
        school.as(school.schoolApp()).body(Map.of("url", url)).put(WEBHOOK, school.school).then().statusCode(201);
        school.as(school.staff("headteacher")).body(Map.of("url", "https://10.0.0.5/status"))
                .put(WEBHOOK, school.school).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("url")).body("violations[0].rule", equalTo("PublicAddress"))
                .body("violations[0].message", containsString("10.0.0.0/8"));
        school.as(school.schoolApp()).get(WEBHOOK, school.school).then().statusCode(200).body("url", equalTo(url));
    }

    @Test
    void theAllowedRangeIsHonouredAndNoWiderThanConfigured() {
        NotificationFixture school = new NotificationFixture("larch");
        // 127.0.0.1/32 is allowed in the test profile; its neighbour is not.
        school.as(school.schoolApp()).body(Map.of("url", "https://127.0.0.1:8443/status")).put(WEBHOOK, school.school)
                .then().statusCode(201);
        school.as(school.schoolApp()).body(Map.of("url", "https://127.0.0.2:8443/status")).put(WEBHOOK, school.school)
                .then().statusCode(400).body("violations[0].message", containsString("127.0.0.0/8 (loopback)"));
        school.contact("STAFF", "dsl", Map.of("appWebhookUrl", "https://127.0.0.1:8443/push"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data/", "https://localhost/push",
            "https://[::1]/push", "https://10.0.0.9/push", "https://push-gateway/push"})
    void anAppWebhookIntoTheClusterIsRefusedNamingTheFieldAndNothingIsStored(String url) {
        NotificationFixture school = new NotificationFixture("larch");
        school.as(school.schoolApp()).body(Map.of("email", NotificationFixture.email("dsl"), "appWebhookUrl", url))
                .put(CONTACT, school.school, "STAFF", "dsl").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("appWebhookUrl"))
                .body("violations.rule", hasItem("PublicAddress"));
        school.as(school.schoolApp()).get(CONTACT, school.school, "STAFF", "dsl").then().statusCode(404);
    }

    /**
     * DNS rebinding: the name looked public when it was registered (registration never resolves), and resolves to
     * a private address, among public ones, when the callback is due. Nothing is posted; the callback is dead at
     * once, its reason naming the rule and the range; a warning names ids only; the refusal is counted.
     */
    @Test
    void aWebhookWhoseNameResolvesIntoTheClusterAtSendTimeIsNotCalledAndItsCallbackIsDead() {
        CapturedLogs logs = CapturedLogs.install();
        NotificationFixture school = new NotificationFixture("rowan");
        String host = "rebind-" + school.school + ".chaperone.test";
        String url = "https://" + host + "/status";
        school.as(school.schoolApp()).body(Map.of("url", url)).put(WEBHOOK, school.school).then().statusCode(201);
        TestDns.answer(host, "93.184.216.34", "10.0.0.7");
        StatusWebhookTest.scheduled(school);

        await().atMost(WAIT).until(() -> "DEAD".equals(callback(school.school)[0]));
        Object[] callback = callback(school.school);
        assertThat(((Number) callback[2]).intValue()).as("given up at the first attempt").isEqualTo(1);
        assertThat((String) callback[1]).contains("PublicAddress", "10.0.0.0/8").doesNotContain(host);
        String id = (String) callback[3];
        school.as(school.schoolApp()).get(WEBHOOK + "/callbacks?status=DEAD", school.school).then().statusCode(200)
                .body("[0].id", equalTo(id)).body("[0].lastError", containsString("PublicAddress"));
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains(id)
                && line.contains("PublicAddress")).noneMatch(line -> line.contains(host));
        assertThat(metrics()).containsPattern(
                "notification_outbound_refused_total\\{[^}]*target=\"status-webhook\"[^}]*\\} [1-9]");
    }

    /** A row written before the rule (or by hand) with the metadata service's address is refused when it is due. */
    @Test
    void aWebhookStoredBeforeTheRuleIsCheckedWhenItIsCalled() {
        NotificationFixture school = new NotificationFixture("rowan");
        String path = "/school-app/" + school.school;
        StatusWebhookTest.register(school, path);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update status_webhook set url = 'https://169.254.169.254/latest/meta-data/' where school_id = ?1")
                .setParameter(1, school.school).executeUpdate());
        StatusWebhookTest.scheduled(school);

        await().atMost(WAIT).until(() -> "DEAD".equals(callback(school.school)[0]));
        assertThat((String) callback(school.school)[1]).contains("PublicAddress", "169.254.0.0/16");
        assertThat(((Number) callback(school.school)[2]).intValue()).isEqualTo(1);
        assertThat(StatusWebhookTest.received(path)).isEmpty();
    }

    /**
     * The post goes to the address that was checked: the name resolves only through the test resolver (nothing else
     * here knows it), to the allowed stand-in, and TLS still verifies the certificate against the name.
     */
    @Test
    void aWebhookIsCalledAtTheAddressThatWasCheckedUnderItsOwnName() {
        NotificationFixture school = new NotificationFixture("rowan");
        TestDns.answer(TestProviders.PINNED_HOST, "127.0.0.1");
        String path = "/pinned/" + school.school;
        school.as(school.schoolApp())
                .body(Map.of("url", "https://" + TestProviders.PINNED_HOST + ":" + TestProviders.httpsPort() + path))
                .put(WEBHOOK, school.school).then().statusCode(201);
        StatusWebhookTest.scheduled(school);

        await().atMost(WAIT).until(() -> "SENT".equals(callback(school.school)[0]));
        List<LoggedRequest> posts = StatusWebhookTest.received(path);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).getHeader("Host")).isEqualTo(TestProviders.PINNED_HOST + ":" + TestProviders.httpsPort());
    }

    /** An allowed address where nobody listens is an ordinary failure: retried, its reason a stable name. */
    @Test
    void anAllowedAddressThatDoesNotAnswerIsRetriedNotRefused() {
        NotificationFixture school = new NotificationFixture("rowan");
        school.as(school.schoolApp()).body(Map.of("url", "https://127.0.0.1:1/closed")).put(WEBHOOK, school.school)
                .then().statusCode(201);
        StatusWebhookTest.scheduled(school);

        await().atMost(WAIT).until(() -> callback(school.school)[2] != null
                && ((Number) callback(school.school)[2]).intValue() >= 2);
        Object[] callback = callback(school.school);
        assertThat(callback[0]).isEqualTo("PENDING");
        assertThat((String) callback[1]).isEqualTo("School app: ConnectException");
    }

    /** An app webhook that resolves into the cluster: that delivery fails at once; the alert's e-mail still goes. */
    @Test
    void anAppWebhookWhoseNameResolvesIntoTheClusterIsNotCalledAndTheAlertStillGoesByEmail() {
        CapturedLogs logs = CapturedLogs.install();
        NotificationFixture school = new NotificationFixture("rowan");
        String host = "push-" + school.school + ".chaperone.test";
        String email = NotificationFixture.email("dsl");
        school.contact("STAFF", "dsl", Map.of("email", email, "appWebhookUrl", "https://" + host + "/hook"));
        school.rota("dsl", List.of(), "head", List.of());
        TestDns.answer(host, "192.168.0.9");
        UUID incident = UUID.randomUUID();
        String eventId = school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident,
                school.school, IncidentCategory.DISCLOSURE, IncidentSeverity.HIGH, false, null, List.of(), "t-1",
                Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        assertThat(TestMail.awaitInbox(email, 1, WAIT)).hasSize(1);
        await().atMost(WAIT).until(() -> "FAILED".equals(appDelivery(eventId)[0]));
        Object[] app = appDelivery(eventId);
        assertThat((String) app[1]).contains("PublicAddress", "192.168.0.0/16").doesNotContain(host);
        assertThat(((Number) app[2]).intValue()).as("given up at the first attempt").isEqualTo(1);
        String deliveryId = (String) app[3];
        assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains(deliveryId)
                && line.contains("PublicAddress")).noneMatch(line -> line.contains(host));
        assertThat(metrics()).containsPattern(
                "notification_outbound_refused_total\\{[^}]*target=\"app-push\"[^}]*\\} [1-9]");
    }

    // ---- helpers ----

    /** Status, last error, attempts and id of the school's one callback; nulls while there is none. */
    Object[] callback(String school) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select status, last_error, attempts, cast(id as text) "
                    + "from status_callback where school_id = ?1").setParameter(1, school).getResultList();
            return rows.isEmpty() ? new Object[4] : (Object[]) rows.get(0);
        });
    }

    /** Status, last error, attempts and id of the event's app delivery; nulls while there is none. */
    Object[] appDelivery(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select status, last_error, attempts, cast(id as text) "
                    + "from delivery where event_id = ?1 and channel = 'APP'").setParameter(1, eventId)
                    .getResultList();
            return rows.isEmpty() ? new Object[4] : (Object[]) rows.get(0);
        });
    }

    long count(String from) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from " + from).getSingleResult()).longValue());
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
