package org.chaperone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chaperone.e2e.NewPupils.Pupil;
import org.chaperone.local.DemoScheduling;
import org.chaperone.local.DemoTrust;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.LocalPostgres;
import org.chaperone.local.NotificationDemoData;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two promises through crashes. A school of 600 new pupils, 500 of them with a guardian's consent, in 20 class
 * sessions; then a burst of 200 concerns and the 20 dispatches (500 invites), paced so that it is still going while
 * the broker and then each service and the gateway are killed with SIGKILL and started again, one after the other.
 * Clients retry what failed with the same idempotency key, as school apps do. Then, counted from the SMTP server and
 * the databases: every concern is recorded once and alerts the DSL and the deputy DSL exactly once each; every
 * consenting guardian gets exactly one invite; no guardian without consent gets one.
 *
 * <p>A message the SMTP server accepted twice with the same Message-ID (a sender killed after the server accepted
 * it and before recording it sends it again after its lease) is one message to the recipient's mail system; it is
 * counted and printed as a repeated copy, not as a duplicate alert. A duplicate is a second, distinct message.
 */
@ExtendWith(Suite.class)
@Order(2)
class CrashTest {

    static final String SCHOOL = "avanti-house";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final int CONCERNS = 200;
    static final int SESSIONS = 20;
    static final int CLASS_SIZE = 30;
    static final int CONSENTED_PER_CLASS = 25;
    static final Duration CONCERN_PACE = Duration.ofMillis(900);
    static final Duration DISPATCH_PACE = Duration.ofSeconds(9);
    static final Duration SETTLE_WITHIN = Duration.ofMinutes(5);
    private final Api api = new Api(Suite.gateway());

    @Test
    void throughKill9OfTheBrokerAndEachServiceEveryConcernAlertsOnceAndNoInviteIsLostOrSentWithoutConsent()
            throws Exception {
        DemoTrust trust = Suite.trust();
        School school = trust.school(SCHOOL).orElseThrow();
        String dsl = NotificationDemoData.staffAddress(school.staffWithRole("dsl").orElseThrow().subject());
        String deputy = NotificationDemoData.staffAddress(school.staffWithRole("deputy-dsl").orElseThrow().subject());
        DemoScheduling.DemoSession demo = Suite.scheduling().sessions().stream()
                .filter(s -> s.school().equals(SCHOOL)).findFirst().orElseThrow();
        List<String> hosts = demo.hosts();
        String teacher = Suite.token(hosts.get(0), "staff", SCHOOL);

        // a rota whose windows do not run out during the test: alerts here are the first alerts only
        longEscalationWindows(school);
        long linesBefore = count("select count(*) from scheduling.consent_line where school_id = ?", SCHOOL);
        // 18: a year of issue for UPNs that the demo pupils' (20 and 23) do not use
        List<Pupil> pupils = new NewPupils(api, school, "AH-C", 18, CLASS_SIZE, "Crash").load(SESSIONS * CLASS_SIZE,
                n -> n % CLASS_SIZE < CONSENTED_PER_CLASS, 8);
        long consented = pupils.stream().filter(Pupil::consented).count();
        // scheduling-service learns of consent from consent-service's events: dispatch once it has every decision
        awaitCount("scheduling-service's consent lines",
                "select count(*) from scheduling.consent_line where school_id = ?", linesBefore + consented);
        List<UUID> sessions = schedule(teacher, hosts, pupils);

        // ---- the burst, and the crashes in the middle of it ----
        Instant burstStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        AtomicInteger concernsDone = new AtomicInteger();
        AtomicInteger dispatchesDone = new AtomicInteger();
        Map<Integer, UUID> concerns = new ConcurrentHashMap<>();
        Map<UUID, JsonNode> dispatches = new ConcurrentHashMap<>();
        // a thread per request, each leaving at its time: a request retrying through an outage holds up no other
        ExecutorService burst = Executors.newCachedThreadPool();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < CONCERNS; i++) {
            int n = i;
            Pupil about = pupils.get(i * pupils.size() / CONCERNS);
            String raiser = Suite.token(hosts.get(i % hosts.size()), "staff", SCHOOL);
            work.add(burst.submit(() -> {
                pause(CONCERN_PACE.multipliedBy(n));
                JsonNode receipt = api.retrying("POST", "/api/v1/concerns", raiser, concern(about), "crash-concern-" + n
                        + "-" + burstStart.getEpochSecond(), 201);
                concerns.put(n, UUID.fromString(receipt.path("id").asText()));
                concernsDone.incrementAndGet();
                return null;
            }));
        }
        for (int i = 0; i < sessions.size(); i++) {
            int n = i;
            UUID session = sessions.get(i);
            work.add(burst.submit(() -> {
                pause(DISPATCH_PACE.multipliedBy(n).plusSeconds(2));
                dispatches.put(session, api.retrying("POST", "/api/v1/sessions/" + session + "/invites", teacher, null,
                        null, 200));
                dispatchesDone.incrementAndGet();
                return null;
            }));
        }
        List<String> crashes = new ArrayList<>();
        pause(Duration.ofSeconds(8));
        for (String part : List.of("kafka", "consent-service", "scheduling-service", "incident-service",
                "notification-service", "gateway")) {
            String during = concernsDone.get() + "/" + CONCERNS + " concerns and " + dispatchesDone.get() + "/"
                    + SESSIONS + " dispatches answered";
            Instant killed = Instant.now();
            Suite.stack().kill(part);
            pause(Duration.ofSeconds(2));
            Suite.stack().restart(part);
            String line = "kill -9 " + part + " with " + during + "; back in "
                    + Duration.between(killed, Instant.now()).toSeconds() + " s";
            crashes.add(line);
            System.out.println("[crash test] " + line);
            pause(Duration.ofSeconds(3));
        }
        for (Future<?> done : work) {
            done.get();
        }
        burst.shutdown();
        System.out.println("[crash test] burst answered: " + concerns.size() + " concerns, " + dispatches.size()
                + " dispatches");

