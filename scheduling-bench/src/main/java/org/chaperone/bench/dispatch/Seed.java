package org.chaperone.bench.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.EventCodec;
import org.chaperone.events.EventType;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.DecisionChannel;

/**
 * Sets up what the benchmark dispatches, as the rest of the suite would, none of it measured: through
 * scheduling-service's API, a policy per school (by the trust's admin) and two hosts per class in the staff
 * register (by the school's MIS connector); on the broker, consent decisions exactly as consent-service announces
 * them, which the service's consent projection consumes; then the sessions, one per class, scheduled by the class
 * teacher. It waits until the projection has applied every decision.
 *
 * <p>Each set (the warm-up, then each measured repetition) has its own pupils and sessions: a session's invites
 * are dispatched once. Each pupil's consent, drawn from a seeded random: live-video consent from one guardian
 * (or two), or refused, or granted with an expiry already past, or never answered. For each set it writes
 * {@code sets/<set>.sessions.csv} (session, school, pupils, the teacher's token) and {@code sets/<set>.pupils.csv}
 * (pupil, session, the expected outcome, the consenting guardians), from which the simulation checks every event.
 *
 * <p>Args: directory base-url sets (e.g. {@code warmup=1500,rep1=10000}) class-size schools random-seed.
 */
public final class Seed {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String DISPATCHED = "DISPATCHED";
    /** The mix of consent, in percent of pupils; the rest never answered. */
    static final int GRANTED = 82;
    static final int REFUSED = 6;
    static final int EXPIRED = 6;
    /** Of the pupils with consent, this percentage have it from two guardians. */
    static final int TWO_GUARDIANS = 25;

    private final Path dir;
    private final String baseUrl;
    private final int classSize;
    private final List<String> schools = new ArrayList<>();
    private final Random random;
    private final BenchKeys keys;
    private final ObjectMapper json = EventCodec.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final KafkaProducer<String, byte[]> producer;
    private final String jdbcUrl;
    private final AtomicLong consentEvents = new AtomicLong();

