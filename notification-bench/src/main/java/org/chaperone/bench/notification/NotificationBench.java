package org.chaperone.bench.notification;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventType;
import org.chaperone.events.EventTypes;
import org.chaperone.events.incident.IncidentCategory;
import org.chaperone.events.incident.IncidentRaised;
import org.chaperone.events.incident.IncidentRouting;
import org.chaperone.events.incident.IncidentSeverity;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.local.ChildProcess;
import org.chaperone.local.DevKeys;
import org.chaperone.local.DevTokens;
import org.chaperone.local.Ports;

/**
 * notification-service's speed (issue 5, item 7), end to end on this machine: the real service jar with its %prod
 * configuration, a real PostgreSQL (zonky), a real Kafka broker (a child process) and a real SMTP server (GreenMail
 * in this JVM, with a hook on message receipt). Events are published as the producing services publish them
 * (CloudEvents, binary mode, acks=all). Phases:
 * <ol>
 * <li>alert latency: {@code IncidentRaised} at a steady rate, each alerting a school's DSL and one deputy; from the
 * producer's acknowledgement to each e-mail accepted by the SMTP server (an unmeasured warm-up first);
 * <li>invite throughput: {@code INVITES} {@code InviteDispatched}, each naming one or two guardians, published as
 * fast as the producer goes; e-mails accepted per second from the first publish to the last e-mail.
 * </ol>
 * Every expected e-mail must arrive exactly once, with the right reference (and for invites the right link and
 * passcode), and nothing else may arrive; otherwise the run fails (exit 1). Every phase is bounded in time, and the
 * whole run by {@code MAX_SECONDS}; everything started here is stopped on exit.
 */
public final class NotificationBench {

    private static final Pattern REFERENCE = Pattern.compile("Reference: (incident|invite) ([0-9a-f-]{36})");
    private static final SecureRandom RANDOM = new SecureRandom();

    // settings (environment variables, see notification-bench/run)
    private final Path root = Path.of(env("ROOT", ".")).toAbsolutePath().normalize();
    private final Path out = Path.of(env("OUT", "notification-bench/target/bench")).toAbsolutePath();
    private final Path lib = Path.of(env("LIB", "notification-bench/target/lib")).toAbsolutePath();
    private final int rate = intEnv("RATE", 20);
    private final int seconds = intEnv("ALERT_SECONDS", 60);
    private final int warmupSeconds = intEnv("WARMUP_SECONDS", 45);
    private final int incidentSchools = intEnv("INCIDENT_SCHOOLS", 10);
    private final int invites = intEnv("INVITES", 10_000);
    private final int inviteWarmup = intEnv("INVITE_WARMUP", 200);
    private final int inviteSchools = intEnv("INVITE_SCHOOLS", 10);
    private final int invitesPerSession = 20;
    private final int drainSeconds = intEnv("DRAIN_SECONDS", 120);
    private final int inviteSeconds = intEnv("INVITE_TIMEOUT_SECONDS", 480);
    private final int quietSeconds = intEnv("QUIET_SECONDS", 5);
    private final int maxSeconds = intEnv("MAX_SECONDS", 870);
    private final int pgPort = intEnv("PG_PORT", 18131);
    private final int kafkaPort = intEnv("KAFKA_PORT", 18132);
    private final int controllerPort = intEnv("KAFKA_CONTROLLER_PORT", 18133);
    private final int smtpPort = intEnv("SMTP_PORT", 18134);
    private final int servicePort = intEnv("SERVICE_PORT", 18135);
    private final String serviceJavaOpts = env("SERVICE_JAVA_OPTS", "");
    private final String serviceEnv = env("SERVICE_ENV", "");

    // what runs
    private MailCatcher mail;
    private EmbeddedPostgres postgres;
    private ChildProcess broker;
    private ChildProcess service;
    private KafkaProducer<String, byte[]> producer;

    // what was sent and what is expected: "<reference id>|<recipient>" -> expectation
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<String> publishFailures = new ConcurrentLinkedQueue<>();
    private final StringBuilder summary = new StringBuilder();
    private final java.util.Set<String> measuredInviteEvents = new java.util.HashSet<>();
    private Instant invitesStartAt;
    private final Properties results = new Properties();

    /** One e-mail that must arrive: to whom, for which phase, and text it must contain. */
    private record Expected(String phase, String referenceId, String recipient, String role, Published event,
            List<String> mustContain) {
    }

    /** One published event: when it was sent and when the broker acknowledged it. */
    private static final class Published {
        final String eventId;
        final String referenceId;
        volatile long sentNanos;
        volatile long ackNanos;
        volatile Instant ackAt;