        // ---- what the dispatches decided ----
        Map<UUID, Pupil> byId = new HashMap<>();
        pupils.forEach(p -> byId.put(p.id(), p));
        Set<UUID> invited = new HashSet<>();
        Set<UUID> blocked = new HashSet<>();
        for (JsonNode answer : dispatches.values()) {
            answer.path("invited").forEach(p -> invited.add(UUID.fromString(p.path("pupilId").asText())));
            answer.path("blocked").forEach(p -> blocked.add(UUID.fromString(p.path("pupilId").asText())));
        }

        // ---- wait until every expected message is in, or the time is up; then a little longer ----
        List<String> alertAddresses = List.of(dsl, deputy);
        Instant deadline = Instant.now().plus(SETTLE_WITHIN);
        Tally tally;
        do {
            pause(Duration.ofSeconds(2));
            tally = tally(pupils, concerns.values(), alertAddresses);
        } while ((tally.alertsLost > 0 || tally.invitesLost > 0) && Instant.now().isBefore(deadline));
        pause(Duration.ofSeconds(10));
        tally = tally(pupils, concerns.values(), alertAddresses);
        long recorded = count("select count(*) from incident.incident where school_id = ? and raised_at >= ?",
                SCHOOL, Timestamp.from(burstStart));
        long invitedInDb = count("select count(*) from scheduling.session_participant where school_id = ? and "
                + "invite_state = 'DISPATCHED' and session_id = any(?)", SCHOOL, sessions);
        long blockedInDb = count("select count(*) from scheduling.session_participant where school_id = ? and "
                + "invite_state = 'BLOCKED' and session_id = any(?)", SCHOOL, sessions);

        String report = String.join("\n",
                "[crash test] " + String.join("\n[crash test] ", crashes),
                "[crash test] concerns raised " + concerns.size() + ", recorded " + recorded
                        + " (incident-service's database)",
                "[crash test] DSL alerts " + tally.alerts + " of " + concerns.size() * alertAddresses.size()
                        + " expected (DSL and deputy per concern), duplicates " + tally.alertDuplicates + ", lost "
                        + tally.alertsLost,
                "[crash test] invites sent " + tally.invites + " of " + consented + " consenting guardians, blocked "
                        + blocked.size() + ", invited by the dispatches " + invited.size() + " (scheduling-service's "
                        + "database: " + invitedInDb + " dispatched, " + blockedInDb + " blocked), duplicates "
                        + tally.inviteDuplicates + ", lost "
                        + tally.invitesLost + ", sent without consent " + tally.withoutConsent,
                "[crash test] copies re-sent with the same Message-ID after a crash: " + tally.copies);
        System.out.println(report);

