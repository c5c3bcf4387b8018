package org.chaperone.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chaperone.local.DemoScheduling.DemoSession;
import org.chaperone.local.DemoScheduling.Policy;
import org.chaperone.local.DemoScheduling.RegisteredStaff;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * Loads the demo's scheduling data into scheduling-service through its REST API, after {@link DemoData} has
 * loaded the pupils: each school's policy (as the trust's data manager, {@code trust-admin}), its staff register
 * (as the school's MIS connector, {@code school-app}), then one group session of a class on the next school day
 * (as its class teacher), whose invites are dispatched once consent has reached scheduling-service.
 */
public final class SchedulingDemoData {

    /** What was loaded: the school day of the sessions and each session's outcome, in the trust's school order. */
    public record Loaded(LocalDate day, String timeZone, int policies, int staff, List<SessionOutcome> sessions,
            String projection) {
    }

    /** One demo session and what its dispatch answered. */
    public record SessionOutcome(String school, String className, String title, UUID id, int invited,
            List<String> blockedReasons) {

        /** e.g. {@code linden-primary: Year 4 Rowan maths, 4 invited, 2 blocked (1 consent refused, 1 no consent)}. */
        public String summary() {
            StringBuilder line = new StringBuilder(school).append(": ").append(title).append(", ").append(invited)
                    .append(" invited, ").append(blockedReasons.size()).append(" blocked");
            if (!blockedReasons.isEmpty()) {
                Map<String, Integer> byReason = new TreeMap<>();
                blockedReasons.forEach(reason -> byReason.merge(reasonInWords(reason), 1, Integer::sum));
                List<String> parts = new ArrayList<>();
                byReason.forEach((reason, count) -> parts.add(count + " " + reason));
                line.append(" (").append(String.join(", ", parts)).append(')');
            }
            return line.toString();
        }
    }

    /** How far scheduling-service's consent projection has got: the number of consent lines it holds. */
    @FunctionalInterface
    interface ProjectionProgress {
        long linesProjected() throws SQLException;
    }

    static final Duration PROJECTION_WAIT = Duration.ofSeconds(20);
    static final Duration PROJECTION_POLL = Duration.ofMillis(250);
    /** Without a signal to poll, a fixed, bounded pause: the outbox relay and the consumer take about a second. */
    static final Duration PROJECTION_FALLBACK = Duration.ofSeconds(5);


    private final PrivateKey signingKey;
    private final Instant now;
    private final ProjectionProgress projection;
    private final ApiClient api;

    public SchedulingDemoData(URI schedulingService, PrivateKey signingKey, Instant now) {
        this(schedulingService, signingKey, now, SchedulingDemoData::consentLinesInDatabase);
    }

    SchedulingDemoData(URI schedulingService, PrivateKey signingKey, Instant now, ProjectionProgress projection) {
        this.api = new ApiClient(schedulingService, Duration.ofSeconds(5));
        this.signingKey = signingKey;
        this.now = now;
        this.projection = projection;
    }

    /**
     * Policies, register and sessions for every school (the schools side by side), then a bounded wait for the
     * consent projection, then one dispatch per session.
     *
     * @param decisions how many consent decisions {@link DemoData} loaded: each is one line of the projection
     */
    public Loaded load(DemoTrust trust, DemoScheduling demo, DemoIds ids, int decisions)
            throws IOException, InterruptedException {
        Map<String, Scheduled> scheduled = new LinkedHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(trust.schools().size());
        try {
            Map<String, Future<Scheduled>> schools = new LinkedHashMap<>();
            for (DemoTrust.School school : trust.schools()) {
                DemoIds.SchoolIds schoolIds = ids.school(school.id()); // made here: the map is not thread-safe
                schools.put(school.id(), workers.submit(() -> schedule(trust, school, demo, schoolIds)));
            }
            for (Map.Entry<String, Future<Scheduled>> school : schools.entrySet()) {
                scheduled.put(school.getKey(), school.getValue().get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } finally {
            workers.shutdownNow();
        }

        String waited = awaitProjection(decisions);

        List<SessionOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Scheduled> entry : scheduled.entrySet()) {
            Scheduled session = entry.getValue();
            // Dispatched once: a repeat would only re-send to pupils still blocked, and hide the lag it papers over.
            JsonNode dispatch = send("POST", "/api/v1/sessions/" + session.id() + "/invites", session.teacherToken(),
                    null, null, 200);
            List<String> reasons = new ArrayList<>();
            dispatch.path("blocked").forEach(pupil -> reasons.add(pupil.path("reasons").path(0).asText("UNKNOWN")));
            outcomes.add(new SessionOutcome(entry.getKey(), session.plan().className(), session.plan().title(),
                    session.id(), dispatch.path("invited").size(), reasons));
            ids.school(entry.getKey()).sessions().put(session.plan().title(), session.id());
        }
        Policy first = demo.policy(trust.firstSchool().id()).orElseThrow();
        return new Loaded(DemoScheduling.nextSchoolDay(now, first), first.timeZone(), demo.policies().size(),
                demo.staff().size(), outcomes, waited);
    }

    private record Scheduled(DemoSession plan, UUID id, String teacherToken) {
    }

    private Scheduled schedule(DemoTrust trust, DemoTrust.School school, DemoScheduling demo,
            DemoIds.SchoolIds schoolIds) throws IOException, InterruptedException {
        Policy policy = demo.policy(school.id())
                .orElseThrow(() -> new IOException("No demo policy for " + school.id()));
        String admin = token(trust.trust().staff().stream().filter(m -> m.role().equals("trust-admin")).findFirst()
                .orElseThrow().subject(), "trust-admin", trust.schoolIds());
        send("PUT", "/api/v1/policies/" + school.id(), admin, policy, null, 200);

        LocalDate today = DemoScheduling.today(now, policy);
        String schoolApp = token(DevTokens.schoolAppSubject(school.id()), "school-app", List.of(school.id()));
        for (RegisteredStaff member : demo.staffOf(school.id())) {
            send("PUT", "/api/v1/staff/" + school.id() + "/" + URLEncoder.encode(member.subject(),
                    StandardCharsets.UTF_8), schoolApp, member.body(today), null, 200);
        }

        DemoSession plan = demo.sessions().stream().filter(s -> s.school().equals(school.id())).findFirst()
                .orElseThrow(() -> new IOException("No demo session for " + school.id()));
        LocalDate day = DemoScheduling.nextSchoolDay(now, policy);
        List<UUID> pupils = new ArrayList<>();
        school.classes().stream().filter(c -> c.name().equals(plan.className())).findFirst()
                .orElseThrow(() -> new IOException("No class " + plan.className() + " at " + school.id()))
                .pupils().forEach(pupil -> pupils.add(schoolIds.pupils().get(pupil.misId())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", school.id());
        body.put("kind", "GROUP");
        body.put("title", plan.title());
        body.put("startsAt", plan.startsAt(day, policy).toString());
        body.put("endsAt", plan.endsAt(day, policy).toString());
        body.put("hostStaffIds", plan.hosts());
        body.put("pupilIds", pupils);
        body.put("recorded", false);
        String teacher = token(plan.hosts().get(0), "staff", List.of(school.id()));
        JsonNode created = send("POST", "/api/v1/sessions", teacher, body,
                "demo-session-" + school.id() + "-" + day, 201);
        return new Scheduled(plan, UUID.fromString(created.path("id").asText()), teacher);
    }

    /**
     * Consent reaches scheduling-service as events (consent-service's outbox, then Kafka), so the lines may lag
     * the REST calls that made them. No API of scheduling-service shows its projection before a dispatch, and a
     * dispatch decides once, so the launcher polls the one cheap signal there is: the number of rows of the
     * projection's table, read-only, until it holds every decision loaded (each is one line), for at most
     * {@link #PROJECTION_WAIT}. A consent that arrives later still gets its invite: the projection sends it.
     */
    String awaitProjection(int decisions) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(PROJECTION_WAIT);
        long lines = 0;
        while (true) {
            try {
                lines = projection.linesProjected();
            } catch (SQLException e) {
                Thread.sleep(PROJECTION_FALLBACK.toMillis());
                return "consent projection not readable (" + e.getMessage() + "); waited a fixed "
                        + PROJECTION_FALLBACK.toSeconds() + " s";
            }
            if (lines >= decisions) {
                return "consent projection caught up: " + lines + " of " + decisions + " decisions in "
                        + Console.seconds(Duration.between(start, Instant.now()));
            }
            if (!Instant.now().isBefore(deadline)) {
                return "consent projection had " + lines + " of " + decisions + " decisions after "
                        + PROJECTION_WAIT.toSeconds() + " s; dispatched anyway (late consents still get their invite)";
            }
            Thread.sleep(PROJECTION_POLL.toMillis());
        }
    }

    static long consentLinesInDatabase() throws SQLException {
        try (Connection db = DriverManager.getConnection(LocalPostgres.jdbcUrl(), LocalPostgres.USER,
                LocalPostgres.PASSWORD);
                Statement query = db.createStatement();
                ResultSet count = query.executeQuery("select count(*) from scheduling.consent_line")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** A dispatch's block reason (InviteBlocked's reason names) in a few words. */
    static String reasonInWords(String reason) {
        return switch (reason) {
            case "NO_LIVE_VIDEO_CONSENT" -> "no consent";
            case "LIVE_VIDEO_CONSENT_REFUSED" -> "consent refused";
            case "LIVE_VIDEO_CONSENT_WITHDRAWN" -> "consent withdrawn";
            case "LIVE_VIDEO_CONSENT_EXPIRED" -> "consent expired";
            case "NO_ONE_TO_ONE_CONSENT" -> "no one-to-one consent";
            case "NO_RECORDING_CONSENT" -> "no recording consent";
            default -> reason.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private String token(String subject, String role, List<String> schools) {
        return DevTokens.mint(new TokenRequest(subject, List.of(role), schools, null, Duration.ofMinutes(15)),
                signingKey, now);
    }

    private JsonNode send(String method, String path, String token, Object body, String idempotencyKey, int expected)
            throws IOException, InterruptedException {
        return api.expect(method, path, token, body, idempotencyKey, expected);
    }
}
