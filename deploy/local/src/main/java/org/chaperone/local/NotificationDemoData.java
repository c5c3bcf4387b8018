package org.chaperone.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
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
import org.chaperone.local.DemoTrust.Guardian;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DemoTrust.StaffMember;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * Loads what notification-service needs to reach anyone, through its REST API as each school's MIS connector
 * ({@code school-app}), after {@link DemoData} has given the guardians their ids and before
 * {@link SchedulingDemoData} dispatches invites (a delivery planned for someone without a contact point fails
 * at once, as UNREACHABLE):
 *
 * <ul>
 *   <li>a contact point (an e-mail address on a reserved {@code .example} domain) for every member of staff of
 *       each school, and for the trust's safeguarding lead under every school, since alerts name them there;</li>
 *   <li>one for every guardian, by the id consent-service gave them;</li>
 *   <li>each school's safeguarding rota: DSL (role {@code dsl}), deputy DSLs ({@code deputy-dsl}), Headteacher,
 *       SLT (the Headteacher and anyone with role {@code slt}), out-of-hours cover the DSL; escalation windows
 *       and school hours are the service's defaults.</li>
 * </ul>
 *
 * Every call is a {@code PUT}, so loading again changes nothing.
 */
public final class NotificationDemoData {

    /** Where the demo guardians' mail goes: {@code grace.okonjo@families.example}. */
    public static final String GUARDIAN_DOMAIN = "families.example";
    /** Staff addresses are their token subjects on this top-level domain: {@code r.ellwood@linden-primary.example}. */
    public static final String STAFF_TLD = ".example";

    /** What was loaded. */
    public record Loaded(int staffContacts, int guardianContacts, int rotas) {
    }

    /** One {@code PUT} to notification-service, made as {@code school}'s MIS connector. */
    record Call(String school, String path, Map<String, Object> body) {
    }


    private final PrivateKey signingKey;
    private final Instant now;
    private final ApiClient api;

    public NotificationDemoData(URI notificationService, PrivateKey signingKey, Instant now) {
        this.api = new ApiClient(notificationService, Duration.ofSeconds(5));
        this.signingKey = signingKey;
        this.now = now;
    }

    /** A member of staff's (or the trust's) address: their subject, on the reserved {@code .example} TLD. */
    public static String staffAddress(String subject) {
        if (subject.indexOf('@') < 1) {
            throw new IllegalArgumentException("A staff subject is an address-like id, not '" + subject + "'");
        }
        return subject.toLowerCase(Locale.ROOT) + STAFF_TLD;
    }

    /** A guardian's address: {@code given.family@families.example}, letters and digits only. */
    public static String guardianAddress(Guardian guardian) {
        return slug(guardian.givenName()) + "." + slug(guardian.familyName()) + "@" + GUARDIAN_DOMAIN;
    }

    private static String slug(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("No letters in the name '" + name + "'");
        }
        return slug;
    }

    /** The school's safeguarding rota, as notification-service's RotaBody. */
    static Map<String, Object> rota(School school) {
        String dsl = school.staffWithRole("dsl").orElseThrow(() -> new IllegalStateException(
                school.id() + " has no member of staff with role dsl")).subject();
        String headteacher = school.staffWithRole("headteacher").orElseThrow(() -> new IllegalStateException(
                school.id() + " has no member of staff with role headteacher")).subject();
        List<String> slt = new ArrayList<>();
        slt.add(headteacher);
        school.staff().stream().filter(member -> member.role().equals("slt")).map(StaffMember::subject)
                .forEach(slt::add);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dsl", dsl);
        body.put("deputyDsls", school.staff().stream().filter(member -> member.role().equals("deputy-dsl"))
                .map(StaffMember::subject).toList());
        body.put("headteacher", headteacher);
        body.put("slt", slt);
        body.put("outOfHoursCover", dsl);
        return body;
    }

    /**
     * Every call the loader makes, school by school: staff contact points (the trust's safeguarding lead last),
     * then guardians' (those with an id in {@code ids}; none if {@code ids} is null), then the rota.
     */
    static List<Call> calls(DemoTrust trust, DemoIds ids) {
        StaffMember lead = trust.trustSafeguardingLead();
        List<Call> calls = new ArrayList<>();
        for (School school : trust.schools()) {
            List<StaffMember> staff = new ArrayList<>(school.staff());
            staff.add(lead);
            for (StaffMember member : staff) {
                calls.add(new Call(school.id(), contactPath(school.id(), "STAFF", member.subject()),
                        Map.of("email", staffAddress(member.subject()))));
            }
            Map<String, UUID> guardianIds = ids == null || !ids.schools().containsKey(school.id()) ? Map.of()
                    : ids.school(school.id()).guardians();
            for (Guardian guardian : school.guardians()) {
                UUID id = guardianIds.get(guardian.misId());
                if (id != null) {
                    calls.add(new Call(school.id(), contactPath(school.id(), "GUARDIAN", id.toString()),
                            Map.of("email", guardianAddress(guardian))));
                }
            }
            calls.add(new Call(school.id(), "/api/v1/rota/" + school.id(), rota(school)));
        }
        return calls;
    }

    private static String contactPath(String school, String type, String person) {
        return "/api/v1/contact-points/" + school + "/" + type + "/" + URLEncoder.encode(person,
                StandardCharsets.UTF_8);
    }

    /** Makes every call of {@link #calls}, the schools side by side. */
    public Loaded load(DemoTrust trust, DemoIds ids) throws IOException, InterruptedException {
        Map<String, List<Call>> bySchool = new LinkedHashMap<>();
        calls(trust, ids).forEach(call -> bySchool.computeIfAbsent(call.school(), school -> new ArrayList<>())
                .add(call));
        ExecutorService workers = Executors.newFixedThreadPool(bySchool.size());
        try {
            List<Future<Void>> schools = new ArrayList<>();
            for (Map.Entry<String, List<Call>> school : bySchool.entrySet()) {
                schools.add(workers.submit(() -> {
                    String schoolApp = DevTokens.mint(new TokenRequest(DevTokens.schoolAppSubject(school.getKey()),
                            List.of("school-app"), List.of(school.getKey()), null, Duration.ofMinutes(15)),
                            signingKey, now);
                    for (Call call : school.getValue()) {
                        put(call, schoolApp);
                    }
                    return null;
                }));
            }
            for (Future<Void> school : schools) {
                school.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } finally {
            workers.shutdownNow();
        }
        List<Call> all = bySchool.values().stream().flatMap(List::stream).toList();
        return new Loaded(count(all, "/STAFF/"), count(all, "/GUARDIAN/"), count(all, "/api/v1/rota/"));
    }

    private static int count(List<Call> calls, String pathPart) {
        return (int) calls.stream().filter(call -> call.path().contains(pathPart)).count();
    }

    private void put(Call call, String token) throws IOException, InterruptedException {
        api.expect("PUT", call.path(), token, call.body(), null, 200);
    }
}
