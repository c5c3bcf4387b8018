package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentAcknowledged;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.events.notification.AlertEscalated;
import org.chaperone.events.notification.EscalationLevel;
import org.chaperone.events.notification.EscalationReason;
import org.chaperone.events.notification.NotificationDelivered;
import org.chaperone.events.notification.NotificationKind;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestMail.Received;
import org.chaperone.notification.service.EscalationService;
import org.chaperone.testkit.PublishedEvents;
import org.junit.jupiter.api.Test;

/**
 * R17 on the real broker, database and SMTP server: an alert nobody acknowledges climbs the ladder (Headteacher, then
 * the trust's safeguarding lead, then round again) one window at a time, and an acknowledgement stops it. The clock
 * is rows, so a step rolled back by a crash is taken once later, and two clocks racing take it once.
 */
@QuarkusTest
class EscalationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TRUST_LEAD = "trust-safeguarding-lead";

    @Inject
    EntityManager entityManager;
    @Inject
    EscalationService escalations;

    /** A school with a DSL, a deputy, a Headteacher, out-of-hours cover and the trust lead, each with an address. */
    static final class School {
        final NotificationFixture fixture = new NotificationFixture("esc");
        final String dsl = fixture.staffEmail("dsl");
        final String deputy = fixture.staffEmail("deputy");
        final String head = fixture.staffEmail("head");
        final String cover = fixture.staffEmail("cover");
        final String trustLead = fixture.staffEmail(TRUST_LEAD);

        School(String window, boolean alwaysInHours) {
            fixture.rota("dsl", List.of("deputy"), "head", List.of(), "cover",
                    NotificationFixture.escalation(window, alwaysInHours));
        }

        UUID raise(IncidentSeverity severity, IncidentRouting routing, String concernsStaffId) {
            UUID incident = UUID.randomUUID();
            fixture.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident, fixture.school,
                    routing == IncidentRouting.DSL_TEAM ? IncidentCategory.DISCLOSURE : IncidentCategory.STAFF_CONDUCT,
                    severity, false, null, List.of(UUID.randomUUID()), "t-1", Instant.now(), Instant.now(), routing,
                    concernsStaffId));
            return incident;
        }

        void acknowledge(UUID incident) {
            fixture.send(EventTypes.INCIDENT_ACKNOWLEDGED, incident.toString(),
                    new IncidentAcknowledged(incident, fixture.school, "dsl", Instant.now()));
        }
    }

    @Test
    void noAcknowledgementClimbsTheLadderRoundAgainAndAnAcknowledgementStopsIt() {
        CapturedLogs logs = CapturedLogs.install();
        School school = new School("PT2S", true);
        try (PublishedEvents published = PublishedEvents.on(EventTypes.NOTIFICATION_TOPIC)) {
            UUID incident = school.raise(IncidentSeverity.HIGH, IncidentRouting.DSL_TEAM, null);

            for (String address : List.of(school.dsl, school.deputy)) {
                assertThat(TestMail.awaitInbox(address, 1, WAIT).get(0).subject())
                        .startsWith("safeguarding concern raised");
            }
            Received toHead = TestMail.awaitInbox(school.head, 1, WAIT).get(0);
            assertThat(toHead.subject()).contains("UNACKNOWLEDGED safeguarding concern (HIGH)");
            assertThat(toHead.text()).contains("escalated to you as the Headteacher (escalation 1)",
                    "/incidents/" + incident);
            Received toLead = TestMail.awaitInbox(school.trustLead, 1, WAIT).get(0);
            assertThat(toLead.text()).contains("the trust's safeguarding lead (escalation 2)");
            // Round again: the Headteacher a second time.
            assertThat(TestMail.awaitInbox(school.head, 2, WAIT).get(1).text()).contains("(escalation 3)");

            school.acknowledge(incident);
            await().atMost(WAIT).until(() -> "ACKNOWLEDGED".equals(alert(incident)[0]));
            int steps = ((Number) alert(incident)[1]).intValue();
            assertThat(steps).isBetween(3, 5);

            TestMail.sleep(5_000); // two and a half windows
            assertThat(((Number) alert(incident)[1]).intValue()).as("steps after the acknowledgement").isEqualTo(steps);
            assertThat(TestMail.inbox(school.head)).hasSize((steps + 1) / 2);
            assertThat(TestMail.inbox(school.trustLead)).hasSize(steps / 2);
            assertThat(TestMail.inbox(school.dsl)).as("the DSL's alert is not repeated").hasSize(1);
            assertThat(TestMail.inbox(school.cover)).as("in school hours the cover is not alerted").isEmpty();
            assertThat(TestMail.inbox(school.dsl).get(0).text()).doesNotContain("OUTSIDE SCHOOL HOURS");

            List<AlertEscalated> escalated = published.awaitAll(r -> r.event().data() instanceof AlertEscalated e
                    && e.incidentId().equals(incident), steps, WAIT).stream()
                    .map(r -> (AlertEscalated) r.event().data()).toList();
            assertThat(escalated).extracting(AlertEscalated::step).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, steps).boxed().toList());
            assertThat(escalated.get(0).level()).isEqualTo(EscalationLevel.HEADTEACHER);
            assertThat(escalated.get(0).recipientStaffIds()).containsExactly("head");
            assertThat(escalated.get(1).level()).isEqualTo(EscalationLevel.TRUST_SAFEGUARDING_LEAD);
            assertThat(escalated).allMatch(e -> e.reason() == EscalationReason.NOT_ACKNOWLEDGED && !e.outOfHours());
            assertThat(published.awaitAll(r -> r.event().data() instanceof NotificationDelivered d
                    && d.subjectId().equals(incident.toString()) && d.kind() == NotificationKind.INCIDENT_ALERT, 2, WAIT))
                    .extracting(r -> ((NotificationDelivered) r.event().data()).recipientId())
                    .containsExactlyInAnyOrder("dsl", "deputy");
            for (PublishedEvents.Received record : published.readFor(Duration.ZERO)) {
                assertThat(record.json()).doesNotContain(school.head, school.dsl, school.trustLead, "@");
            }
        }
        assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(school.head) || line.contains(school.dsl)
                || line.contains("@families.test"));
    }

    @Test
    void outOfHoursTheCoverIsAlertedFirstWithTheDslTeam() {
        School school = new School("PT1H", false);
        UUID incident = school.raise(IncidentSeverity.MEDIUM, IncidentRouting.DSL_TEAM, null);

        for (String address : List.of(school.cover, school.dsl, school.deputy)) {
            Received alert = TestMail.awaitInbox(address, 1, WAIT).get(0);
            assertThat(alert.subject()).startsWith("safeguarding concern raised");
            assertThat(alert.text()).contains("Raised OUTSIDE SCHOOL HOURS");
        }
        await().atMost(WAIT).until(() -> alert(incident)[0] != null);
        assertThat((Boolean) alert(incident)[2]).as("out of hours").isTrue();
        assertThat(recipients(incident.toString())).containsExactlyInAnyOrder("cover", "dsl", "deputy");
    }

    @Test
    void aStaffConductConcernRemindsTheTrustLeadAndNeverTellsTheHeadteacherItNames() {
        School school = new School("PT2S", true);
        UUID incident = school.raise(IncidentSeverity.HIGH, IncidentRouting.HEADTEACHER_AND_TRUST_LEAD, "head");

        assertThat(TestMail.awaitInbox(school.trustLead, 2, WAIT).get(1).subject()).contains("UNACKNOWLEDGED");
        school.acknowledge(incident);
        await().atMost(WAIT).until(() -> "ACKNOWLEDGED".equals(alert(incident)[0]));
        assertThat(TestMail.inbox(school.head)).as("the Headteacher the concern names").isEmpty();
        assertThat(TestMail.inbox(school.dsl)).isEmpty();
    }

    @Test
    void anAlertThatReachesNobodyEscalatesAtOnceNotAfterTheWindow() {
        NotificationFixture fixture = new NotificationFixture("esc");
        String head = fixture.staffEmail("head");
        // The DSL and deputy have no contact point at all.
        fixture.rota("dsl", List.of("deputy"), "head", List.of(), null, NotificationFixture.escalation("PT1H", true));
        UUID incident = UUID.randomUUID();
        try (PublishedEvents published = PublishedEvents.on(EventTypes.NOTIFICATION_TOPIC)) {
            fixture.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident, fixture.school,
                    IncidentCategory.ONLINE_ABUSE, IncidentSeverity.LOW, false, null, List.of(), "t-1", Instant.now(),
                    Instant.now(), IncidentRouting.DSL_TEAM, null));

            Received escalation = TestMail.awaitInbox(head, 1, WAIT).get(0);
            assertThat(escalation.text()).contains("could not be delivered to the people who should have had it");
            AlertEscalated event = (AlertEscalated) published.awaitOne(r -> r.event().data() instanceof AlertEscalated e
                    && e.incidentId().equals(incident), WAIT).event().data();
            assertThat(event.reason()).isEqualTo(EscalationReason.UNDELIVERABLE);
            assertThat(event.step()).isEqualTo(1);
        }
    }

    /**
     * A crash in the middle of a step: the transaction that planned the Headteacher's messages and moved the counter
     * rolls back. The step is neither lost (it is still due, and is taken) nor repeated (one message, one event).
     */
    @Test
    void aStepRolledBackByACrashIsTakenOnceLater() {
        School school = new School("PT1H", true);
        UUID incident = school.raise(IncidentSeverity.HIGH, IncidentRouting.DSL_TEAM, null);
        TestMail.awaitInbox(school.dsl, 1, WAIT);
        await().atMost(WAIT).until(() -> alert(incident)[0] != null);
        dueIn(incident, Duration.ofSeconds(2));

        QuarkusTransaction.begin();
        try {
            // Hold the row as the crashing clock does, so that the background clock cannot take the step first.
            entityManager.createNativeQuery("select 1 from alert_escalation where incident_id = ?1 for update")
                    .setParameter(1, incident).getResultList();
            TestMail.sleep(2_500);
            assertThat(escalations.escalateDueInTransaction()).isGreaterThanOrEqualTo(1);
            assertThat(countDeliveries(incident, 1)).as("planned inside the doomed transaction").isPositive();
        } finally {
            QuarkusTransaction.rollback();
        }

        try (PublishedEvents published = PublishedEvents.on(EventTypes.NOTIFICATION_TOPIC)) {
            assertThat(TestMail.awaitInbox(school.head, 1, WAIT)).hasSize(1);
            await().atMost(WAIT).until(() -> ((Number) alert(incident)[1]).intValue() == 1);
            TestMail.sleep(2_000);
            assertThat(TestMail.inbox(school.head)).as("the step is taken once").hasSize(1);
            assertThat(((Number) alert(incident)[1]).intValue()).isEqualTo(1);
            assertThat(published.readFor(Duration.ofSeconds(2))).filteredOn(r -> r.event().data() instanceof AlertEscalated e
                    && e.incidentId().equals(incident)).hasSize(1);
        }
    }

    /** Two replicas' clocks (and the background one) racing for the same due alert take its step once. */
    @Test
    void twoClocksRacingTakeAStepOnce() throws Exception {
        School school = new School("PT1H", true);
        UUID incident = school.raise(IncidentSeverity.HIGH, IncidentRouting.DSL_TEAM, null);
        TestMail.awaitInbox(school.dsl, 1, WAIT);
        await().atMost(WAIT).until(() -> alert(incident)[0] != null);
        dueIn(incident, Duration.ofMillis(300));

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rounds.add(replicas.submit(() -> {
                    start.await();
                    TestMail.sleep(300);
                    return escalations.escalateDue();
                }));
            }
            for (Future<Integer> round : rounds) {
                round.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        await().atMost(WAIT).until(() -> ((Number) alert(incident)[1]).intValue() >= 1);
        TestMail.awaitInbox(school.head, 1, WAIT);
        TestMail.sleep(1_500);
        assertThat(((Number) alert(incident)[1]).intValue()).isEqualTo(1);
        assertThat(TestMail.inbox(school.head)).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> countDeliveries(incident, 2))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> countDeliveries(incident, 1))).isEqualTo(1);
    }

    /** Status, steps fired and out-of-hours of the incident's alert; nulls while there is none. */
    Object[] alert(UUID incident) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery(
                    "select status, steps_fired, out_of_hours from alert_escalation where incident_id = ?1")
                    .setParameter(1, incident).getResultList();
            return rows.isEmpty() ? new Object[3] : (Object[]) rows.get(0);
        });
    }

    void dueIn(UUID incident, Duration in) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update alert_escalation set next_step_at = ?2 where incident_id = ?1")
                .setParameter(1, incident).setParameter(2, Instant.now().plus(in)).executeUpdate());
    }

    /** Deliveries of escalation step {@code step} of the incident's alert, in the caller's transaction. */
    long countDeliveries(UUID incident, int step) {
        return ((Number) entityManager.createNativeQuery(
                        "select count(*) from delivery where subject_id = ?1 and event_id like ?2")
                .setParameter(1, incident.toString()).setParameter(2, "%/escalation/" + step)
                .getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    List<String> recipients(String incident) {
        return QuarkusTransaction.requiringNew().call(() -> (List<String>) entityManager.createNativeQuery(
                        "select recipient_id from delivery where subject_id = ?1 and message_kind = 'INCIDENT_ALERT'")
                .setParameter(1, incident).getResultList());
    }
}
