package org.chaperone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaperone.local.ApiClient;
import org.chaperone.local.CaughtMail;
import org.chaperone.local.DemoScheduling;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.LocalMail;
import org.chaperone.local.NotificationDemoData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole suite's headline figures (issue 8, item 3), on this machine: time to ready and memory of every process
 * of the suite, and the end-to-end latency from a concern's {@code POST} at the gateway to the DSL's alert e-mail
 * accepted by the SMTP server, at a steady rate (an open model: each request leaves at its time whether or not the
 * earlier ones were answered). Not part of {@code mvn verify}: run {@code e2e/bench}. Writes
 * {@code e2e/target/bench/summary.md}.
 */
@Tag("bench")
@ExtendWith(Suite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteBenchmark {

    static final String INVITE_SCHOOL = "avanti-house";
    static final int INVITES = Integer.getInteger("bench.invites", 10_000);
    static final int CLASS_SIZE = 30;
    static final int TEACHERS = 8;

    static final String SCHOOL = "ash-lea";
    static final int RATE = Integer.getInteger("bench.rate", 20);
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 30));
    static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
    static final Duration DRAIN = Duration.ofSeconds(120);

    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    record Sent(Instant at, UUID concern, Duration answeredIn, boolean measured) {
    }

    @Test
    @Order(1)
    void readyTimeMemoryAndConcernToAlertLatency() throws Exception {
        StringBuilder summary = new StringBuilder();
        Duration ready = Suite.startup();
        Map<String, Long> idle = memory();
        summary.append("## Whole suite on one machine (").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(")\n\n");
        summary.append("- ready (PostgreSQL, Kafka, SMTP, four services, gateway, demo data loaded): ")
                .append(seconds(ready)).append('\n');
        summary.append("- memory after start, proportional set size (PSS) per process: ").append(describe(idle))
                .append('\n');

        School school = Suite.trust().school(SCHOOL).orElseThrow();
        String teacher = Suite.token(school.staff().get(0).subject(), "staff", SCHOOL);
        String dsl = NotificationDemoData.staffAddress(school.staffWithRole("dsl").orElseThrow().subject());
        UUID pupil = Suite.ids().school(SCHOOL).pupils().values().iterator().next();
        Api api = new Api(Suite.gateway());

        int total = (int) ((WARM_UP.toSeconds() + MEASURED.toSeconds()) * RATE);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(64);
        Instant first = Instant.now().plusSeconds(1);
        Instant measuredFrom = first.plus(WARM_UP);
        for (int i = 0; i < total; i++) {
            int n = i;
            clock.schedule(() -> senders.submit(() -> {
                Instant at = Instant.now();
                try {
                    ApiClient.Answer answer = api.send("POST", "/api/v1/concerns", teacher, concern(pupil),
                            "bench-" + UUID.randomUUID());
                    if (answer.status() != 201) {
                        failures.add("HTTP " + answer.status());
                        return;
                    }
                    sent.add(new Sent(at, UUID.fromString(answer.body().path("id").asText()),
                            Duration.between(at, Instant.now()), !at.isBefore(measuredFrom)));
                } catch (IOException | RuntimeException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), Duration.between(Instant.now(), first).toNanos() + n * periodNanos, TimeUnit.NANOSECONDS);
        }
        clock.shutdown();
        clock.awaitTermination(WARM_UP.plus(MEASURED).toSeconds() + 30, TimeUnit.SECONDS);
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        Map<String, Long> loaded = memory();

        // every alert's acceptance time, from the SMTP server's store
        Map<UUID, Instant> accepted = new HashMap<>();
        Instant deadline = Instant.now().plus(DRAIN);
        do {
            accepted = acceptedAlerts(dsl, sent);
            if (accepted.size() >= sent.size()) {
                break;
            }
            Mailbox.sleep(Duration.ofSeconds(1));
        } while (Instant.now().isBefore(deadline));

        List<Long> latencies = new ArrayList<>();
        List<Long> answers = new ArrayList<>();
        int missing = 0;
        for (Sent concern : sent) {
            if (!concern.measured()) {
                continue;
            }
            answers.add(concern.answeredIn().toMillis());
            Instant at = accepted.get(concern.concern());
            if (at == null) {
                missing++;
            } else {
                latencies.add(Duration.between(concern.at(), at).toMillis());
            }
        }
        Collections.sort(latencies);
        Collections.sort(answers);
        summary.append("- concern POST at the gateway → the DSL's alert accepted by the SMTP server, ").append(RATE)
                .append(" concerns/s for ").append(MEASURED.toSeconds()).append(" s after a ")
                .append(WARM_UP.toSeconds()).append(" s warm-up (").append(latencies.size()).append(" measured): ")
                .append(String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms",
                        percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                        latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1)))
                .append("; the POST itself answered p50 ").append(percentile(answers, 50)).append(" ms, p99 ")
                .append(percentile(answers, 99)).append(" ms; failed requests ").append(failures.size())
                .append(", alerts missing after ").append(DRAIN.toSeconds()).append(" s: ").append(missing)
                .append('\n');
        summary.append("- memory after the load, PSS per process: ").append(describe(loaded)).append('\n');
        summary.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append(", Java ")
                .append(System.getProperty("java.version")).append('\n');
        write(summary.toString(), false);

        assertThat(failures).as("failed requests").isEmpty();
        assertThat(missing).as("alerts that never arrived").isZero();
    }

    /**
     * {@link #INVITES} consenting guardians' pupils in classes of 30, one session each, dispatched through the
     * gateway by 8 teachers at once; from the first dispatch request to the last invite e-mail accepted by the SMTP
     * server. Every guardian must get exactly one invite.
     */
    @Test
    @Order(2)
    void invitesFromDispatchToEmailsAccepted() throws Exception {
        Api api = new Api(Suite.gateway());
        School school = Suite.trust().school(INVITE_SCHOOL).orElseThrow();
        DemoScheduling.Policy policy = Suite.scheduling().policy(INVITE_SCHOOL).orElseThrow();
        List<String> hosts = Suite.scheduling().sessions().stream().filter(s -> s.school().equals(INVITE_SCHOOL))
                .findFirst().orElseThrow().hosts();
        String teacher = Suite.token(hosts.get(0), "staff", INVITE_SCHOOL);
        long linesBefore = CrashTest.count("select count(*) from scheduling.consent_line where school_id = ?",
                INVITE_SCHOOL);
        Instant loading = Instant.now();
        // years of issue 0-9: the demo pupils' UPNs have 20 and 23
        List<NewPupils.Pupil> pupils = new NewPupils(api, school, "AH-B", 0, CLASS_SIZE, "Bench")
                .load(INVITES, n -> true, 32);
        Duration loaded = Duration.between(loading, Instant.now());
        Instant projecting = Instant.now();
        while (CrashTest.count("select count(*) from scheduling.consent_line where school_id = ?", INVITE_SCHOOL)
                < linesBefore + INVITES) {
            assertThat(Duration.between(projecting, Instant.now())).as("consent projection").isLessThan(
                    Duration.ofMinutes(10));
            Mailbox.sleep(Duration.ofMillis(500));
        }
        Duration projected = Duration.between(projecting, Instant.now());

        LocalDate day = DemoScheduling.nextSchoolDay(Instant.now(), policy).plusWeeks(3);
        ZoneId zone = ZoneId.of(policy.timeZone());
        List<UUID> sessions = new ArrayList<>();
        for (int from = 0, c = 0; from < pupils.size(); from += CLASS_SIZE, c++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schoolId", INVITE_SCHOOL);
            body.put("kind", "GROUP");
            body.put("title", "Bench class " + (c + 1));
            body.put("startsAt", day.atTime(9, 0).atZone(zone).toInstant().toString());
            body.put("endsAt", day.atTime(9, 45).atZone(zone).toInstant().toString());
            body.put("hostStaffIds", hosts);
            body.put("pupilIds", pupils.subList(from, Math.min(pupils.size(), from + CLASS_SIZE)).stream()
                    .map(NewPupils.Pupil::id).toList());
            body.put("recorded", false);
            sessions.add(NewPupils.id(api.retrying("POST", "/api/v1/sessions", teacher, body,
                    "bench-session-" + c + "-" + UUID.randomUUID(), 201)));
        }

        ExecutorService teachers = Executors.newFixedThreadPool(TEACHERS);
        List<Future<Integer>> dispatched = new ArrayList<>();
        Instant first = Instant.now();
        for (UUID session : sessions) {
            dispatched.add(teachers.submit(() -> api.retrying("POST", "/api/v1/sessions/" + session + "/invites",
                    teacher, null, null, 200).path("invited").size()));
        }
        int invited = 0;
        for (Future<Integer> done : dispatched) {
            invited += done.get();
        }
        Instant allDispatched = Instant.now();
        teachers.shutdown();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        Instant last = null;
        int arrived;
        int duplicates;
        do {
            Mailbox.sleep(Duration.ofSeconds(2));
            arrived = 0;
            duplicates = 0;
            last = null;
            LocalMail mail = Suite.stack().mail();
            for (NewPupils.Pupil pupil : pupils) {
                List<LocalMail.Accepted> invites = new ArrayList<>();
                for (LocalMail.Accepted accepted : mail.acceptedFor(pupil.guardianAddress())) {
                    if (String.valueOf(accepted.message().getSubject()).contains("invitation")) {
                        invites.add(accepted);
                    }
                }
                if (!invites.isEmpty()) {
                    arrived++;
                    duplicates += invites.size() - 1;
                    Instant at = invites.get(0).at();
                    last = last == null || at.isAfter(last) ? at : last;
                }
            }
        } while (arrived < pupils.size() && Instant.now().isBefore(deadline));

        Duration took = Duration.between(first, last == null ? Instant.now() : last);
        StringBuilder summary = new StringBuilder();
        summary.append("- invites: ").append(String.format(Locale.ROOT, "%,d", INVITES))
                .append(" consenting guardians' pupils (loaded through the gateway in ").append(seconds(loaded))
                .append(", consent projected by scheduling-service in ").append(seconds(projected)).append(") in ")
                .append(sessions.size()).append(" sessions dispatched by ").append(TEACHERS)
                .append(" teachers at once: all dispatch requests answered in ")
                .append(seconds(Duration.between(first, allDispatched))).append(" (").append(invited)
                .append(" invited); invite e-mails accepted ").append(arrived).append(", the last ")
                .append(seconds(took)).append(" after the first dispatch request: ")
                .append(String.format(Locale.ROOT, "%.0f", arrived / Math.max(0.001, took.toMillis() / 1000.0)))
                .append(" invites/s end to end; duplicates ").append(duplicates).append('\n');
        write(summary.toString(), true);

        assertThat(invited).isEqualTo(INVITES);
        assertThat(arrived).as("guardians with their invite").isEqualTo(INVITES);
        assertThat(duplicates).isZero();
    }

    static void write(String text, boolean append) throws IOException {
        Path out = Path.of("target/bench/summary.md");
        Files.createDirectories(out.getParent());
        if (append) {
            Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } else {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        System.out.println(text);
    }

    /** The acceptance time of the first alert e-mail naming each concern sent, in the DSL's inbox. */
    static Map<UUID, Instant> acceptedAlerts(String dsl, List<Sent> sent) throws MessagingException, IOException {
        Map<String, UUID> wanted = new ConcurrentHashMap<>();
        synchronized (sent) {
            sent.forEach(s -> wanted.put(s.concern().toString(), s.concern()));
        }
        Map<UUID, Instant> found = new HashMap<>();
        for (LocalMail.Accepted mail : Suite.stack().mail().acceptedFor(dsl)) {
            Matcher ids = UUID_TEXT.matcher(CaughtMail.everyPart(mail.message()));
            while (ids.find()) {
                UUID concern = wanted.get(ids.group());
                if (concern != null) {
                    found.merge(concern, mail.at(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        return found;
    }

    static Map<String, Object> concern(UUID pupil) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", SCHOOL);
        body.put("category", "PUPIL_BEHAVIOUR");
        body.put("whatHappened", "A pupil repeatedly unmuted to shout over the lesson.");
        body.put("occurredAt", Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("pupilIds", List.of(pupil));
        body.put("immediateRisk", false);
        return body;
    }

    /** PSS of each process of the suite (with its children: PostgreSQL's backends), in MiB, and the sum. */
    static Map<String, Long> memory() throws IOException {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Suite.stack().paths().pids())) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length < 2) {
                continue;
            }
            long pid = Long.parseLong(parts[0]);
            long kib = pss(pid) + ProcessHandle.of(pid).map(p -> p.descendants().mapToLong(d -> pss(d.pid())).sum())
                    .orElse(0L);
            byName.put(parts[1], kib / 1024);
        }
        // the launcher's JVM holds the SMTP server; here it is the test JVM too, so it is left out
        return byName;
    }

    static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    static String describe(Map<String, Long> mib) {
        long total = mib.values().stream().mapToLong(Long::longValue).sum();
        List<String> parts = new ArrayList<>();
        mib.forEach((name, value) -> parts.add(name + " " + value + " MiB"));
        return "total " + total + " MiB (" + String.join(", ", parts) + ")";
    }

    static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
