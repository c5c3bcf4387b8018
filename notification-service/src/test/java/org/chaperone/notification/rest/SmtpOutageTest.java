package org.chaperone.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestMail.Received;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.rest.DeliveryFlowTest.Invite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server down for a while: the delivery is retried with backoff and sent once it is back. Down for longer
 * than the last attempt: the delivery is dead, with a warning (ids only) and a metric for the operator.
 * (Tests run with 5 attempts, 500 ms first retry.)
 */
@QuarkusTest
class SmtpOutageTest {

    static final NotificationFixture PINE = new NotificationFixture("pine");

    @Inject
    EntityManager entityManager;

    @AfterEach
    void mailServerBack() {
        TestMail.serverUp();
    }

    @Test
    void aShortOutageIsRetriedThenDelivered() {
        UUID guardian = UUID.randomUUID();
        String email = PINE.guardianEmail(guardian);
        TestMail.serverDown();
        Invite invite = new Invite();
        String eventId = PINE.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(),
                invite.event(List.of(guardian)));

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(eventId) >= 2);
        Object[] retrying = delivery(eventId);
        assertThat(retrying[0]).isEqualTo("PENDING");
        assertThat((String) retrying[1]).startsWith("SMTP:").doesNotContain(email);
        TestMail.serverUp();

        assertThat(TestMail.awaitInbox(email, 1, Duration.ofSeconds(30)).get(0).text()).contains(invite.passcode);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(delivery(eventId)[0]));
        assertThat(attempts(eventId)).isBetween(3, 5);
    }

    @Test
    void anOutageLongerThanTheLastAttemptLeavesADeadLetterAnAlarmAndNoSecret() {
        CapturedLogs logs = CapturedLogs.install();
        UUID guardian = UUID.randomUUID();
        String email = PINE.guardianEmail(guardian);
        TestMail.serverDown();
        Invite invite = new Invite();
        String eventId = PINE.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(),
                invite.event(List.of(guardian)));

        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(delivery(eventId)[0]));
        assertThat(attempts(eventId)).isEqualTo(5);
        Object[] dead = delivery(eventId);
        assertThat(dead[2]).as("sealed secrets").isNull();
        String deliveryId = dead[3].toString();
        assertThat(logs.lines()).anyMatch(line -> line.contains("DEAD LETTER: delivery " + deliveryId))
                .noneMatch(line -> line.contains(email) || line.contains(invite.passcode));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("notification_deliveries_dead_total\\{[^}]*kind=\"INVITE\"[^}]*\\} [1-9]");

        TestMail.serverUp();
        TestMail.sleep(2_000);
        assertThat(TestMail.inbox(email)).as("a dead delivery is not sent later").isEmpty();
    }

    /**
     * R17 and item 5: an incident alert that could not be delivered on any channel escalates at once, long before
     * the school's window (an hour here) runs out.
     */
    @Test
    void anIncidentAlertThatCannotBeDeliveredEscalatesAtOnce() {
        NotificationFixture school = new NotificationFixture("pine");
        String dsl = school.staffEmail("dsl");
        String head = school.staffEmail("head");
        school.rota("dsl", List.of(), "head", List.of(), null, NotificationFixture.escalation("PT1H", true));
        TestMail.serverDown();
        UUID incident = UUID.randomUUID();
        String eventId = school.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident,
                school.school, IncidentCategory.DISCLOSURE, IncidentSeverity.HIGH, false, null, List.of(), "t-1",
                Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(delivery(eventId)[0]));
        TestMail.serverUp();

        Received escalation = TestMail.awaitInbox(head, 1, Duration.ofSeconds(60)).get(0);
        assertThat(escalation.subject()).contains("UNACKNOWLEDGED");
        assertThat(escalation.text()).contains("could not be delivered", "(escalation 1)");
        assertThat(TestMail.inbox(dsl)).as("the dead alert itself is not sent later").isEmpty();
    }

    /** Attempts so far; 0 while the consumer has not planned the delivery yet. */
    @Transactional
    int attempts(String eventId) {
        List<?> rows = entityManager.createNativeQuery("select attempts from delivery where event_id = ?1")
                .setParameter(1, eventId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
    }

    /** Status, last error, sealed secrets and id; all null while the delivery is not planned yet. */
    @Transactional
    Object[] delivery(String eventId) {
        List<?> rows = entityManager.createNativeQuery(
                        "select status, last_error, sealed_secrets, id from delivery where event_id = ?1")
                .setParameter(1, eventId).getResultList();
        return rows.isEmpty() ? new Object[4] : (Object[]) rows.get(0);
    }
}