    private Seed(Path dir, String baseUrl, int classSize, int schoolCount, long seed) throws Exception {
        this.dir = dir;
        this.baseUrl = baseUrl;
        this.classSize = classSize;
        for (int i = 1; i <= schoolCount; i++) {
            schools.add(String.format("bench-school-%02d", i));
        }
        this.random = new Random(seed);
        this.keys = BenchKeys.read(dir);
        Properties infra = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve("infra.properties"))) {
            infra.load(reader);
        }
        this.jdbcUrl = infra.getProperty("jdbcUrl");
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.getProperty("bootstrap"),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> sets = new LinkedHashMap<>();
        for (String part : args[2].split(",")) {
            String[] pair = part.split("=");
            sets.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
        }
        Seed seed = new Seed(Path.of(args[0]), args[1], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Long.parseLong(args[5]));
        try {
            seed.run(sets);
        } finally {
            seed.pool.shutdownNow();
            seed.producer.close();
        }
    }

    private void run(Map<String, Integer> sets) throws Exception {
        long started = System.nanoTime();
        int classesPerSchool = 0;
        for (int pupils : sets.values()) {
            int sessions = (pupils + classSize - 1) / classSize;
            classesPerSchool = Math.max(classesPerSchool, (sessions + schools.size() - 1) / schools.size());
        }
        System.out.printf("policies for %d schools, %d classes' hosts each%n", schools.size(), classesPerSchool);
        String admin = keys.token("trust-admin", List.of("trust-admin"), List.of());
        List<Future<?>> calls = new ArrayList<>();
        for (String school : schools) {
            send("PUT", "/api/v1/policies/" + school, admin, policy(), 200);
            String app = keys.token("mis-" + school, List.of("school-app"), List.of(school));
            for (int k = 1; k <= classesPerSchool; k++) {
                for (String staff : List.of(teacher(k), assistant(k))) {
                    calls.add(pool.submit(() -> send("PUT", "/api/v1/staff/" + school + "/" + staff, app,
                            Map.of("dbsCheckedOn", LocalDate.now().minusMonths(6).toString(),
                                    "safeguardingTrainedOn", LocalDate.now().minusMonths(6).toString(),
                                    "slt", false, "headteacher", false), 200)));
                }
            }
        }
        await(calls);

        Files.createDirectories(dir.resolve("sets"));
        int setIndex = 0;
        for (Map.Entry<String, Integer> set : sets.entrySet()) {
            seedSet(set.getKey(), set.getValue(), setIndex++);
        }
        producer.flush();
        awaitProjection();
        System.out.printf("seeded in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private record Pupil(UUID id, String expected, List<UUID> guardians) {
    }

    private void seedSet(String name, int pupilCount, int setIndex) throws Exception {
        List<Pupil> pupils = new ArrayList<>(pupilCount);
        int[] outcomes = new int[4];
        for (int i = 0; i < pupilCount; i++) {
            Pupil pupil = consentFor(UUID.randomUUID(), schools.get((i / classSize) % schools.size()));
            pupils.add(pupil);
            outcomes[switch (pupil.expected()) {
                case DISPATCHED -> 0;
                case "LIVE_VIDEO_CONSENT_REFUSED" -> 1;
                case "LIVE_VIDEO_CONSENT_EXPIRED" -> 2;
                default -> 3;
            }]++;
        }
        System.out.printf("set %s: %d pupils (consent %d, refused %d, expired %d, never answered %d), "
                + "%d consent events so far%n", name, pupilCount, outcomes[0], outcomes[1], outcomes[2], outcomes[3],
                consentEvents.get());

        // One session per class, round-robin over the schools; a school day next week, one day per set.
        LocalDate monday = LocalDate.now(LONDON).plusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ZonedDateTime start = ZonedDateTime.of(monday.plusDays(setIndex % 5), LocalTime.of(9 + setIndex / 5, 0), LONDON);
        List<Future<String>> scheduled = new ArrayList<>();
        List<String> sessionLines = new ArrayList<>();
        List<String> pupilLines = new ArrayList<>();
        for (int from = 0, c = 0; from < pupilCount; from += classSize, c++) {
            List<Pupil> members = pupils.subList(from, Math.min(pupilCount, from + classSize));
            String school = schools.get(c % schools.size());
            int k = c / schools.size() + 1;
            String token = keys.token(teacher(k) + "@" + school, List.of("staff"), List.of(school));
            Map<String, Object> body = Map.of("schoolId", school, "kind", "GROUP", "title", "Class " + k + " catch-up",
                    "startsAt", start.toInstant().toString(), "endsAt", start.plusMinutes(45).toInstant().toString(),
                    "hostStaffIds", List.of(teacher(k), assistant(k)),
                    "pupilIds", members.stream().map(Pupil::id).toList(), "recorded", false);
            scheduled.add(pool.submit(() -> send("POST", "/api/v1/sessions", token, body, 201).get("id").asText()));
            sessionLines.add(school + "," + members.size() + "," + token);
        }
        for (int i = 0; i < scheduled.size(); i++) {
            String session = scheduled.get(i).get();
            sessionLines.set(i, session + "," + sessionLines.get(i));
            for (Pupil pupil : pupils.subList(i * classSize, Math.min(pupilCount, (i + 1) * classSize))) {
                pupilLines.add(pupil.id() + "," + session + "," + pupil.expected() + ","
                        + String.join(";", pupil.guardians().stream().map(UUID::toString).sorted().toList()));
            }
        }
        Files.write(dir.resolve("sets/" + name + ".sessions.csv"), sessionLines, StandardCharsets.US_ASCII);
        Files.write(dir.resolve("sets/" + name + ".pupils.csv"), pupilLines, StandardCharsets.US_ASCII);
        System.out.printf("set %s: %d sessions scheduled%n", name, scheduled.size());
    }

    /** Publishes this pupil's consent decisions and says what the dispatch must decide for them. */
    private Pupil consentFor(UUID pupil, String school) {
        int draw = random.nextInt(100);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (draw < GRANTED) {
            List<UUID> guardians = new ArrayList<>(List.of(UUID.randomUUID()));
            if (random.nextInt(100) < TWO_GUARDIANS) {
                guardians.add(UUID.randomUUID());
            }
            for (UUID guardian : guardians) {
                publish(EventTypes.CONSENT_GRANTED, pupil, school, new ConsentGranted(UUID.randomUUID(), school, pupil,
                        guardian, ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, null, null,
                        DecisionChannel.PARENT_APP, now.minus(30, ChronoUnit.DAYS), "parent"));
            }
            return new Pupil(pupil, DISPATCHED, guardians);
        }
        if (draw < GRANTED + REFUSED) {
            publish(EventTypes.CONSENT_REFUSED, pupil, school, new ConsentRefused(UUID.randomUUID(), school, pupil,
                    UUID.randomUUID(), ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null,
                    DecisionChannel.PARENT_APP, now.minus(20, ChronoUnit.DAYS), "parent"));
            return new Pupil(pupil, "LIVE_VIDEO_CONSENT_REFUSED", List.of());
        }
        if (draw < GRANTED + REFUSED + EXPIRED) {
            // Granted last year for a year: past its expiry, whether or not consent-service has announced it yet.
            publish(EventTypes.CONSENT_GRANTED, pupil, school, new ConsentGranted(UUID.randomUUID(), school, pupil,
                    UUID.randomUUID(), ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, null,
                    now.minus(1, ChronoUnit.DAYS), DecisionChannel.EMAIL, now.minus(366, ChronoUnit.DAYS), "office"));
            return new Pupil(pupil, "LIVE_VIDEO_CONSENT_EXPIRED", List.of());
        }
        return new Pupil(pupil, "NO_LIVE_VIDEO_CONSENT", List.of());
    }

    private <T> void publish(EventType<T> type, UUID pupil, String school, T data) {
        CloudEvent<T> event = new CloudEvent<>(UUID.randomUUID().toString(), "/chaperone/consent-service", type,
                pupil.toString(), Instant.now(), school, data);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.key(),
                EventCodec.encodeData(data));
        EventCodec.headers(event).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                System.err.println("a consent event was not published: " + error);
                System.exit(1);
            }
        });
        consentEvents.incrementAndGet();
    }

    /** Until the projection's inbox holds every consent event published (each applied exactly once). */
    private void awaitProjection() throws Exception {
        long expected = consentEvents.get();
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(15).toNanos();
        long applied = 0;
        long lastPrint = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            while (applied < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consent projection applied " + applied + " of " + expected
                            + " events in 15 minutes");
                }
                Thread.sleep(500);
                try (ResultSet rows = statement.executeQuery("select count(*) from scheduling.inbox_event "
                        + "where consumer = 'scheduling.consent-projection'")) {
                    rows.next();
                    applied = rows.getLong(1);
                }
                if (System.nanoTime() - lastPrint > 10e9) {
                    lastPrint = System.nanoTime();
                    System.out.printf("consent projection: %d of %d events applied%n", applied, expected);
                }
            }
        }
        System.out.printf("consent projection: all %d events applied (%.0f s after the last was published)%n",
                expected, (System.nanoTime() - started) / 1e9);
    }

    private JsonNode send(String method, String path, String token, Object body, int status) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    private static void await(List<Future<?>> calls) throws Exception {
        for (Future<?> call : calls) {
            call.get();
        }
    }

    private static String teacher(int k) {
        return "teacher-" + k;
    }

    private static String assistant(int k) {
        return "assistant-" + k;
    }

    private static Map<String, Object> policy() {
        Map<String, Object> meeting = Map.ofEntries(Map.entry("waitingRoom", true), Map.entry("lockAfterStart", true),
                Map.entry("muteOnEntry", true), Map.entry("hostOnlyScreenShare", true),
                Map.entry("hostOnlyRecording", true), Map.entry("hostOnlyChat", true),
                Map.entry("hostOnlyAnnotation", true), Map.entry("hostOnlyFileTransfer", true),
                Map.entry("participantsMayRename", false), Map.entry("breakoutRooms", false),
                Map.entry("removedMayRejoin", false));
        return Map.ofEntries(Map.entry("timeZone", "Europe/London"),
                Map.entry("schoolDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")),
                Map.entry("dayStarts", "08:30"), Map.entry("dayEnds", "15:30"), Map.entry("closureDates", List.of()),
                Map.entry("maxSessionMinutes", 60), Map.entry("maxSessionsPerPupilPerWeek", 5),
                Map.entry("minHosts", 2), Map.entry("dbsValidityMonths", 36), Map.entry("trainingValidityMonths", 24),
                Map.entry("recordingAllowed", false), Map.entry("oneToOneAllowed", false),
                Map.entry("whenRecordingConsentMissing", "EXCLUDE_PUPIL"), Map.entry("meeting", meeting));
    }
}
