package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.events.scheduling.BlockReason;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.events.scheduling.SessionApprovalRequested;
import org.chaperone.events.scheduling.SessionKind;
import org.chaperone.events.scheduling.SessionScheduled;
import org.chaperone.notification.CapturedLogs;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestMail.Received;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events published on the real broker become e-mails on a real SMTP server, read back over IMAP: to exactly the
 * people they are for, once each, with the link and passcode nowhere else.
 */
@QuarkusTest
class DeliveryFlowTest {

    static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    static final NotificationFixture OAK = new NotificationFixture("oak");

    @Inject
    EntityManager entityManager;
    CapturedLogs logs;

    @BeforeEach
    void captureLogs() {
        logs = CapturedLogs.install();
    }

    @Test
    void anInviteReachesExactlyTheNamedGuardiansWithLinkPasscodeAndRules() {
        UUID mum = UUID.randomUUID();
        UUID dad = UUID.randomUUID();
        UUID otherParent = UUID.randomUUID();
        String mumEmail = OAK.guardianEmail(mum);
        String dadEmail = OAK.guardianEmail(dad);
        String otherEmail = OAK.guardianEmail(otherParent);
        Invite invite = new Invite();
        OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(), invite.event(List.of(mum, dad)));

        for (String address : List.of(mumEmail, dadEmail)) {
            List<Received> mail = TestMail.awaitInbox(address, 1, MAIL_WAIT);
            assertThat(mail).hasSize(1);
            Received message = mail.get(0);
            assertThat(message.to()).containsExactly(address);
            assertThat(message.subject()).startsWith("Live lesson invitation for");
            assertThat(message.text())
                    .contains(invite.joinUrl, "Passcode: " + invite.passcode)
                    .contains("RULES OF PARTICIPATION", "suitable clothing", "shared family room", "never a bedroom",
                            "adult from your household", "records, photographs or takes screenshots",
                            "HOW TO REPORT A CONCERN", "Designated Safeguarding Lead", "call 999")
                    .contains("Hosted by: 2 members of school staff");
        }
        TestMail.sleep(1_000);
        assertThat(TestMail.inbox(otherEmail)).as("a guardian the event does not name").isEmpty();
    }

    @Test
    void theSameEventTwiceSendsOneMailPerRecipient() {
        UUID guardian = UUID.randomUUID();
        String email = OAK.guardianEmail(guardian);
        Invite invite = new Invite();
        String eventId = UUID.randomUUID().toString();
        InviteDispatched data = invite.event(List.of(guardian, guardian));
        OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(), data, eventId);
        OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(), data, eventId);

        TestMail.awaitInbox(email, 1, MAIL_WAIT);
        await().atMost(MAIL_WAIT).until(() -> statuses(eventId).equals(List.of("SENT")));
        TestMail.sleep(1_500);
        assertThat(TestMail.inbox(email)).hasSize(1);
        assertThat(statuses(eventId)).containsExactly("SENT");
    }

    @Test
    void aGuardianWithoutAContactPointIsAFailedDeliveryNotACrash() {
        UUID reachable = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        String email = OAK.guardianEmail(reachable);
        Invite invite = new Invite();
        String eventId = OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(),
                invite.event(List.of(unknown, reachable)));

        TestMail.awaitInbox(email, 1, MAIL_WAIT);
        await().atMost(MAIL_WAIT).until(() -> statuses(eventId).size() == 2 && !statuses(eventId).contains("PENDING"));
        Object[] failed = row("select status, recipient_id, last_error, attempts from delivery where event_id = ?1 "
                + "and recipient_id = ?2", eventId, unknown.toString());
        assertThat(failed[0]).isEqualTo("FAILED");
        assertThat((String) failed[2]).contains("No contact point");
        assertThat(((Number) failed[3]).intValue()).isZero();

        // The channel keeps going: a later event is still delivered.
        Invite next = new Invite();
        OAK.send(EventTypes.INVITE_DISPATCHED, next.session.toString(), next.event(List.of(reachable)));
        assertThat(TestMail.awaitInbox(email, 2, MAIL_WAIT)).hasSize(2);
    }

    @Test
    void thePasscodeAndLinkAreInNoTableAndNoLogLineOnlyInTheMessage() {
        UUID guardian = UUID.randomUUID();
        String email = OAK.guardianEmail(guardian);
        Invite invite = new Invite();
        String eventId = OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(),
                invite.event(List.of(guardian)));

        assertThat(TestMail.awaitInbox(email, 1, MAIL_WAIT).get(0).text()).contains(invite.passcode, invite.joinUrl);
        await().atMost(MAIL_WAIT).until(() -> statuses(eventId).equals(List.of("SENT")));
        for (String secret : List.of(invite.passcode, invite.joinUrl, invite.token)) {
            assertThat(tablesContaining(secret)).as("tables holding a secret").isEmpty();
        }
        assertThat(tablesContaining(invite.session.toString())).as("the scan finds what is there").isNotEmpty();
        assertThat(tablesContaining(email)).as("where an address is kept").containsExactly("contact_point");
        assertThat(row("select sealed_secrets from delivery where event_id = ?1", eventId)).containsOnlyNulls();
        assertThat(logs.lines()).as("log lines").isNotEmpty()
                .noneMatch(line -> line.contains(invite.passcode) || line.contains(invite.token)
                        || line.contains(email));
    }

    @Test
    void aRevokedInviteTellsTheSameGuardiansTheLinkNoLongerWorks() {
        UUID mum = UUID.randomUUID();
        UUID dad = UUID.randomUUID();
        String mumEmail = OAK.guardianEmail(mum);
        String dadEmail = OAK.guardianEmail(dad);
        Invite invite = new Invite();
        OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(), invite.event(List.of(mum, dad)));
        OAK.send(EventTypes.INVITE_REVOKED, invite.session.toString(), new InviteRevoked(invite.invite,
                invite.session, OAK.school, invite.pupil, List.of(mum, dad), BlockReason.LIVE_VIDEO_CONSENT_WITHDRAWN,
                Instant.now()));

        for (String address : List.of(mumEmail, dadEmail)) {
            List<Received> mail = TestMail.awaitInbox(address, 2, MAIL_WAIT);
            Received revoked = mail.stream().filter(m -> m.subject().contains("no longer works")).findFirst()
                    .orElseThrow();
            assertThat(revoked.to()).containsExactly(address);
            assertThat(revoked.text()).contains("no longer work", "consent for your child to take part in live "
                    + "lessons was withdrawn").doesNotContain(invite.passcode, invite.joinUrl);
        }
    }

    @Test
    void sltAreToldOfEveryScheduledSessionAndTheHeadteacherOfAnApprovalRequest() {
        NotificationFixture elm = new NotificationFixture("elm");
        String slt1 = elm.staffEmail("slt-1");
        String slt2 = elm.staffEmail("slt-2");
        String head = elm.staffEmail("head");
        String dsl = elm.staffEmail("dsl");
        elm.rota("dsl", List.of(), "head", List.of("slt-1", "slt-2"));
        UUID session = UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        elm.send(EventTypes.SESSION_SCHEDULED, session.toString(), new SessionScheduled(session, elm.school,
                SessionKind.ONE_TO_ONE, start, start.plus(45, ChronoUnit.MINUTES), List.of("t-1", "t-2"),
                List.of(UUID.randomUUID()), false, true, 3, "t-1", Instant.now()));
        elm.send(EventTypes.SESSION_APPROVAL_REQUESTED, session.toString(), new SessionApprovalRequested(session,
                elm.school, start, start.plus(45, ChronoUnit.MINUTES), "t-1", Instant.now()));

        for (String address : List.of(slt1, slt2)) {
            Received scheduled = TestMail.awaitInbox(address, 1, MAIL_WAIT).get(0);
            assertThat(scheduled.subject()).startsWith("Live session scheduled for");
            assertThat(scheduled.text()).contains("Kind: one-to-one", "Pupils: 1", "approval of the Headteacher or a deputy head",
                    session.toString());
        }
        Received approval = TestMail.awaitInbox(head, 1, MAIL_WAIT).get(0);
        assertThat(approval.subject()).startsWith("Approval needed: one-to-one live session");
        TestMail.sleep(1_000);
        assertThat(TestMail.inbox(dsl)).isEmpty();
        assertThat(TestMail.inbox(slt1)).hasSize(1);
    }

    /** R3: approval by the Headteacher or a deputy head, so the request goes to each of them and nobody else. */
    @Test
    void anApprovalRequestGoesToTheHeadteacherAndEachDeputyHead() {
        NotificationFixture oak = new NotificationFixture("oak");
        String head = oak.staffEmail("head");
        String deputy1 = oak.staffEmail("dh-1");
        String deputy2 = oak.staffEmail("dh-2");
        String dsl = oak.staffEmail("dsl");
        String slt = oak.staffEmail("slt-1");
        Map<String, Object> rota = new HashMap<>();
        rota.put("dsl", "dsl");
        rota.put("headteacher", "head");
        rota.put("deputyHeadteachers", List.of("dh-1", "dh-2"));
        rota.put("slt", List.of("slt-1"));
        oak.as(oak.schoolApp()).body(rota).put("/api/v1/rota/{school}", oak.school).then().statusCode(200)
                .body("deputyHeadteachers", contains("dh-1", "dh-2"));
        UUID session = UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String eventId = oak.send(EventTypes.SESSION_APPROVAL_REQUESTED, session.toString(),
                new SessionApprovalRequested(session, oak.school, start, start.plus(45, ChronoUnit.MINUTES), "t-1",
                        Instant.now()));

        for (String address : List.of(head, deputy1, deputy2)) {
            Received approval = TestMail.awaitInbox(address, 1, MAIL_WAIT).get(0);
            assertThat(approval.to()).containsExactly(address);
            assertThat(approval.subject()).startsWith("Approval needed: one-to-one live session");
            assertThat(approval.text()).contains("/sessions/" + session);
        }
        await().atMost(MAIL_WAIT).untilAsserted(() -> oak.as(oak.schoolApp())
                .get("/api/v1/deliveries/{school}?eventId={event}", oak.school, eventId).then().statusCode(200)
                .body("recipientId", containsInAnyOrder("head", "dh-1", "dh-2"))
                .body("status", everyItem(equalTo("SENT"))));
        TestMail.sleep(1_000);
        assertThat(TestMail.inbox(dsl)).isEmpty();
        assertThat(TestMail.inbox(slt)).isEmpty();
        assertThat(TestMail.inbox(head)).as("one request each").hasSize(1);
    }

    @Test
    void aSchoolWithoutARotaHasItsSltMessageAccountedForAsFailed() {
        NotificationFixture ash = new NotificationFixture("ash");
        UUID session = UUID.randomUUID();
        Instant start = Instant.now().plus(7, ChronoUnit.DAYS);
        String eventId = ash.send(EventTypes.SESSION_SCHEDULED, session.toString(), new SessionScheduled(session,
                ash.school, SessionKind.GROUP, start, start.plus(45, ChronoUnit.MINUTES), List.of("t-1", "t-2"),
                List.of(UUID.randomUUID()), false, false, 0, "t-1", Instant.now()));
        await().atMost(MAIL_WAIT).until(() -> statuses(eventId).equals(List.of("FAILED")));
        ash.as(ash.schoolApp()).get("/api/v1/deliveries/{school}?eventId={event}", ash.school, eventId).then()
                .statusCode(200).body("", hasSize(1))
                .body("[0].recipientType", equalTo("UNFILLED_ROLE")).body("[0].recipientId", equalTo("SLT"))
                .body("[0].status", equalTo("FAILED"));
    }

    @Test
    void aConsentRequestTellsTheGuardiansWhoWhatHowAndThatItIsOptional() {
        UUID guardian = UUID.randomUUID();
        String email = OAK.guardianEmail(guardian);
        UUID request = UUID.randomUUID();
        UUID pupil = UUID.randomUUID();
        OAK.send(EventTypes.CONSENT_REQUESTED, pupil.toString(), new ConsentRequested(request, OAK.school, pupil,
                List.of(guardian), ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, null,
                Instant.now().plus(14, ChronoUnit.DAYS), "teacher-1", Instant.now()));

        Received mail = TestMail.awaitInbox(email, 1, MAIL_WAIT).get(0);
        assertThat(mail.subject()).isEqualTo("Your consent is asked for: live online lessons");
        assertThat(mail.text()).contains("WHO IS ASKING", "WHAT YOU ARE ASKED TO AGREE TO", "HOW TO ANSWER",
                "Giving consent is optional", "withdraw your consent at any time", "Please answer by",
                "consent-requests/" + request);
    }

    @Test
    void aRaisedConcernAlertsTheDslTeamAndStaffConductGoesToTheHeadAndTrustLeadOnly() {
        NotificationFixture yew = new NotificationFixture("yew");
        String dsl = yew.staffEmail("dsl");
        String deputy = yew.staffEmail("deputy");
        String head = yew.staffEmail("head");
        String trustLead = yew.staffEmail("trust-safeguarding-lead");
        yew.rota("dsl", List.of("deputy"), "head", List.of("head"));
        UUID incident = UUID.randomUUID();
        yew.send(EventTypes.INCIDENT_RAISED, incident.toString(), new IncidentRaised(incident, yew.school,
                IncidentCategory.DISCLOSURE, IncidentSeverity.CRITICAL, true, null, List.of(UUID.randomUUID()),
                "t-1", Instant.now(), Instant.now(), IncidentRouting.DSL_TEAM, null));

        for (String address : List.of(dsl, deputy)) {
            Received alert = TestMail.awaitInbox(address, 1, MAIL_WAIT).get(0);
            assertThat(alert.subject()).isEqualTo("IMMEDIATE RISK: safeguarding concern raised (CRITICAL)");
            assertThat(alert.text()).startsWith("IMMEDIATE RISK OF HARM").contains("Category: disclosure",
                    "incidents/" + incident);
        }

        UUID conduct = UUID.randomUUID();
        yew.send(EventTypes.INCIDENT_RAISED, conduct.toString(), new IncidentRaised(conduct, yew.school,
                IncidentCategory.STAFF_CONDUCT, IncidentSeverity.HIGH, false, null, List.of(), "dsl", Instant.now(),
                Instant.now(), IncidentRouting.HEADTEACHER_AND_TRUST_LEAD, "deputy"));
        for (String address : List.of(head, trustLead)) {
            Received alert = TestMail.awaitInbox(address, 1, MAIL_WAIT).get(0);
            assertThat(alert.subject()).isEqualTo("safeguarding concern raised (HIGH)");
            assertThat(alert.text()).contains("conduct of a member of staff");
        }
        TestMail.sleep(1_000);
        assertThat(TestMail.inbox(deputy)).as("the member of staff the concern names").hasSize(1);
        assertThat(TestMail.inbox(dsl)).hasSize(1);
    }

    @Test
    void theDeliveryStatusApiShowsOutcomesButNoAddress() {
        UUID guardian = UUID.randomUUID();
        String email = OAK.guardianEmail(guardian);
        Invite invite = new Invite();
        String eventId = OAK.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(),
                invite.event(List.of(guardian)));
        TestMail.awaitInbox(email, 1, MAIL_WAIT);
        await().atMost(MAIL_WAIT).until(() -> statuses(eventId).equals(List.of("SENT")));
        OAK.as(OAK.schoolApp()).get("/api/v1/deliveries/{school}?eventId={event}&status=SENT", OAK.school, eventId)
                .then().statusCode(200).body("", hasSize(1))
                .body("[0].kind", equalTo("INVITE")).body("[0].channel", equalTo("EMAIL"))
                .body("[0].recipientId", equalTo(guardian.toString())).body("[0].attempts", equalTo(1))
                .body(not(containsString(email))).body(not(containsString(invite.passcode)));
        OAK.as(OAK.staff("dsl")).get("/api/v1/deliveries/{school}?limit=5", OAK.school).then().statusCode(200)
                .body("schoolId", everyItem(equalTo(OAK.school)));
        new NotificationFixture("elm").as(new NotificationFixture("elm").schoolApp())
                .get("/api/v1/deliveries/{school}", OAK.school).then().statusCode(404);
        OAK.as(OAK.staff("staff")).get("/api/v1/deliveries/{school}", OAK.school).then().statusCode(403);
        OAK.as(OAK.schoolApp()).get("/api/v1/deliveries/{school}?status=LOST", OAK.school).then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        OAK.as(OAK.schoolApp()).get("/api/v1/deliveries/{school}?limit=5000", OAK.school).then().statusCode(400)
                .body("violations[0].field", equalTo("limit"));
    }

    /** An invite as scheduling-service dispatches it, with a fresh random link and passcode. */
    static final class Invite {
        final UUID invite = UUID.randomUUID();
        final UUID session = UUID.randomUUID();
        final UUID pupil = UUID.randomUUID();
        final String token = UUID.randomUUID().toString().replace("-", "");
        final String joinUrl = "https://meet.chaperone.local/j/" + token;
        final String passcode = "Pc" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        final Instant start = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

        InviteDispatched event(List<UUID> guardians) {
            return new InviteDispatched(invite, session, OAK.school, pupil, guardians, joinUrl, passcode, start,
                    start.plus(45, ChronoUnit.MINUTES), List.of("t-1", "t-2"), false, Instant.now());
        }
    }

    @Transactional
    List<String> statuses(String eventId) {
        @SuppressWarnings("unchecked")
        List<String> statuses = entityManager.createNativeQuery(
                "select status from delivery where event_id = ?1 order by status").setParameter(1, eventId)
                .getResultList();
        return statuses;
    }

    @Transactional
    Object[] row(String sql, Object... parameters) {
        var query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        Object result = query.getSingleResult();
        return result instanceof Object[] array ? array : new Object[] {result};
    }

    /** Every table of the service's schema with a row whose text contains {@code needle}. */
    @Transactional
    List<String> tablesContaining(String needle) {
        @SuppressWarnings("unchecked")
        List<String> tables = entityManager.createNativeQuery("select table_name from information_schema.tables "
                + "where table_schema = 'notification' and table_type = 'BASE TABLE' order by table_name")
                .getResultList();
        return tables.stream().filter(table -> ((Number) entityManager.createNativeQuery(
                        "select count(*) from notification.\"" + table + "\" t where t::text like ?1")
                .setParameter(1, "%" + needle + "%").getSingleResult()).longValue() > 0).toList();
    }
}
