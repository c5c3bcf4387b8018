package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestProviders;
import org.chaperone.notification.service.SignedWebhook;
import org.junit.jupiter.api.Test;

/**
 * SMS and app push (R12: an alert goes out on every channel the DSL has) through HTTPS providers, each call signed
 * with HMAC-SHA256 under the provider's secret, which the stand-in's received requests are checked against.
 */
@QuarkusTest
class ProviderChannelsTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager entityManager;

    @Test
    void anAlertReachesTheSmsGatewayAndTheAppSignedAndSayingOnlyWhatTheEmailSays() throws Exception {
        CapturedLogs logs = CapturedLogs.install();
        NotificationFixture school = new NotificationFixture("ash");
        String mobile = "+447700" + (900000 + ThreadLocalRandom.current().nextInt(99_999));
        String email = NotificationFixture.email("dsl");
        String push = "/push/dsl-" + school.school;
        school.contact("STAFF", "dsl", Map.of("email", email, "mobile", mobile,
                "appWebhookUrl", TestProviders.baseUrl() + push));
        school.rota("dsl", List.of(), "head", List.of());
        UUID incident = UUID.randomUUID();
        String eventId = school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident,
                school.school, IncidentCategory.DISCLOSURE, IncidentSeverity.CRITICAL, true, null, List.of(), "t-1",
                Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        LoggedRequest sms = await().atMost(WAIT).until(() -> request("/sms", mobile), Optional::isPresent).get();
        assertSigned(sms, TestProviders.SMS_SECRET);
        JsonNode smsBody = JSON.readTree(sms.getBodyAsString());
        assertThat(smsBody.get("to").asText()).isEqualTo(mobile);
        assertThat(smsBody.get("from").asText()).isEqualTo("Chaperone");
        assertThat(smsBody.get("text").asText()).startsWith("IMMEDIATE RISK.")
                .contains("safeguarding concern (CRITICAL)", "/incidents/" + incident).hasSizeLessThanOrEqualTo(480);

        LoggedRequest app = await().atMost(WAIT).until(() -> request(push, null), Optional::isPresent).get();
        assertSigned(app, TestProviders.PUSH_SECRET);
        JsonNode appBody = JSON.readTree(app.getBodyAsString());
        assertThat(appBody.get("title").asText()).startsWith("IMMEDIATE RISK: safeguarding concern raised");
        assertThat(appBody.get("text").asText()).contains("/incidents/" + incident);
        assertThat(appBody.has("to")).as("the app's own webhook needs no address in the body").isFalse();

        assertThat(TestMail.awaitInbox(email, 1, WAIT)).hasSize(1);
        await().atMost(WAIT).until(() -> statuses(eventId).equals(List.of("APP:SENT", "EMAIL:SENT", "SMS:SENT")));
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(mobile) || line.contains(email)
                || line.contains(push));
    }

    @Test
    void aProviderThatRefusesIsRetriedAndItsAnswerKeptWithoutTheNumber() {
        NotificationFixture school = new NotificationFixture("ash");
        // The stand-in refuses calls to this path: the push provider is "down".
        String push = "/refuse/dsl-" + school.school;
        TestProviders.refuse("/refuse/.*");
        school.contact("STAFF", "dsl", Map.of("appWebhookUrl", TestProviders.baseUrl() + push));
        school.rota("dsl", List.of(), "head", List.of());
        UUID incident = UUID.randomUUID();
        String eventId = school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident,
                school.school, IncidentCategory.ONLINE_ABUSE, IncidentSeverity.MEDIUM, false, null, List.of(), "t-1",
                Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        await().atMost(WAIT).until(() -> attempts(eventId) >= 2);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "select status, last_error from delivery where event_id = ?1 and channel = 'APP'")
                .setParameter(1, eventId).getSingleResult());
        assertThat((String) row[1]).isEqualTo("Provider: HTTP 503");
        assertThat(TestProviders.received().stream().filter(r -> r.getUrl().equals(push)).count()).isGreaterThan(1);
    }

    private static void assertSigned(LoggedRequest request, String secret) {
        String timestamp = request.getHeader(SignedWebhook.TIMESTAMP);
        String id = request.getHeader(SignedWebhook.ID);
        String signature = request.getHeader(SignedWebhook.SIGNATURE);
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(120);
        assertThat(id).isNotBlank();
        byte[] body = request.getBodyAsString().getBytes(StandardCharsets.UTF_8);
        assertThat(signature).isEqualTo("v1=" + SignedWebhook.sign(secret.getBytes(StandardCharsets.UTF_8),
                timestamp, id, body));
        assertThat(signature).as("a signature under another secret differs").isNotEqualTo("v1="
                + SignedWebhook.sign("not-the-secret".getBytes(StandardCharsets.UTF_8), timestamp, id, body));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    private static Optional<LoggedRequest> request(String path, String containing) {
        return TestProviders.received().stream().filter(r -> r.getUrl().equals(path))
                .filter(r -> containing == null || r.getBodyAsString().contains(containing)).findFirst();
    }

    @SuppressWarnings("unchecked")
    List<String> statuses(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) entityManager.createNativeQuery(
                        "select channel || ':' || status from delivery where event_id = ?1 order by channel")
                .setParameter(1, eventId).getResultList());
    }

    int attempts(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                            "select attempts from delivery where event_id = ?1 and channel = 'APP'")
                    .setParameter(1, eventId).getResultList();
            return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
        });
    }
}
