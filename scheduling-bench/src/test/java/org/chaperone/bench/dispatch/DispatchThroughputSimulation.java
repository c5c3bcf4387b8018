package org.chaperone.bench.dispatch;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventTypes;
import org.chaperone.events.scheduling.BlockReason;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteDispatched;

/**
 * One set of the dispatch benchmark (issue 3, item 9): {@code bench.users} teachers, each in a closed loop,
 * dispatch the invites of the set's sessions ({@code POST /api/v1/sessions/{id}/invites}) until none is left, while
 * a consumer reads {@code chaperone.scheduling.v1} from its end as it stood before the first request.
 *
 * <p>Measured: from the first dispatch request to the last of the set's invite events on the topic, the invites
 * decided per second (pupils / that time); the same up to the last response (decided and committed, before the
 * outbox relay has published); each session's dispatch latency (timed here with System.nanoTime, as Gatling's own
 * statistics, in its report, have millisecond resolution); and each process's CPU time over the run, from /proc.
 *
 * <p>Checked, and written as {@code correct=false} with the reasons if not: no request failed; every response
 * decided each of the session's pupils; every pupil of the set has exactly one invite event, of the outcome the seed
 * expects (a pupil with consent: {@code InviteDispatched} to exactly their consenting guardians; the others:
 * {@code InviteBlocked} with the reason); no event for a pupil outside the set; no event published twice; and
 * the outbox holds nothing unpublished.
 */
public class DispatchThroughputSimulation extends Simulation {

    private final Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
    private final String set = System.getProperty("bench.set", "rep1");
    private final String baseUrl = System.getProperty("bench.baseUrl", "http://127.0.0.1:18090");
    private final int users = Integer.getInteger("bench.users", 8);
    private final Duration publishTimeout = Duration.ofSeconds(Integer.getInteger("bench.publishTimeoutSeconds", 300));
    private final Map<String, List<Integer>> cpuPids = parseCpu(System.getProperty("bench.cpu", ""));
    private final Path out = dir.resolve(System.getProperty("bench.out", set + ".properties"));

    private final Properties infra = load(dir.resolve("infra.properties"));
    private final List<SessionRow> sessions = readSessions(dir.resolve("sets/" + set + ".sessions.csv"));
    private final Map<String, ExpectedPupil> pupils = readPupils(dir.resolve("sets/" + set + ".pupils.csv"));
    private final Set<String> sessionIds = sessions.stream().map(SessionRow::id).collect(Collectors.toSet());
    private final ConcurrentLinkedQueue<SessionRow> queue = new ConcurrentLinkedQueue<>(sessions);

    private final AtomicLong firstRequest = new AtomicLong();
    private final AtomicLong lastResponse = new AtomicLong();
    private final List<Long> latencies = new ArrayList<>();
    private final List<String> responseProblems = new ArrayList<>();
    private long failedRequests;
    private final Map<String, long[]> cpuAtStart = new TreeMap<>();

    private final TopicReader reader = new TopicReader();

    record SessionRow(String id, String school, int pupils, String token) {
    }

