package org.chaperone.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chaperone.local.DemoTrust.Decision;
import org.chaperone.local.DemoTrust.Guardian;
import org.chaperone.local.DemoTrust.Link;
import org.chaperone.local.DemoTrust.Pupil;
import org.chaperone.local.DemoTrust.RecordedBy;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * Loads the demo trust into consent-service through its public REST API, as the school's MIS connector
 * ({@code school-app}) would: pupils, guardians and links, then the decisions, recorded by the school office with
 * their email or paper evidence, or given by the guardian in the parent app. Each call carries an
 * {@code Idempotency-Key}, so loading twice does not duplicate anything.
 */
public final class DemoData {

    /** What was loaded, with the ids consent-service gave. */
    public record Loaded(DemoIds ids, int pupils, int guardians, int links, int decisions) {
    }


    private final PrivateKey signingKey;
    private final Instant now;
    private final ApiClient api;

    public DemoData(URI consentService, PrivateKey signingKey, Instant now) {
        this.api = new ApiClient(consentService, Duration.ofSeconds(5));
        this.signingKey = signingKey;
        this.now = now;
    }

    /** Loads every school, the schools side by side. */
    public Loaded load(DemoTrust trust) throws IOException, InterruptedException {
        DemoIds ids = DemoIds.empty();
        int[] counts = new int[4];
        ExecutorService workers = Executors.newFixedThreadPool(trust.schools().size());
        try {
            List<Future<int[]>> schools = new ArrayList<>();
            for (School school : trust.schools()) {
                DemoIds.SchoolIds schoolIds = ids.school(school.id()); // made here: the map is not thread-safe
                schools.add(workers.submit(() -> load(school, schoolIds)));
            }
            for (Future<int[]> school : schools) {
                int[] loaded = school.get();
                for (int i = 0; i < counts.length; i++) {
                    counts[i] += loaded[i];
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } finally {
            workers.shutdownNow();
        }
        return new Loaded(ids, counts[0], counts[1], counts[2], counts[3]);
    }

    private int[] load(School school, DemoIds.SchoolIds ids) throws IOException, InterruptedException {
        String schoolApp = token(DevTokens.schoolAppSubject(school.id()), "school-app", school.id(), null);
        for (Pupil pupil : school.pupils().toList()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("schoolId", school.id());
            body.put("misId", pupil.misId());
            body.put("upn", pupil.upn());
            body.put("givenName", pupil.givenName());
            body.put("familyName", pupil.familyName());
            body.put("dateOfBirth", pupil.dateOfBirth());
            body.put("className", school.className(pupil.misId()).orElseThrow());
            ids.pupils().put(pupil.misId(), id(send("POST", "/api/v1/pupils", schoolApp, body,
                    "demo-pupil-" + school.id() + "-" + pupil.misId(), 201)));
        }
        for (Guardian guardian : school.guardians()) {
            Map<String, Object> body = Map.of("schoolId", school.id(), "misId", guardian.misId(),
                    "givenName", guardian.givenName(), "familyName", guardian.familyName());
            ids.guardians().put(guardian.misId(), id(send("POST", "/api/v1/guardians", schoolApp, body,
                    "demo-guardian-" + school.id() + "-" + guardian.misId(), 201)));
        }
        for (Link link : school.links()) {
            send("PUT", "/api/v1/pupils/" + ids.pupils().get(link.pupil()) + "/guardians/"
                    + ids.guardians().get(link.guardian()), schoolApp,
                    Map.of("relationship", link.relationship(), "parentalResponsibility", link.parentalResponsibility(),
                            "restriction", link.restriction()), null, 200);
        }
        String office = token(school.staffWithRole("office").orElseThrow().subject(), "office", school.id(), null);
        for (Decision decision : school.decisions()) {
            UUID pupil = ids.pupils().get(decision.pupil());
            UUID guardian = ids.guardians().get(decision.guardian());
            String key = "demo-decision-" + school.id() + "-" + decision.pupil() + "-" + decision.guardian() + "-"
                    + decision.purpose();
            if (decision.recordedBy() == RecordedBy.PARENT) {
                String parent = token(DevTokens.parentSubject(guardian), "parent", school.id(), guardian);
                send("POST", "/api/v1/consents", parent, Map.of("pupilId", pupil, "purpose", decision.purpose(),
                        "scope", decision.scope(), "decision", decision.decision()), key, 201);
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("pupilId", pupil);
                body.put("guardianId", guardian);
                body.put("purpose", decision.purpose());
                body.put("scope", decision.scope());
                body.put("decision", decision.decision());
                body.put("evidence", evidence(school, decision));
                send("POST", "/api/v1/consents", office, body, key, 201);
            }
        }
        return new int[] {ids.pupils().size(), ids.guardians().size(), school.links().size(),
            school.decisions().size()};
    }

    /** What the office saw: an email (with its Message-ID) or a paper form, and its words. */
    Map<String, Object> evidence(School school, Decision decision) {
        Pupil pupil = school.pupil(decision.pupil()).orElseThrow();
        Guardian guardian = school.guardian(decision.guardian()).orElseThrow();
        boolean email = "EMAIL".equals(decision.channel());
        String answer = ("GRANTED".equals(decision.decision()) ? "I am happy for " : "I do not want ")
                + pupil.givenName() + " " + pupil.familyName() + " to take part in the school's live video lessons.";
        String signature = guardian.givenName() + " " + guardian.familyName();
        String text = email
                ? "Subject: Live video lessons\n\nDear school office,\n\n" + answer + "\n\nKind regards,\n" + signature
                : "Live video lessons: consent form\n\n" + answer + "\n\nSigned: " + signature;
        String reference = email
                ? "<consent-" + (decision.pupil() + "." + decision.guardian()).toLowerCase(Locale.ROOT)
                        + "@parents.example.org>"
                : "Form " + school.id() + "/" + decision.pupil();
        Instant received = now.minus(decision.receivedDaysAgo(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("channel", decision.channel());
        evidence.put("reference", reference);
        evidence.put("receivedAt", received.toString());
        evidence.put("text", text);
        return evidence;
    }

    private String token(String subject, String role, String school, UUID guardian) {
        Duration lifetime = Duration.ofMinutes(15);
        return DevTokens.mint(new TokenRequest(subject, List.of(role), List.of(school), guardian, lifetime), signingKey,
                now);
    }

    private JsonNode send(String method, String path, String token, Object body, String idempotencyKey, int expected)
            throws IOException, InterruptedException {
        return api.expect(method, path, token, body, idempotencyKey, expected);
    }

    private static UUID id(JsonNode created) throws IOException {
        JsonNode id = created.get("id");
        if (id == null || !id.isTextual()) {
            throw new IOException("consent-service answered without an id: " + ApiClient.abbreviate(created.toString()));
        }
        return UUID.fromString(id.asText());
    }
}
