package org.chaperone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.chaperone.local.DemoTrust;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DevTokens;
import org.chaperone.local.NotificationDemoData;
import org.chaperone.local.UniquePupilNumbers;

/**
 * New pupils for a demo school, loaded through the gateway as the school's MIS connector and office would: each
 * pupil with one guardian (parental responsibility), the guardian's e-mail contact point, and, for those
 * {@code consented} picks, the guardian's standing live-video consent received by e-mail. Requests that fail are
 * retried with the same idempotency key ({@link Api#retrying}).
 */
final class NewPupils {

    /** One new pupil: their guardian, the guardian's address, and whether the guardian consented. */
    record Pupil(int index, UUID id, UUID guardian, String guardianAddress, boolean consented) {
    }

    static final List<String> GIVEN = List.of("Amina", "Bilal", "Chloe", "Dev", "Esme", "Farah", "Gus", "Hana",
            "Isaac", "Jade", "Kofi", "Lena", "Milo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar",
            "Vera", "Wren", "Xavi", "Yara", "Zane", "Alba", "Bea", "Cal", "Dina");
    static final List<String> FAMILY = List.of("Ashby", "Brook", "Carter", "Dale", "Ellis", "Frost", "Grant", "Hale",
            "Irwin", "Jones", "Keane", "Lowe", "Marsh", "Nash", "Orme", "Pike", "Reed", "Shaw", "Tate", "Vance");

    private final Api api;
    private final School school;
    private final String misPrefix;
    private final int upnYear;
    private final int classSize;
    private final String classPrefix;
    private final String schoolApp;
    private final String office;

    /**
     * @param misPrefix MIS ids are this and a number (guardians: this, {@code G} and the number)
     * @param upnYear the UPNs' year of issue (serials 0–999 per year; pupil 1,000 and on take the years after it):
     *     one the school's demo pupils do not use
     */
    NewPupils(Api api, School school, String misPrefix, int upnYear, int classSize, String classPrefix) {
        this.api = api;
        this.school = school;
        this.misPrefix = misPrefix;
        this.upnYear = upnYear;
        this.classSize = classSize;
        this.classPrefix = classPrefix;
        this.schoolApp = Suite.token(DevTokens.schoolAppSubject(school.id()), "school-app", school.id());
        this.office = Suite.token(school.staffWithRole("office").orElseThrow().subject(), "office", school.id());
    }

    /** Loads pupils 0 to {@code count - 1}, {@code threads} at a time; the guardians of {@code consented} agree. */
    List<Pupil> load(int count, IntPredicate consented, int threads) throws Exception {
        if (count > GIVEN.size() * FAMILY.size() * FAMILY.size()) {
            throw new IllegalArgumentException("Not enough distinct guardian names for " + count + " pupils");
        }
        ExecutorService loaders = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        try {
            List<Future<Pupil>> loading = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                loading.add(loaders.submit(() -> pupil(n, consented.test(n))));
            }
            List<Pupil> pupils = new ArrayList<>();
            for (Future<Pupil> pupil : loading) {
                pupils.add(pupil.get());
            }
            System.out.println("[" + school.id() + "] loaded " + count + " pupils, their guardians, links, consents "
                    + "and contact points through the gateway in " + Duration.between(start, Instant.now()).toSeconds()
                    + " s");
            return pupils;
        } finally {
            loaders.shutdownNow();
        }
    }

    private Pupil pupil(int n, boolean consented) {
        String given = GIVEN.get(n % GIVEN.size());
        int family = n / GIVEN.size();
        // double-barrelled after the first 600, so that every guardian's address is their own
        String familyName = family < FAMILY.size() ? FAMILY.get(family)
                : FAMILY.get(family % FAMILY.size()) + "-" + FAMILY.get(family / FAMILY.size() - 1);
        String school = this.school.id();
        Map<String, Object> pupil = new LinkedHashMap<>();
        pupil.put("schoolId", school);
        pupil.put("misId", String.format("%s%05d", misPrefix, n));
        pupil.put("upn", UniquePupilNumbers.issue(Integer.parseInt(this.school.laNumber()),
                Integer.parseInt(this.school.establishmentNumber()), upnYear + n / 1000, n % 1000));
        pupil.put("givenName", GIVEN.get((n * 7 + 3) % GIVEN.size()));
        pupil.put("familyName", familyName);
        pupil.put("dateOfBirth", "2018-0" + (1 + n % 9) + "-1" + (n % 10));
        pupil.put("className", String.format("%s %03d", classPrefix, n / classSize + 1));
        UUID pupilId = id(api.retrying("POST", "/api/v1/pupils", schoolApp, pupil, misPrefix + "pupil-" + n, 201));
        DemoTrust.Guardian who = new DemoTrust.Guardian(String.format("%sG%05d", misPrefix, n), given, familyName);
        UUID guardianId = id(api.retrying("POST", "/api/v1/guardians", schoolApp, Map.of("schoolId", school,
                "misId", who.misId(), "givenName", given, "familyName", familyName), misPrefix + "guardian-" + n,
                201));
        api.retrying("PUT", "/api/v1/pupils/" + pupilId + "/guardians/" + guardianId, schoolApp, Map.of(
                "relationship", n % 2 == 0 ? "MOTHER" : "FATHER", "parentalResponsibility", true,
                "restriction", "NONE"), null, 200);
        String address = NotificationDemoData.guardianAddress(who);
        api.retrying("PUT", "/api/v1/contact-points/" + school + "/GUARDIAN/" + guardianId, schoolApp,
                Map.of("email", address), null, 200);
        if (consented) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("channel", "EMAIL");
            evidence.put("reference", "<" + misPrefix.toLowerCase(Locale.ROOT) + "consent-" + n + "@families.example>");
            evidence.put("receivedAt", Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                    .toString());
            evidence.put("text", "Yes, my child may take part in the school's live video lessons.");
            Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("pupilId", pupilId);
            consent.put("guardianId", guardianId);
            consent.put("purpose", "LIVE_VIDEO");
            consent.put("scope", "STANDING");
            consent.put("decision", "GRANTED");
            consent.put("evidence", evidence);
            api.retrying("POST", "/api/v1/consents", office, consent, misPrefix + "consent-" + n, 201);
        }
        return new Pupil(n, pupilId, guardianId, address, consented);
    }

    static UUID id(JsonNode created) {
        return UUID.fromString(created.path("id").asText());
    }
}