        Published(String eventId, String referenceId) {
            this.eventId = eventId;
            this.referenceId = referenceId;
        }
    }

    /** A school of the alert phase: rota and staff e-mail addresses. */
    private record School(String id, String dsl, String deputy, String head) {

        static School of(String id) {
            return new School(id, "dsl@" + id, "deputy-dsl@" + id, "head@" + id);
        }

        static String email(String staffId) {
            return staffId.replace('@', '.') + "@staff.bench.test";
        }
    }

    public static void main(String[] args) {
        NotificationBench bench = new NotificationBench();
        Runtime.getRuntime().addShutdownHook(new Thread(bench::stopAll, "bench-stop"));
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(bench.maxSeconds * 1000L);
                System.err.println("TIME LIMIT: the run took longer than MAX_SECONDS=" + bench.maxSeconds
                        + "; stopping everything");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        int exit;
        try {
            exit = bench.run();
        } catch (Throwable e) {
            System.err.println("BENCHMARK FAILED: " + e);
            e.printStackTrace();
            exit = 2;
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        Files.createDirectories(out);
        for (int port : List.of(pgPort, kafkaPort, controllerPort, smtpPort, servicePort)) {
            if (!Ports.isFree(port)) {
                throw new IllegalStateException("port " + port + " is taken (set the *_PORT variables of run)");
            }
        }
        Path jar = root.resolve("notification-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built");
        }
        log("SMTP server (GreenMail) on 127.0.0.1:" + smtpPort);
        mail = MailCatcher.start(smtpPort);
        log("PostgreSQL (zonky) on 127.0.0.1:" + pgPort);
        startPostgres();
        log("Kafka broker on 127.0.0.1:" + kafkaPort);
        deleteTree(out.resolve("kafka"));
        broker = BenchKafka.start(out.resolve("kafka"), lib, out.resolve("kafka.log"), kafkaPort, controllerPort);
        pid("kafka", broker.pid());
        createTopics();

        DevKeys keys = DevKeys.loadOrCreate(out.resolve("keys"));
        log("notification-service (java -jar " + root.relativize(jar) + ") on 127.0.0.1:" + servicePort);
        startService(jar, keys);
        ServiceApi api = new ServiceApi("http://127.0.0.1:" + servicePort, keys.privateKey());
        long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!api.ready()) {
            if (!service.isAlive() || System.nanoTime() > readyBy) {
                throw new IllegalStateException("notification-service is not ready (" + (service.isAlive()
                        ? "180 s" : "it exited") + "); its log ends:\n" + service.logTail(30));
            }
            Thread.sleep(250);
        }
        log("ready");