        assertThat(concerns).as(report).hasSize(CONCERNS);
        assertThat(recorded).as("concerns recorded; " + report).isEqualTo(CONCERNS);
        assertThat(tally.alertsLost).as("alerts lost; " + report).isZero();
        assertThat(tally.alertDuplicates).as("duplicate alerts; " + report).isZero();
        assertThat(tally.withoutConsent).as("invites without consent; " + report).isZero();
        assertThat(tally.invitesLost).as("invites lost; " + report).isZero();
        assertThat(tally.inviteDuplicates).as("duplicate invites; " + report).isZero();
        assertThat(invited).as(report).hasSize((int) consented);
        assertThat(blocked).as(report).hasSize(pupils.size() - (int) consented);
        pupils.forEach(p -> assertThat(p.consented() ? invited : blocked).as("pupil " + p.index()).contains(p.id()));
        assertThat(invitedInDb).as(report).isEqualTo(consented);
        assertThat(blockedInDb).as(report).isEqualTo(pupils.size() - consented);
    }

    /** Counts from what the SMTP server accepted. */
    static final class Tally {
        int alerts;
        int alertDuplicates;
        int alertsLost;
        int invites;
        int inviteDuplicates;
        int invitesLost;
        int withoutConsent;
        int copies;
    }

    static Tally tally(List<Pupil> pupils, Collection<UUID> concerns, List<String> alertAddresses) {
        Tally tally = new Tally();
        Map<String, List<Mailbox.Mail>> byAddress = new HashMap<>();
        for (Mailbox.Mail mail : Mailbox.all()) {
            byAddress.computeIfAbsent(mail.to(), k -> new ArrayList<>()).add(mail);
        }
        for (String address : alertAddresses) {
            List<Mailbox.Mail> inbox = byAddress.getOrDefault(address, List.of());
            for (UUID concern : concerns) {
                List<Mailbox.Mail> alerts = inbox.stream().filter(m -> m.mentions(concern.toString())).toList();
                int distinct = (int) alerts.stream().map(Mailbox.Mail::messageId).distinct().count();
                tally.alerts += Math.min(distinct, 1);
                tally.alertDuplicates += Math.max(0, distinct - 1);
                tally.alertsLost += distinct == 0 ? 1 : 0;
                tally.copies += alerts.size() - distinct;
            }
        }
        for (Pupil pupil : pupils) {
            List<Mailbox.Mail> invites = byAddress.getOrDefault(pupil.guardianAddress(), List.of()).stream()
                    .filter(Mailbox.Mail::isInvite).toList();
            int distinct = (int) invites.stream().map(Mailbox.Mail::messageId).distinct().count();
            tally.copies += invites.size() - distinct;
            if (!pupil.consented()) {
                tally.withoutConsent += distinct;
                continue;
            }
            tally.invites += Math.min(distinct, 1);
            tally.inviteDuplicates += Math.max(0, distinct - 1);
            tally.invitesLost += distinct == 0 ? 1 : 0;
        }
        return tally;
    }

    private List<UUID> schedule(String teacher, List<String> hosts, List<Pupil> pupils) {
        DemoScheduling.Policy policy = Suite.scheduling().policy(SCHOOL).orElseThrow();
        LocalDate day = DemoScheduling.nextSchoolDay(Instant.now(), policy).plusWeeks(2);
        List<LocalTime> times = List.of(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(11, 0),
                LocalTime.of(13, 30));
        List<UUID> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            if (s > 0 && s % times.size() == 0) {
                day = DemoScheduling.nextSchoolDay(day, policy.schoolDays(), policy.closures());
            }
            LocalTime start = times.get(s % times.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schoolId", SCHOOL);
            body.put("kind", "GROUP");
            body.put("title", String.format("Crash %02d assembly", s + 1));
            body.put("startsAt", day.atTime(start).atZone(LONDON).toInstant().toString());
            body.put("endsAt", day.atTime(start).plusMinutes(30).atZone(LONDON).toInstant().toString());
            body.put("hostStaffIds", hosts);
            body.put("pupilIds", pupils.subList(s * CLASS_SIZE, (s + 1) * CLASS_SIZE).stream().map(Pupil::id)
                    .toList());
            body.put("recorded", false);
            sessions.add(id(api.retrying("POST", "/api/v1/sessions", teacher, body, "crash-session-" + s + "-"
                    + UUID.randomUUID(), 201)));
        }
        return sessions;
    }

    private void longEscalationWindows(School school) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        for (String severity : List.of("afterLow", "afterMedium", "afterHigh", "afterCritical",
                "afterImmediateRisk")) {
            escalation.put(severity, "PT1H");
        }
        escalation.put("schoolDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                "SUNDAY"));
        escalation.put("schoolDayStarts", "00:00");
        escalation.put("schoolDayEnds", "23:59");
        String dsl = school.staffWithRole("dsl").orElseThrow().subject();
        String head = school.staffWithRole("headteacher").orElseThrow().subject();
        Map<String, Object> rota = new LinkedHashMap<>();
        rota.put("dsl", dsl);
        rota.put("deputyDsls", List.of(school.staffWithRole("deputy-dsl").orElseThrow().subject()));
        rota.put("headteacher", head);
        rota.put("slt", List.of(head));
        rota.put("outOfHoursCover", head);
        rota.put("escalation", escalation);
        api.put("/api/v1/rota/" + SCHOOL, Suite.token(head, "headteacher", SCHOOL), rota).expect(200);
    }

    private static Map<String, Object> concern(Pupil about) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", SCHOOL);
        body.put("category", "SEEN_OR_HEARD");
        body.put("whatHappened", "A pupil's camera showed an adult shouting at them during the lesson.");
        body.put("occurredAt", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("pupilIds", List.of(about.id()));
        body.put("immediateRisk", false);
        return body;
    }

    private static UUID id(JsonNode created) {
        return NewPupils.id(created);
    }

    private static void pause(Duration duration) {
        Mailbox.sleep(duration);
    }

    static long count(String sql, Object... parameters) {
        try (Connection db = DriverManager.getConnection(LocalPostgres.jdbcUrl(), LocalPostgres.USER,
                LocalPostgres.PASSWORD);
                PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof List<?> list) {
                    query.setArray(i + 1, db.createArrayOf("uuid", list.toArray()));
                } else {
                    query.setObject(i + 1, value);
                }
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void awaitCount(String what, String sql, long wanted) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        long now;
        while ((now = count(sql, SCHOOL)) < wanted) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": " + now + " of " + wanted + " after 2 minutes");
            }
            pause(Duration.ofMillis(500));
        }
    }
}