    record ExpectedPupil(String session, String outcome, String guardians) {
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
                .acceptHeader("application/json")
                .disableCaching()
                // Gatling's HTTP engine starts lazily, seconds on a busy machine: warm it up on the service's
                // liveness check before the first dispatch, so that its start is not in the figures.
                .warmUp(baseUrl + "/q/health/live");
        ChainBuilder next = exec(session -> {
            SessionRow row = queue.poll();
            if (row == null) {
                return session.set("more", false);
            }
            return session.set("more", true).set("id", row.id()).set("token", row.token())
                    .set("pupils", row.pupils());
        });
        ChainBuilder dispatch = exec(session -> {
            long now = System.nanoTime();
            if (firstRequest.compareAndSet(0, now)) {
                markCpuStart();
            }
            return session.set("t0", now);
        }).exec(http("dispatch").post("/api/v1/sessions/#{id}/invites")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200))
                .check(jmesPath("length(invited)").ofInt().saveAs("invited"))
                .check(jmesPath("length(blocked)").ofInt().saveAs("blocked")))
                .exec(session -> {
                    long done = System.nanoTime();
                    lastResponse.accumulateAndGet(done, Math::max);
                    synchronized (latencies) {
                        if (session.isFailed()) {
                            failedRequests++;
                        } else {
                            latencies.add(done - session.getLong("t0"));
                            int decided = session.getInt("invited") + session.getInt("blocked");
                            if (decided != session.getInt("pupils")) {
                                responseProblems.add("session " + session.getString("id") + ": " + decided
                                        + " pupils decided of " + session.getInt("pupils"));
                            }
                        }
                    }
                    return session.markAsSucceeded();
                });
        setUp(scenario("dispatch " + set)
                .exec(next)
                .asLongAs(session -> session.getBoolean("more")).on(exec(dispatch).exec(next))
                .injectOpen(atOnceUsers(users)).protocols(protocol))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void before() {
        reader.startAtEnd();
    }

    @Override
    public void after() {
        Properties results = new Properties();
        List<String> problems = new ArrayList<>(responseProblems);
        long expectedEvents = pupils.size();
        reader.awaitAtLeast(expectedEvents, publishTimeout);
        long lastEvent = reader.lastEventAt();
        Map<String, long[]> cpuAtEnd = cpuNow();
        reader.settleAndStop();

        long start = firstRequest.get();
        double toLastEvent = (lastEvent - start) / 1e9;
        double toLastResponse = (lastResponse.get() - start) / 1e9;
        results.setProperty("set", set);
        results.setProperty("users", Integer.toString(users));
        results.setProperty("sessions", Integer.toString(sessions.size()));
        results.setProperty("pupils", Integer.toString(pupils.size()));
        results.setProperty("failedRequests", Long.toString(failedRequests));
        results.setProperty("secondsToLastEvent", String.format("%.3f", toLastEvent));
        results.setProperty("secondsToLastResponse", String.format("%.3f", toLastResponse));
        results.setProperty("invitesPerSecond", String.format("%.1f", pupils.size() / toLastEvent));
        results.setProperty("invitesPerSecondCommitted", String.format("%.1f", pupils.size() / toLastResponse));
        results.setProperty("sessionsPerSecond", String.format("%.2f", sessions.size() / toLastResponse));
        results.setProperty("publishLagSeconds", String.format("%.3f", (lastEvent - lastResponse.get()) / 1e9));
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        for (double p : new double[] {50, 90, 99}) {
            results.setProperty("latencyP" + (int) p + "Ms", ms(sorted, p));
        }
        results.setProperty("latencyMaxMs", sorted.length == 0 ? "-" : String.format("%.1f", sorted[sorted.length - 1] / 1e6));
        double wall = Math.max(toLastEvent, 1e-9);
        cpuAtEnd.forEach((process, end) -> {
            long[] begin = cpuAtStart.get(process);
            if (begin != null) {
                double cpuSeconds = (end[0] - begin[0]) / 100.0; // USER_HZ is 100 on Linux
                results.setProperty("cpuMsPerSession." + process, String.format("%.1f", cpuSeconds * 1e3 / sessions.size()));
                results.setProperty("cores." + process, String.format("%.2f", cpuSeconds / wall));
            }
        });

        // Correctness: every pupil decided exactly once, as expected; nothing else; nothing left in the outbox.
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Set<String> decided = new HashSet<>();
        Set<String> eventIds = new HashSet<>();
        long duplicates = 0;
        long republished = 0;
        long wrong = 0;
        long strangers = 0;
        for (Received event : reader.received()) {
            if (!eventIds.add(event.id())) {
                republished++;
                continue;
            }
            byType.merge(event.type(), 1L, Long::sum);
            ExpectedPupil expected = pupils.get(event.pupil());
            if (expected == null || !expected.session().equals(event.session())) {
                strangers++;
                continue;
            }
            if (!decided.add(event.pupil())) {
                duplicates++;
                continue;
            }
            byReason.merge(event.outcome(), 1L, Long::sum);
            if (!expected.outcome().equals(event.outcome()) || !expected.guardians().equals(event.guardians())) {
                if (wrong < 5) {
                    problems.add("pupil " + event.pupil() + ": expected " + expected.outcome() + " ["
                            + expected.guardians() + "], got " + event.outcome() + " [" + event.guardians() + "]");
                }
                wrong++;
            }
        }
        long dispatched = byType.getOrDefault(EventTypes.INVITE_DISPATCHED.name(), 0L);
        long blocked = byType.getOrDefault(EventTypes.INVITE_BLOCKED.name(), 0L);
        long expectedDispatched = pupils.values().stream().filter(p -> p.outcome().equals(Seed.DISPATCHED)).count();
        results.setProperty("events.dispatched", Long.toString(dispatched));
        results.setProperty("events.blocked", Long.toString(blocked));
        results.setProperty("events.other", Long.toString(reader.received().size() - republished - dispatched - blocked));
        byReason.forEach((reason, count) -> results.setProperty("outcome." + reason, Long.toString(count)));
        results.setProperty("expected.dispatched", Long.toString(expectedDispatched));
        results.setProperty("expected.blocked", Long.toString(pupils.size() - expectedDispatched));
        results.setProperty("pupilsDecided", Long.toString(decided.size()));
        results.setProperty("duplicateDecisions", Long.toString(duplicates));
        results.setProperty("republishedEvents", Long.toString(republished));
        results.setProperty("wrongOutcomes", Long.toString(wrong));
        results.setProperty("eventsForOtherPupils", Long.toString(strangers));
        long unpublished = unpublishedOutboxRows();
        results.setProperty("unpublishedOutboxRows", Long.toString(unpublished));
        if (failedRequests > 0) {
            problems.add(failedRequests + " dispatch requests failed");
        }
        if (dispatched + blocked != pupils.size()) {
            problems.add("dispatched + blocked = " + dispatched + " + " + blocked + " = " + (dispatched + blocked)
                    + ", expected " + pupils.size());
        }
        if (decided.size() != pupils.size()) {
            problems.add(decided.size() + " pupils decided of " + pupils.size());
        }
        if (dispatched != expectedDispatched) {
            problems.add(dispatched + " dispatched, expected " + expectedDispatched);
        }
        if (duplicates + republished + wrong + strangers > 0) {
            problems.add(duplicates + " pupils decided twice, " + republished + " events published twice, " + wrong
                    + " wrong outcomes, " + strangers + " events for pupils outside the set");
        }
        if (unpublished != 0) {
            problems.add(unpublished + " outbox rows unpublished");
        }
        results.setProperty("correct", Boolean.toString(problems.isEmpty()));
        results.setProperty("problems", String.join("; ", problems));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                results.store(writer, "scheduling-bench, set " + set);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("set %s: %d pupils in %d sessions, %s invites/s to the last event (%s committed), "
                        + "p50 %s ms, p99 %s ms, dispatched %d, blocked %d, correct: %s %s%n", set, pupils.size(),
                sessions.size(), results.getProperty("invitesPerSecond"),
                results.getProperty("invitesPerSecondCommitted"), results.getProperty("latencyP50Ms"),
                results.getProperty("latencyP99Ms"), dispatched, blocked, problems.isEmpty(), problems);
        System.out.println("bench results written to " + out.toAbsolutePath());
    }

    private void markCpuStart() {
        Map<String, long[]> now = cpuNow();
        synchronized (cpuAtStart) {
            cpuAtStart.putAll(now);
        }
    }

    private Map<String, long[]> cpuNow() {
        Map<String, long[]> ticks = new LinkedHashMap<>();
        cpuPids.forEach((process, pids) -> ticks.put(process, new long[] {cpuTicks(pids, process.equals("postgres"))}));
        ticks.put("gatling", new long[] {cpuTicks(List.of((int) ProcessHandle.current().pid()), false)});
        return ticks;
    }

    private long unpublishedOutboxRows() {
        try (Connection connection = DriverManager.getConnection(infra.getProperty("jdbcUrl"), "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select count(*) from scheduling.outbox_event where published_at is null")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
    }

    private static String ms(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1));
        return String.format("%.1f", sorted[index] / 1e6);
    }

    /**
     * utime + stime in clock ticks (/proc/PID/stat fields 14 and 15); with {@code children}, also of the processes'
     * children that are alive now (PostgreSQL's backends are children of the postmaster; the pool keeps them).
     */
    private static long cpuTicks(List<Integer> pids, boolean children) {
        Set<Integer> all = new HashSet<>(pids);
        if (children) {
            try (var entries = Files.list(Path.of("/proc"))) {
                entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .forEach(n -> {
                            String[] fields = stat(Integer.parseInt(n));
                            if (fields != null && pids.contains(Integer.parseInt(fields[1]))) {
                                all.add(Integer.parseInt(n));
                            }
                        });
            } catch (IOException e) {
                System.err.println("cannot list /proc: " + e);
            }
        }
        long ticks = 0;
        for (int pid : all) {
            String[] fields = stat(pid);
            if (fields != null) {
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        }
        return ticks;
    }

    /** /proc/PID/stat's fields after the command name: [0] is the state, [1] the parent's pid. */
    private static String[] stat(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, List<Integer>> parseCpu(String spec) {
        Map<String, List<Integer>> parsed = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] pair = part.trim().split("=", 2);
            parsed.put(pair[0], Arrays.stream(pair[1].split(",")).filter(s -> !s.isBlank()).map(String::trim)
                    .map(Integer::parseInt).toList());
        }
        return parsed;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static List<SessionRow> readSessions(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", 4))
                    .map(f -> new SessionRow(f[0], f[1], Integer.parseInt(f[2]), f[3])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, ExpectedPupil> readPupils(Path file) {
        Map<String, ExpectedPupil> pupils = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    String[] f = line.split(",", -1);
                    pupils.put(f[0], new ExpectedPupil(f[1], f[2], f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pupils;
    }

    /** An invite event of this set: who, which session, the outcome (DISPATCHED or the first reason), to whom. */
    record Received(String id, String type, String session, String pupil, String outcome, String guardians) {
    }

    /**
     * Reads chaperone.scheduling.v1 on its own thread from the end as it stood before the run: keeps the invite
     * events of this set's sessions, and when the last one arrived.
     */
    final class TopicReader {
        private final List<Received> received = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong lastEventAt = new AtomicLong();
        private Thread thread;

        void startAtEnd() {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.getProperty("bootstrap"),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(EventTypes.SCHEDULING_TOPIC, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the start now, before the first request
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            if (sessionIds.contains(record.key())) {
                                keep(record, System.nanoTime());
                            }
                        }
                    }
                }
            }, "topic-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void keep(ConsumerRecord<String, byte[]> record, long at) {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            CloudEvent<?> event = EventCodec.decode(headers, record.value());
            Received kept;
            if (event.data() instanceof InviteDispatched d) {
                kept = new Received(event.id(), event.type().name(), d.sessionId().toString(), d.pupilId().toString(),
                        Seed.DISPATCHED, d.guardianIds().stream().map(UUID::toString).sorted()
                                .collect(Collectors.joining(";")));
            } else if (event.data() instanceof InviteBlocked b) {
                kept = new Received(event.id(), event.type().name(), b.sessionId().toString(), b.pupilId().toString(),
                        b.reasons().stream().map(BlockReason::name).collect(Collectors.joining("+")), "");
            } else {
                kept = new Received(event.id(), event.type().name(), record.key(), "", event.type().name(), "");
            }
            synchronized (received) {
                received.add(kept);
            }
            lastEventAt.set(at);
        }

        void awaitAtLeast(long count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                synchronized (received) {
                    if (received.size() >= count) {
                        break;
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        long lastEventAt() {
            return lastEventAt.get();
        }

        /** Reads on briefly, so that anything published twice or extra is seen too, then stops. */
        void settleAndStop() {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.set(false);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Received> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }
    }
}