        // Schools, rotas and contact points, through the API as a school's MIS connector sets them.
        List<School> alertSchools = new ArrayList<>();
        for (int i = 1; i <= incidentSchools; i++) {
            alertSchools.add(School.of(String.format(Locale.ROOT, "bench-alerts-%02d", i)));
        }
        List<Supplier<CompletableFuture<Void>>> calls = new ArrayList<>();
        for (School school : alertSchools) {
            calls.add(() -> api.rota(school.id(), school.dsl(), school.deputy(), school.head()));
            for (String staff : List.of(school.dsl(), school.deputy(), school.head())) {
                calls.add(() -> api.contact(school.id(), "STAFF", staff, School.email(staff)));
            }
        }
        ServiceApi.all(calls);
        List<PlannedInvite> warmInvites = planInvites("invite-warmup", inviteWarmup, "w");
        List<PlannedInvite> mainInvites = planInvites("invites", invites, "m");
        calls.clear();
        for (PlannedInvite invite : Stream.concat(warmInvites.stream(), mainInvites.stream()).toList()) {
            for (int g = 0; g < invite.guardians().size(); g++) {
                UUID guardian = invite.guardians().get(g);
                String email = invite.emails().get(g);
                calls.add(() -> api.contact(invite.school(), "GUARDIAN", guardian.toString(), email));
            }
        }
        long setupStart = System.nanoTime();
        ServiceApi.all(calls);
        log(String.format(Locale.ROOT, "set up %d schools' rotas and %d contact points through the API in %.1f s",
                alertSchools.size(), calls.size() + alertSchools.size() * 3, seconds(System.nanoTime() - setupStart)));

        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                // as platform/runtime's OutboxRelay publishes
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5, ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "notification-bench"),
                new StringSerializer(), new ByteArraySerializer());
        Cpu cpu = new Cpu(ProcessHandle.current().pid(), service.pid(), broker.pid(), postgresPid());

        // Phase 1: alert latency at a steady rate.
        if (warmupSeconds > 0) {
            phaseLine("alert warm-up (not measured)");
            alertPhase("alert-warmup", alertSchools, rate, warmupSeconds, cpu);
        }
        phaseLine("alerts");
        Map<String, Object> alerts = alertPhase("alerts", alertSchools, rate, seconds, cpu);

        // Phase 2: invite throughput.
        if (inviteWarmup > 0) {
            phaseLine("invite warm-up (not measured)");
            invitePhase("invite-warmup", warmInvites, cpu);
        }
        phaseLine("invites");
        invitePhase("invites", mainInvites, cpu);

        // Late duplicates would come now.
        Thread.sleep(quietSeconds * 1000L);
        List<String> problems = verify();
        databaseSummary(alerts);
        serviceLogSummary();
        summary.append("\nGreenMail's own handling inside the SMTP exchanges (storing the messages): ")
                .append(String.format(Locale.ROOT, "%.1f s in total, %.2f ms per message.%n",
                        seconds(mail.handlerNanos()), mail.handlerNanos() / 1e6 / Math.max(1, mail.count())));
        if (problems.isEmpty()) {
            summary.append("\nCORRECTNESS: every expected e-mail arrived exactly once (").append(expected.size())
                    .append(" e-mails, counted per recipient and per reference); none unexpected; no publish failed.\n");
        } else {
            summary.append("\nCORRECTNESS CHECK FAILED (").append(problems.size()).append(" problem(s)):\n");
            problems.stream().limit(30).forEach(p -> summary.append("  - ").append(p).append('\n'));
        }
        Files.writeString(out.resolve("summary-body.md"), summary, StandardCharsets.UTF_8);
        try (var writer = Files.newBufferedWriter(out.resolve("results.properties"))) {
            results.store(writer, "notification-bench");
        }
        System.out.println();
        System.out.println(summary);
        if (!problems.isEmpty()) {
            System.err.println("CORRECTNESS CHECK FAILED: see above");
            return 1;
        }
        return 0;
    }

    // ---------------------------------------------------------------- phase 1: alerts

    private Map<String, Object> alertPhase(String phase, List<School> schools, int perSecond, int duration, Cpu cpu)
            throws Exception {
        int count = perSecond * duration;
        int mailBefore = mail.count();
        int expectedBefore = expected.size();
        List<Published> published = new ArrayList<>(count);
        Map<String, School> schoolOf = new HashMap<>();
        for (int i = 0; i < count; i++) {
            School school = schools.get(i % schools.size());
            UUID incident = UUID.randomUUID();
            Published event = new Published(UUID.randomUUID().toString(), incident.toString());
            published.add(event);
            schoolOf.put(event.referenceId, school);
            for (String[] who : new String[][] {{school.dsl(), "DSL"}, {school.deputy(), "deputy"}}) {
                String email = School.email(who[0]);
                expected.put(incident + "|" + email, new Expected(phase, incident.toString(), email, who[1], event,
                        List.of("incident " + incident)));
            }
        }
        int expectedMail = expected.size() - expectedBefore;
        Cpu.Snapshot cpuStart = cpu.snapshot();
        String loadStart = loadAverage();
        long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Published event = published.get(i);
            School school = schoolOf.get(event.referenceId);
            UUID incident = UUID.fromString(event.referenceId);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            IncidentRaised raised = new IncidentRaised(incident, school.id(), IncidentCategory.SEEN_OR_HEARD,
                    IncidentSeverity.MEDIUM, false, UUID.randomUUID(), List.of(UUID.randomUUID()),
                    "teacher@" + school.id(), now, now, IncidentRouting.DSL_TEAM, null);
            publish(EventTypes.INCIDENT_RAISED, incident.toString(), school.id(), raised, event);
        }
        long lastSend = System.nanoTime();
        log(String.format(Locale.ROOT, "%s: published %d IncidentRaised in %.1f s (%.1f/s); waiting for %d e-mails",
                phase, count, seconds(lastSend - start), count / seconds(lastSend - start), expectedMail));
        boolean complete = awaitMail(mailBefore + expectedMail, Duration.ofSeconds(drainSeconds), phase);
        Cpu.Snapshot cpuEnd = cpu.snapshot();
        long end = System.nanoTime();

        // Latency per e-mail: the broker's acknowledgement of the event to the SMTP server's acceptance.
        Map<String, MailCatcher.Received> firstReceipt = receipts(mail.since(mailBefore));
        List<Double> dsl = new ArrayList<>();
        List<Double> deputy = new ArrayList<>();
        List<Double> both = new ArrayList<>();
        List<Double> publishToAck = new ArrayList<>();
        Map<Long, Integer> perSecondSent = new TreeMap<>();
        for (Published event : published) {
            if (event.ackNanos == 0) {
                continue;
            }
            publishToAck.add((event.ackNanos - event.sentNanos) / 1e6);
            School school = schoolOf.get(event.referenceId);
            MailCatcher.Received toDsl = firstReceipt.get(event.referenceId + "|" + School.email(school.dsl()));
            MailCatcher.Received toDeputy = firstReceipt.get(event.referenceId + "|" + School.email(school.deputy()));
            if (toDsl != null) {
                dsl.add((toDsl.nanos() - event.ackNanos) / 1e6);
            }
            if (toDeputy != null) {
                deputy.add((toDeputy.nanos() - event.ackNanos) / 1e6);
            }
            if (toDsl != null && toDeputy != null) {
                both.add((Math.max(toDsl.nanos(), toDeputy.nanos()) - event.ackNanos) / 1e6);
            }
        }
        for (MailCatcher.Received r : mail.since(mailBefore)) {
            perSecondSent.merge((r.nanos() - start) / 1_000_000_000L, 1, Integer::sum);
        }
        Stats dslStats = Stats.of(dsl);
        Stats deputyStats = Stats.of(deputy);
        Stats bothStats = Stats.of(both);
        Stats ackStats = Stats.of(publishToAck);
        double achieved = count / seconds(lastSend - start);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n### %s%n%n%d IncidentRaised at %d/s for %d s (achieved %.2f/s), %d "
                + "schools, each alerting its DSL and one deputy by e-mail: %d e-mails. Load average %s at the start, "
                + "%s at the end.%n%n", phase, count, perSecond, duration, achieved, schools.size(), expectedMail,
                loadStart, loadAverage()));
        if (!complete) {
            s.append("**INCOMPLETE**: not every e-mail arrived within ").append(drainSeconds)
                    .append(" s of the last publish; the figures are of those that did.\n\n");
        }
        s.append("Broker acknowledgement of the event → e-mail accepted by the SMTP server:\n\n");
        s.append(Stats.header()).append('\n');
        s.append(dslStats.row("DSL's e-mail")).append('\n');
        s.append(deputyStats.row("deputy's e-mail")).append('\n');
        s.append(bothStats.row("both e-mails (the later)")).append('\n');
        s.append(ackStats.row("for reference: producer send → broker ack")).append('\n');
        s.append("\nE-mails accepted per second during the phase: ")
                .append(perSecondSent.values().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""))
                .append('\n');
        s.append(cpu.describe(cpuStart, cpuEnd, seconds(end - start)));
        if (!phase.endsWith("warmup")) {
            summary.append(s);
        } else {
            summary.append(String.format(Locale.ROOT, "%n(%s: %d incidents at %d/s, not measured; DSL's e-mail p50 "
                    + "%.1f ms, p99 %.1f ms)%n", phase, count, perSecond, dslStats.p50(), dslStats.p99()));
        }
        System.out.println(s);
        results.put(phase + ".dsl.p50", fmt(dslStats.p50()));
        results.put(phase + ".dsl.p95", fmt(dslStats.p95()));
        results.put(phase + ".dsl.p99", fmt(dslStats.p99()));
        results.put(phase + ".dsl.max", fmt(dslStats.max()));
        results.put(phase + ".deputy.p99", fmt(deputyStats.p99()));
        results.put(phase + ".both.p99", fmt(bothStats.p99()));
        Map<String, Object> info = new HashMap<>();
        info.put("published", published);
        info.put("receipts", firstReceipt);
        return info;
    }

    // ---------------------------------------------------------------- phase 2: invites

    private record PlannedInvite(String phase, UUID inviteId, UUID sessionId, String school, List<UUID> guardians,
            List<String> emails, String joinUrl, String passcode) {
    }

    private List<PlannedInvite> planInvites(String phase, int count, String tag) {
        List<PlannedInvite> planned = new ArrayList<>(count);
        UUID session = null;
        for (int i = 0; i < count; i++) {
            if (i % invitesPerSession == 0) {
                session = UUID.randomUUID();
            }
            String school = String.format(Locale.ROOT, "bench-invites-%02d", (i / invitesPerSession) % inviteSchools + 1);
            int guardianCount = i % 2 == 0 ? 2 : 1;
            List<UUID> guardians = new ArrayList<>();
            List<String> emails = new ArrayList<>();
            for (int g = 0; g < guardianCount; g++) {
                UUID guardian = UUID.randomUUID();
                guardians.add(guardian);
                emails.add(tag + "-" + guardian + "@families.bench.test");
            }
            UUID invite = UUID.randomUUID();
            String passcode = String.format(Locale.ROOT, "%08d", RANDOM.nextInt(100_000_000));
            planned.add(new PlannedInvite(phase, invite, session, school, guardians, emails,
                    "https://meet.bench.test/j/" + session + "?pwd=" + invite.toString().substring(0, 8), passcode));
        }
        return planned;
    }

    private void invitePhase(String phase, List<PlannedInvite> planned, Cpu cpu) throws Exception {
        int mailBefore = mail.count();
        int expectedBefore = expected.size();
        List<Published> published = new ArrayList<>(planned.size());
        for (PlannedInvite invite : planned) {
            Published event = new Published(UUID.randomUUID().toString(), invite.inviteId().toString());
            published.add(event);
            for (String email : invite.emails()) {
                expected.put(invite.inviteId() + "|" + email, new Expected(phase, invite.inviteId().toString(), email,
                        "guardian", event, List.of("invite " + invite.inviteId(), invite.joinUrl(), invite.passcode())));
            }
        }
        int expectedMail = expected.size() - expectedBefore;
        Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Cpu.Snapshot cpuStart = cpu.snapshot();
        String loadStart = loadAverage();
        if (!phase.endsWith("warmup")) {
            published.forEach(p -> measuredInviteEvents.add(p.eventId));
            invitesStartAt = Instant.now();
        }
        long start = System.nanoTime();
        for (int i = 0; i < planned.size(); i++) {
            PlannedInvite invite = planned.get(i);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            InviteDispatched data = new InviteDispatched(invite.inviteId(), invite.sessionId(), invite.school(),
                    UUID.randomUUID(), invite.guardians(), invite.joinUrl(), invite.passcode(), startsAt,
                    startsAt.plus(Duration.ofMinutes(45)), List.of("teacher@" + invite.school(), "ta@" + invite.school()),
                    false, now);
            publish(EventTypes.INVITE_DISPATCHED, invite.sessionId().toString(), invite.school(), data,
                    published.get(i));
        }
        producer.flush();
        long lastAck = published.stream().mapToLong(p -> p.ackNanos).max().orElse(0);
        log(String.format(Locale.ROOT, "%s: published %d InviteDispatched in %.2f s (all acknowledged); waiting for %d "
                + "e-mails", phase, planned.size(), seconds(lastAck - start), expectedMail));
        boolean complete = awaitMail(mailBefore + expectedMail, Duration.ofSeconds(inviteSeconds), phase);
        Cpu.Snapshot cpuEnd = cpu.snapshot();
        List<MailCatcher.Received> received = mail.since(mailBefore);
        long lastMail = received.stream().mapToLong(MailCatcher.Received::nanos).max().orElse(start);
        long firstMail = received.stream().mapToLong(MailCatcher.Received::nanos).min().orElse(start);
        double total = seconds(lastMail - start);
        int arrived = received.size();
        Map<Long, Integer> perTen = new TreeMap<>();
        for (MailCatcher.Received r : received) {
            perTen.merge((r.nanos() - start) / 10_000_000_000L, 1, Integer::sum);
        }
        // The steady rate: the middle 80 % of the e-mails, away from the start and the tail.
        List<Long> times = received.stream().map(MailCatcher.Received::nanos).sorted().toList();
        double steady = Double.NaN;
        if (times.size() >= 10) {
            int from = times.size() / 10;
            int to = times.size() - times.size() / 10 - 1;
            steady = (to - from) / seconds(times.get(to) - times.get(from));
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n### %s%n%n%d InviteDispatched (%d schools, %d per session, half naming "
                + "two guardians) published as fast as the producer goes: %d e-mails. Load average %s at the start, "
                + "%s at the end.%n%n", phase, planned.size(), inviteSchools, invitesPerSession, expectedMail, loadStart,
                loadAverage()));
        if (!complete) {
            s.append(String.format(Locale.ROOT, "**INCOMPLETE**: %d of the %d e-mails arrived within the phase's %d s;"
                    + " the rates below are of those that did.%n%n", arrived, expectedMail, inviteSeconds));
        }
        s.append("| measure | value |\n|---|---:|\n");
        s.append(String.format(Locale.ROOT, "| publishing: first send → last broker ack | %.2f s |%n",
                seconds(lastAck - start)));
        s.append(String.format(Locale.ROOT, "| first publish → first e-mail accepted | %.2f s |%n",
                seconds(firstMail - start)));
        s.append(String.format(Locale.ROOT, "| **first publish → last e-mail accepted (%s)** | **%.1f s** |%n",
                complete ? "all " + planned.size() + " invites" : "INCOMPLETE, " + arrived + " e-mails", total));
        s.append(String.format(Locale.ROOT, "| **e-mails accepted per second, first publish → last e-mail** | **%.1f** |%n",
                arrived / total));
        s.append(String.format(Locale.ROOT, "| e-mails per second, steady (middle 80 %% of the e-mails) | %.1f |%n", steady));
        s.append(String.format(Locale.ROOT, "| invites completed per second (all their e-mails) | %.1f |%n",
                planned.size() / total));
        s.append("\nE-mails accepted per 10 s from the first publish: ")
                .append(perTen.values().stream().map(String::valueOf).reduce((a, b) -> a + " " + b).orElse(""))
                .append('\n');
        s.append(cpu.describe(cpuStart, cpuEnd, seconds(lastMail - start)));
        if (phase.endsWith("warmup")) {
            summary.append(String.format(Locale.ROOT, "%n(%s: %d invites, %d e-mails in %.1f s, not measured)%n", phase,
                    planned.size(), expectedMail, total));
        } else {
            summary.append(s);
        }
        System.out.println(s);
        results.put(phase + ".seconds", fmt(total));
        results.put(phase + ".emailsPerSecond", fmt(arrived / total));
        results.put(phase + ".complete", String.valueOf(complete));
        results.put(phase + ".steadyEmailsPerSecond", fmt(steady));
    }

    // ---------------------------------------------------------------- publishing and receiving

    private <T> void publish(EventType<T> type, String subject, String school, T data, Published published) {
        CloudEvent<T> event = new CloudEvent<>(published.eventId, "/chaperone/" + type.service() + "-service", type,
                subject, Instant.now(), school, data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.key(),
                EventCodec.encodeData(data));
        EventCodec.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        published.sentNanos = System.nanoTime();
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                publishFailures.add(published.eventId + ": " + e);
            } else {
                published.ackNanos = System.nanoTime();
                published.ackAt = Instant.now();
            }
        });
    }

    /** Waits until {@code total} e-mails have arrived in all; false when {@code timeout} ran out first. */
    private boolean awaitMail(int total, Duration timeout, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        while (mail.count() < total) {
            if (System.nanoTime() > deadline) {
                log("INCOMPLETE: " + phase + ": only " + mail.count() + " of " + total + " e-mails (in all) arrived"
                        + " within " + timeout.toSeconds() + " s; measuring what arrived, and the run will fail");
                return false;
            }
            if (!service.isAlive()) {
                throw new IllegalStateException("notification-service exited; its log ends:\n" + service.logTail(30));
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                log(phase + ": " + mail.count() + " of " + total + " e-mails so far");
                lastReport = System.nanoTime();
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The first receipt of each (reference, recipient). */
    private Map<String, MailCatcher.Received> receipts(List<MailCatcher.Received> received) {
        Map<String, MailCatcher.Received> first = new HashMap<>();
        for (MailCatcher.Received r : received) {
            Matcher m = REFERENCE.matcher(MailCatcher.text(r.message()));
            if (m.find()) {
                first.putIfAbsent(m.group(2) + "|" + r.recipient(), r);
            }
        }
        return first;
    }

    /** Every expected e-mail exactly once, with what it must say; nothing else; no failed publish. */
    private List<String> verify() {
        List<String> problems = new ArrayList<>();
        publishFailures.forEach(f -> problems.add("publish failed: " + f));
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> perRecipient = new HashMap<>();
        Map<String, Integer> expectedPerRecipient = new HashMap<>();
        expected.values().forEach(e -> expectedPerRecipient.merge(e.recipient(), 1, Integer::sum));
        for (MailCatcher.Received r : mail.since(0)) {
            perRecipient.merge(r.recipient(), 1, Integer::sum);
            String text = MailCatcher.text(r.message());
            Matcher m = REFERENCE.matcher(text);
            if (!m.find()) {
                problems.add("unexpected e-mail without a reference to " + r.recipient());
                continue;
            }
            String key = m.group(2) + "|" + r.recipient();
            Expected e = expected.get(key);
            if (e == null) {
                problems.add("unexpected e-mail: " + m.group(1) + " " + m.group(2) + " to " + r.recipient());
                continue;
            }
            if (seen.merge(key, 1, Integer::sum) == 1) {
                for (String must : e.mustContain()) {
                    if (!text.contains(must)) {
                        problems.add(e.phase() + ": the e-mail of " + e.referenceId() + " to " + r.recipient()
                                + " does not contain '" + must + "'");
                    }
                }
            }
        }
        expected.forEach((key, e) -> {
            int n = seen.getOrDefault(key, 0);
            if (n != 1) {
                problems.add(e.phase() + ": " + e.role() + " e-mail of " + e.referenceId() + " to " + e.recipient()
                        + " arrived " + n + " times");
            }
        });
        expectedPerRecipient.forEach((recipient, n) -> {
            int got = perRecipient.getOrDefault(recipient, 0);
            if (got != n) {
                problems.add(recipient + " received " + got + " e-mails, expected " + n);
            }
        });
        perRecipient.keySet().stream().filter(r -> !expectedPerRecipient.containsKey(r))
                .forEach(r -> problems.add(r + " received " + perRecipient.get(r) + " e-mail(s), expected none"));
        if (mail.count() != expected.size()) {
            problems.add(mail.count() + " e-mails arrived, " + expected.size() + " expected");
        }
        results.put("emails.expected", String.valueOf(expected.size()));
        results.put("emails.received", String.valueOf(mail.count()));
        results.put("recipients", String.valueOf(perRecipient.size()));
        return problems;
    }

    // ---------------------------------------------------------------- what the service's own records say

    /**
     * Where the alert latency goes, from the service's own rows (read-only): the inbox row's {@code received_at}
     * (PostgreSQL's now(): when the consumer's transaction began), the delivery row's {@code created_at} (planned)
     * and {@code sent_at} (recorded after the sender's batch), against the producer's acknowledgement and the SMTP
     * receipt, on the one wall clock of this machine.
     */
    @SuppressWarnings("unchecked")
    private void databaseSummary(Map<String, Object> alerts) throws SQLException {
        List<Published> published = (List<Published>) alerts.get("published");
        Map<String, MailCatcher.Received> receipts = (Map<String, MailCatcher.Received>) alerts.get("receipts");
        Map<String, Published> byEvent = new HashMap<>();
        published.forEach(p -> byEvent.put(p.eventId, p));
        List<Double> pickup = new ArrayList<>();
        List<Double> planned = new ArrayList<>();
        List<Double> smtp = new ArrayList<>();
        List<Double> recorded = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        int retried = 0;
        Instant firstPlanned = null;
        Instant lastPlanned = null;
        Instant lastSent = null;
        int invitesPlanned = 0;
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/chaperone";
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                Statement st = db.createStatement()) {
            Map<String, Instant> inbox = new HashMap<>();
            try (ResultSet rs = st.executeQuery("select event_id, received_at from notification.inbox_event")) {
                while (rs.next()) {
                    inbox.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            try (ResultSet rs = st.executeQuery("select event_id, recipient_id, status, attempts, created_at, sent_at,"
                    + " message_kind from notification.delivery")) {
                while (rs.next()) {
                    statuses.merge(rs.getString(7) + " " + rs.getString(3), 1, Integer::sum);
                    if (rs.getInt(4) > 1) {
                        retried++;
                    }
                    if (measuredInviteEvents.contains(rs.getString(1))) {
                        Instant created = rs.getTimestamp(5).toInstant();
                        firstPlanned = firstPlanned == null || created.isBefore(firstPlanned) ? created : firstPlanned;
                        lastPlanned = lastPlanned == null || created.isAfter(lastPlanned) ? created : lastPlanned;
                        if (rs.getTimestamp(6) != null && (lastSent == null
                                || rs.getTimestamp(6).toInstant().isAfter(lastSent))) {
                            lastSent = rs.getTimestamp(6).toInstant();
                        }
                        invitesPlanned++;
                    }
                    Published p = byEvent.get(rs.getString(1));
                    if (p == null || p.ackAt == null || !"DSL".equals(roleOf(p, rs.getString(2)))) {
                        continue;
                    }
                    Instant created = rs.getTimestamp(5).toInstant();
                    Instant in = inbox.get(p.eventId);
                    MailCatcher.Received r = receipts.get(p.referenceId + "|" + School.email(rs.getString(2)));
                    if (in != null) {
                        pickup.add(millis(p.ackAt, in));
                    }
                    planned.add(millis(p.ackAt, created));
                    if (r != null) {
                        smtp.add(millis(created, r.at()));
                        if (rs.getTimestamp(6) != null) {
                            recorded.add(millis(r.at(), rs.getTimestamp(6).toInstant()));
                        }
                    }
                }
            }
        }
        summary.append("\n### Where the alert latency goes (DSL's e-mails of the measured phase, from the service's "
                + "own rows)\n\n").append(Stats.header()).append('\n');
        summary.append(Stats.of(pickup).row("broker ack → consumer's transaction began (inbox row)")).append('\n');
        summary.append(Stats.of(planned).row("broker ack → delivery row planned")).append('\n');
        summary.append(Stats.of(smtp).row("delivery planned → SMTP accepted (sender)")).append('\n');
        summary.append(Stats.of(recorded).row("SMTP accepted → recorded as sent (end of the batch)")).append('\n');
        if (invitesStartAt != null && firstPlanned != null) {
            double planning = millis(invitesStartAt, lastPlanned) / 1000;
            summary.append(String.format(Locale.ROOT, "%nInvites, from the service's rows: the consumer planned all "
                    + "%d deliveries between %.1f s and %.1f s after the first publish (%.0f deliveries planned per "
                    + "second); the last was recorded as sent %.1f s after the first publish.%n", invitesPlanned,
                    millis(invitesStartAt, firstPlanned) / 1000, planning, invitesPlanned / planning,
                    lastSent == null ? Double.NaN : millis(invitesStartAt, lastSent) / 1000));
            results.put("invites.planningSeconds", fmt(planning));
        }
        summary.append("\nDelivery rows by kind and status: ").append(statuses).append("; rows with more than one "
                + "attempt: ").append(retried).append('\n');
        results.put("deliveries.retried", String.valueOf(retried));
    }

    private String roleOf(Published p, String staffId) {
        Expected e = expected.get(p.referenceId + "|" + School.email(staffId));
        return e == null ? null : e.role();
    }

    private void serviceLogSummary() throws IOException {
        long errors;
        long warnings;
        try (Stream<String> lines = Files.lines(service.log(), StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            errors = all.stream().filter(l -> l.contains(" ERROR ")).count();
            warnings = all.stream().filter(l -> l.contains(" WARN ")).count();
        }
        summary.append("\nnotification-service log: ").append(errors).append(" ERROR and ").append(warnings)
                .append(" WARN lines (").append(out.relativize(service.log())).append(").\n");
    }

    // ---------------------------------------------------------------- starting and stopping

    private void startPostgres() throws IOException, SQLException {
        Path data = out.resolve("postgres");
        deleteTree(data);
        Path log = out.resolve("postgres.log");
        Files.deleteIfExists(log);
        postgres = EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(data).setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("alter user postgres with password 'postgres'");
            s.execute("create database chaperone");
        }
        pid("postgres", postgresPid());
    }

    private long postgresPid() {
        try {
            return Long.parseLong(Files.readAllLines(out.resolve("postgres/postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort))) {
            admin.createTopics(Stream.of(EventTypes.INCIDENT_RAISED.topic(), EventTypes.INVITE_DISPATCHED.topic(),
                    "chaperone.consent.v1", "chaperone.notification.v1")
                    .distinct().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
        }
    }

    private void startService(Path jar, DevKeys keys) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(servicePort));
        env.put("CHAPERONE_DB_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/chaperone");
        env.put("CHAPERONE_DB_USER", "postgres");
        env.put("CHAPERONE_DB_PASSWORD", "postgres");
        env.put("CHAPERONE_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort);
        env.put("CHAPERONE_SMTP_HOST", "127.0.0.1");
        env.put("CHAPERONE_SMTP_PORT", String.valueOf(smtpPort));
        env.put("CHAPERONE_SMTP_START_TLS", "DISABLED");
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        env.put("CHAPERONE_NOTIFICATION_KEY", Base64.getEncoder().encodeToString(key));
        env.put("CHAPERONE_JWT_PUBLIC_KEY", keys.publicKeyFile().toString());
        env.put("CHAPERONE_JWT_ISSUER", DevTokens.ISSUER);
        env.put("CHAPERONE_JWT_AUDIENCE", DevTokens.AUDIENCE);
        for (String setting : serviceEnv.trim().split("\\s+")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                env.put(setting.substring(0, eq), setting.substring(eq + 1));
            }
        }
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        for (String opt : serviceJavaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        Path log = out.resolve("notification-service.log");
        Files.deleteIfExists(log);
        service = ChildProcess.start("notification-service", command, env, root, log);
        pid("notification-service", service.pid());
        results.put("service.command", String.join(" ", command));
    }

    private synchronized void stopAll() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                // stopping anyway
            }
            producer = null;
        }
        for (ChildProcess child : new ChildProcess[] {service, broker}) {
            if (child != null) {
                child.requestStop();
                child.awaitStopped(Duration.ofSeconds(10));
            }
        }
        service = null;
        broker = null;
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
            postgres = null;
        }
        if (mail != null) {
            mail.close();
            mail = null;
        }
    }

    // ---------------------------------------------------------------- small things

    private void pid(String name, long pid) throws IOException {
        Files.writeString(out.resolve("pids"), pid + " " + name + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private void phaseLine(String phase) {
        log("== " + phase + " (load average " + loadAverage() + ")");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void log(String line) {
        System.out.println(java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }
}
