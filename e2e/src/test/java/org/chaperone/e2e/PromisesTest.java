package org.chaperone.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.chaperone.local.ApiClient;
import org.chaperone.local.CaughtMail;
import org.chaperone.local.DemoIds;
import org.chaperone.local.DemoScheduling;
import org.chaperone.local.DemoTrust;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.NotificationDemoData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both promises, through the gateway only, on the whole running suite: a teacher's session invites only the pupils
 * whose guardians consented, and a withdrawal revokes the invite; a concern raised in a lesson alerts the DSL and
 * deputies at once and climbs to the Headteacher until acknowledged; a security breach ends the live session; a
 * concern about a member of staff reaches the Headteacher and never that person; another school sees none of it.
 * Every e-mail is read back from the real SMTP server.
 */
@ExtendWith(Suite.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class PromisesTest {

    static final String SCHOOL = "linden-primary";
    static final String OTHER_SCHOOL = "ash-lea";
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Duration MAIL = Duration.ofSeconds(60);
    /** After the mail that should come, how long mail that should not come gets to show up too. */
    static final Duration SETTLE = Duration.ofSeconds(4);
    /** The escalation window this test gives Linden Primary's high-severity concerns. */
    static final Duration WINDOW = Duration.ofSeconds(15);
    /** Reading a concern says why (R15: every read is audited with its reason). */
    static final String READ = "?reason=e2e-check";
    static final String NARRATIVE = "During the lesson Theo said that an adult he met online keeps asking him to"
            + " send photographs and to keep their conversations secret from everyone at home.";

    static Api api;
    static School school;
    static DemoIds.SchoolIds ids;
    static DemoScheduling.Policy policy;
    static String teacher;
    static String dsl;
    static String deputy;
    static String headteacher;
    static String trustLead;

    /** What the tests made, for the other school to try to see. */
    static final Map<String, UUID> made = new LinkedHashMap<>();

    @BeforeAll
    static void suite() {
        api = new Api(Suite.gateway());
        DemoTrust trust = Suite.trust();
        school = trust.school(SCHOOL).orElseThrow();
        ids = Suite.ids().school(SCHOOL);
        policy = Suite.scheduling().policy(SCHOOL).orElseThrow();
        teacher = "r.ellwood@linden-primary";
        dsl = school.staffWithRole("dsl").orElseThrow().subject();
        deputy = school.staffWithRole("deputy-dsl").orElseThrow().subject();
        headteacher = school.staffWithRole("headteacher").orElseThrow().subject();
        trustLead = trust.trustSafeguardingLead().subject();
    }

    // ---- no consent, no invite ----

    @Test
    @Order(1)
    void aClassSessionInvitesOnlyConsentedPupilsAndAWithdrawalRevokesTheInvite() {
        String token = Suite.token(teacher, "staff", SCHOOL);
        LocalDate day = DemoScheduling.nextSchoolDay(Instant.now(), policy).plusWeeks(1);
        List<UUID> pupils = classPupils("Year 4 Rowan");
        UUID session = schedule(token, "Year 4 Rowan science", day, LocalTime.of(11, 0), 45,
                List.of(teacher, "n.achterberg@linden-primary"), pupils);
        made.put("session", session);

        Map<String, Long> before = invitesByAddress();
        JsonNode dispatch = api.post("/api/v1/sessions/" + session + "/invites", token, null, null).expect(200).body();
        Map<UUID, List<UUID>> invited = new LinkedHashMap<>();
        dispatch.path("invited").forEach(p -> {
            List<UUID> guardians = new ArrayList<>();
            p.path("guardianIds").forEach(g -> guardians.add(UUID.fromString(g.asText())));
            invited.put(UUID.fromString(p.path("pupilId").asText()), guardians);
        });
        Map<UUID, List<String>> blocked = new LinkedHashMap<>();
        dispatch.path("blocked").forEach(p -> {
            List<String> reasons = new ArrayList<>();
            p.path("reasons").forEach(r -> reasons.add(r.asText()));
            blocked.put(UUID.fromString(p.path("pupilId").asText()), reasons);
        });
        UUID kit = ids.pupils().get("LP-P006"); // no guardian has answered
        assertThat(blocked).containsKey(kit);
        assertThat(blocked.get(kit)).contains("NO_LIVE_VIDEO_CONSENT");
        assertThat(invited).isNotEmpty().doesNotContainKey(kit);
        assertThat(invited.size() + blocked.size()).isEqualTo(pupils.size());

        // every guardian the invite names gets one new invite e-mail, with link, passcode and the rules
        for (List<UUID> guardians : invited.values()) {
            assertThat(guardians).as("an invited pupil's invite names a guardian").isNotEmpty();
            for (UUID guardian : guardians) {
                String address = guardianAddress(guardian);
                long had = before.getOrDefault(address, 0L);
                Mailbox.await(address, mail -> mail.isInvite() && invites(address) > had, MAIL, "new invite");
            }
        }
        UUID first = invited.values().iterator().next().get(0);
        CaughtMail.Mail letter = Mailbox.awaitOverImap(guardianAddress(first),
                mail -> mail.text().contains("Passcode:") && mail.text().contains(day.getYear() + ""), MAIL,
                "invite");
        assertThat(letter.text()).contains("Join link: https://", "Passcode:", "RULES OF PARTICIPATION",
                "never a bedroom", "An adult from your household", "suitable clothing", "screenshots");
        Mailbox.sleep(SETTLE);
        // and the guardians of the blocked pupils got nothing new
        for (UUID pupil : blocked.keySet()) {
            for (String address : guardianAddressesOf(pupil)) {
                assertThat(invites(address)).as(address + ", guardian of a blocked pupil")
                        .isEqualTo(before.getOrDefault(address, 0L));
            }
        }

        // a guardian withdraws consent in the parent app: the invite is revoked and they are told
        Map.Entry<UUID, UUID> withdrawing = invited.entrySet().stream()
                .filter(e -> e.getValue().size() == 1 && guardianAddressesOf(e.getKey()).size() == 1)
                .map(e -> Map.entry(e.getKey(), e.getValue().get(0))).findFirst()
                .orElseThrow(() -> new AssertionError("No invited pupil with a single guardian in the demo class"));
        UUID pupil = withdrawing.getKey();
        UUID guardian = withdrawing.getValue();
        String parent = Suite.parentToken(guardian, SCHOOL);
        JsonNode consents = api.get("/api/v1/pupils/" + pupil + "/consents", parent).expect(200).body();
        String consentId = null;
        for (JsonNode consent : consents.path("decisions")) {
            if ("LIVE_VIDEO".equals(consent.path("purpose").asText())
                    && "GRANTED".equals(consent.path("decision").asText())
                    && guardian.toString().equals(consent.path("guardianId").asText())) {
                consentId = consent.path("id").asText();
            }
        }
        assertThat(consentId).as("the guardian's live-video consent in " + Api.abbreviate(consents.toString()))
                .isNotNull();
        long revocations = Mailbox.to(guardianAddress(guardian)).stream().filter(Mailbox.Mail::isRevocation).count();
        JsonNode withdrawal = api.post("/api/v1/consents/" + consentId + "/withdrawal", parent, Map.of(),
                "e2e-withdraw-" + UUID.randomUUID()).expect(201).body();
        assertThat(withdrawal.path("decision").asText()).isEqualTo("WITHDRAWN");
        String address = guardianAddress(guardian);
        Mailbox.await(address, mail -> mail.isRevocation()
                && Mailbox.to(address).stream().filter(Mailbox.Mail::isRevocation).count() > revocations, MAIL,
                "revocation");
        assertThat(Mailbox.to(address).stream().filter(Mailbox.Mail::isRevocation).toList().get(0).body())
                .contains("consent for your child to take part in live lessons was withdrawn");
        JsonNode again = api.post("/api/v1/sessions/" + session + "/invites", token, null, null).expect(200).body();
        List<String> stillInvited = new ArrayList<>();
        again.path("invited").forEach(p -> stillInvited.add(p.path("pupilId").asText()));
        assertThat(stillInvited).as("a dispatch after the withdrawal").doesNotContain(pupil.toString());
    }

    // ---- a concern reaches the DSL ----

    @Test
    @Order(2)
    void aConcernAlertsTheDslTeamAtOnceAndClimbsToTheHeadteacherUntilAcknowledged() {
        setShortEscalationWindows();
        String token = Suite.token(teacher, "staff", SCHOOL);
        UUID pupil = ids.pupils().get("LP-P002");
        UUID session = ids.sessions().values().iterator().next();
        Instant raised = Instant.now();
        UUID concern = raise(token, "DISCLOSURE", List.of(pupil), session, null);
        made.put("concern", concern);

        String id = concern.toString();
        for (String member : List.of(dsl, deputy)) {
            Mailbox.Mail alert = Mailbox.await(staffAddress(member), mail -> mail.mentions(id), MAIL,
                    "alert for concern " + id);
            assertThat(alert.body()).doesNotContain("photographs", "conversations secret", "Theo");
        }
        CaughtMail.Mail overImap = Mailbox.awaitOverImap(staffAddress(dsl), mail -> mail.everyPart().contains(id),
                MAIL, "alert");
        assertThat(overImap.subject().toLowerCase(Locale.ROOT)).contains("concern");
        assertThat(Mailbox.to(staffAddress(headteacher)).stream().filter(m -> m.mentions(id))).as(
                "the Headteacher, before the window ran out").isEmpty();

        // nobody acknowledges: after the window, the Headteacher
        Mailbox.await(staffAddress(headteacher), mail -> mail.mentions(id), WINDOW.plus(MAIL), "escalation");
        assertThat(Duration.between(raised, Instant.now())).isGreaterThanOrEqualTo(WINDOW);

        // the DSL acknowledges: the ladder stops before the trust's safeguarding lead
        api.post("/api/v1/concerns/" + concern + "/acknowledgement", Suite.token(dsl, "dsl", SCHOOL), null, null)
                .expect(200);
        Instant acknowledged = Instant.now();
        Mailbox.sleep(Duration.between(Instant.now(), raised.plus(WINDOW.multipliedBy(3))).isNegative()
                ? SETTLE : Duration.between(Instant.now(), raised.plus(WINDOW.multipliedBy(3))).plus(SETTLE));
        assertThat(Mailbox.to(staffAddress(trustLead)).stream().filter(m -> m.mentions(id)).toList())
                .as("the trust lead, once the DSL acknowledged at " + acknowledged).isEmpty();
        assertThat(Mailbox.to(staffAddress(headteacher)).stream().filter(m -> m.mentions(id)).count())
                .as("escalations to the Headteacher").isEqualTo(1);
    }

    // ---- a security breach ends the session ----

    @Test
    @Order(3)
    void aSecurityBreachEndsTheLiveSessionAndTheDslIsTold() {
        String host = teacher;
        String token = Suite.token(host, "staff", SCHOOL);
        LocalDate day = DemoScheduling.nextSchoolDay(Instant.now(), policy);
        UUID session = schedule(token, "Year 5 Hazel reading", day, LocalTime.of(13, 30), 40,
                List.of(host, deputy), classPupils("Year 5 Hazel"));
        api.post("/api/v1/sessions/" + session + "/start", token, Map.of("staffPresentIds", List.of(host, deputy)),
                null).expect(200);
        assertThat(api.get("/api/v1/sessions/" + session, token).expect(200).body().path("status").asText())
                .isEqualTo("LIVE");

        UUID concern = raise(token, "SECURITY_BREACH", List.of(), session, null);
        made.put("breachSession", session);
        long deadline = System.nanoTime() + MAIL.toNanos();
        String status;
        do {
            Mailbox.sleep(Duration.ofMillis(250));
            status = api.get("/api/v1/sessions/" + session, token).expect(200).body().path("status").asText();
        } while (!status.equals("TERMINATED") && System.nanoTime() < deadline);
        assertThat(status).as("the session after a security breach was raised in it").isEqualTo("TERMINATED");
        Mailbox.Mail told = Mailbox.await(staffAddress(dsl),
                mail -> mail.mentions(session.toString()) && mail.subject().contains("security breach"), MAIL,
                "session-terminated notice");
        assertThat(told.body()).contains("ended for everyone");
        api.post("/api/v1/concerns/" + concern + "/acknowledgement", Suite.token(dsl, "dsl", SCHOOL), null, null)
                .expect(200);
    }

    // ---- a concern about a member of staff ----

    @Test
    @Order(4)
    void aStaffConductConcernReachesTheHeadteacherAndNeverTheMemberOfStaffNamed() {
        // about the deputy DSL, who reads the DSL team's concerns: this one is never theirs to read
        String named = deputy;
        String reporter = teacher;
        UUID concern = raise(Suite.token(reporter, "staff", SCHOOL), "STAFF_CONDUCT", List.of(), null, named);
        made.put("staffConcern", concern);
        String id = concern.toString();
        Mailbox.await(staffAddress(headteacher), mail -> mail.mentions(id), MAIL, "staff-conduct alert");
        Mailbox.await(staffAddress(trustLead), mail -> mail.mentions(id), MAIL, "staff-conduct alert");
        Mailbox.sleep(SETTLE);
        assertThat(Mailbox.to(staffAddress(named)).stream().filter(m -> m.mentions(id)).toList())
                .as("mail about the concern to the member of staff it names").isEmpty();
        assertThat(Mailbox.to(staffAddress(dsl)).stream().filter(m -> m.mentions(id)).toList())
                .as("R14: to the Headteacher and trust lead instead of the DSL team").isEmpty();
        String asNamed = Suite.token(named, "deputy-dsl", SCHOOL);
        assertThat(api.get("/api/v1/concerns/" + concern + READ, asNamed).status())
                .as("the named deputy DSL reads the concern").isEqualTo(404);
        assertThat(api.get("/api/v1/concerns/" + concern + "/chronology" + READ, asNamed).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/concerns?schoolId=" + SCHOOL + "&reason=e2e", asNamed).expect(200).raw())
                .as("the DSL team's list, as the named deputy").doesNotContain(id);
        assertThat(api.get("/api/v1/concerns/" + concern + READ, Suite.token(dsl, "dsl", SCHOOL)).status())
                .as("R14: nor the DSL team").isEqualTo(404);
        assertThat(api.get("/api/v1/concerns/" + concern + READ, Suite.token(headteacher, "headteacher", SCHOOL))
                .status()).isEqualTo(200);
        api.post("/api/v1/concerns/" + concern + "/acknowledgement",
                Suite.token(headteacher, "headteacher", SCHOOL), null, null).expect(200);
    }

    // ---- another school ----

    @Test
    @Order(5)
    void anotherSchoolsStaffSeeNoneOfIt() {
        School other = Suite.trust().school(OTHER_SCHOOL).orElseThrow();
        UUID concern = made.computeIfAbsent("concern", k -> raise(Suite.token(teacher, "staff", SCHOOL),
                "SEEN_OR_HEARD", List.of(ids.pupils().get("LP-P002")), null, null));
        UUID session = made.getOrDefault("session", ids.sessions().values().iterator().next());
        UUID pupil = ids.pupils().get("LP-P002");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("DSL", Suite.token(other.staffWithRole("dsl").orElseThrow().subject(), "dsl", OTHER_SCHOOL));
        tokens.put("Headteacher", Suite.token(other.staffWithRole("headteacher").orElseThrow().subject(),
                "headteacher", OTHER_SCHOOL));
        tokens.put("teacher", Suite.token(other.staff().get(0).subject(), "staff", OTHER_SCHOOL));
        tokens.put("office", Suite.token(other.staffWithRole("office").orElseThrow().subject(), "office",
                OTHER_SCHOOL));
        List<String> records = List.of(
                "/api/v1/concerns/" + concern + READ,
                "/api/v1/concerns/" + concern + "/chronology" + READ,
                "/api/v1/sessions/" + session,
                "/api/v1/sessions/" + session + "/log",
                "/api/v1/pupils/" + pupil,
                "/api/v1/pupils/" + pupil + "/consents",
                "/api/v1/child-protection/pupils/" + pupil + "/chronology?schoolId=" + SCHOOL + "&reason=curiosity");
        List<String> collections = List.of(
                "/api/v1/concerns?schoolId=" + SCHOOL + "&reason=e2e",
                "/api/v1/deliveries/" + SCHOOL,
                "/api/v1/rota/" + SCHOOL,
                "/api/v1/pupils?schoolId=" + SCHOOL,
                "/api/v1/staff/" + SCHOOL);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> caller : tokens.entrySet()) {
            for (String path : records) {
                ApiClient.Answer answer = api.get(path, caller.getValue());
                // the DSL and the Headteacher read all of these in their own school: here, 404; a teacher or the
                // office may be refused by role first (403), which tells nothing either
                boolean readsThemAtHome = caller.getKey().equals("DSL") || caller.getKey().equals("Headteacher");
                if (answer.status() != 404 && (readsThemAtHome || answer.status() != 403)
                        || tellsOf(answer, concern, pupil)) {
                    seen.put(caller.getKey() + " GET " + path, answer.status());
                }
            }
            for (String path : collections) {
                ApiClient.Answer answer = api.get(path, caller.getValue());
                if (answer.status() / 100 == 2 || tellsOf(answer, concern, pupil)) {
                    seen.put(caller.getKey() + " GET " + path, answer.status());
                }
            }
        }
        assertThat(seen).as("what " + OTHER_SCHOOL + "'s staff could reach of " + SCHOOL
                + " (records must answer 404, lists must refuse)").isEmpty();
    }

    // ---- helpers ----

    /** Whether a refusal says anything of the records, beyond echoing the path asked for ({@code instance}). */
    static boolean tellsOf(ApiClient.Answer answer, UUID... records) {
        JsonNode body = answer.body().deepCopy();
        if (body.isObject()) {
            ((ObjectNode) body).remove("instance");
        }
        String said = body.toString();
        for (UUID record : records) {
            if (said.contains(record.toString())) {
                return true;
            }
        }
        return false;
    }

    static UUID schedule(String token, String title, LocalDate day, LocalTime start, int minutes, List<String> hosts,
            List<UUID> pupils) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", SCHOOL);
        body.put("kind", "GROUP");
        body.put("title", title);
        body.put("startsAt", day.atTime(start).atZone(LONDON).toInstant().toString());
        body.put("endsAt", day.atTime(start).plusMinutes(minutes).atZone(LONDON).toInstant().toString());
        body.put("hostStaffIds", hosts);
        body.put("pupilIds", pupils);
        body.put("recorded", false);
        return UUID.fromString(api.post("/api/v1/sessions", token, body, "e2e-session-" + UUID.randomUUID())
                .expect(201).body().path("id").asText());
    }

    static UUID raise(String token, String category, List<UUID> pupils, UUID session, String aboutStaff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", SCHOOL);
        body.put("category", category);
        body.put("whatHappened", NARRATIVE);
        body.put("occurredAt", Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("pupilIds", pupils);
        body.put("immediateRisk", false);
        if (session != null) {
            body.put("sessionId", session);
        }
        if (aboutStaff != null) {
            body.put("concernsStaffId", aboutStaff);
        }
        return UUID.fromString(api.post("/api/v1/concerns", token, body, "e2e-concern-" + UUID.randomUUID())
                .expect(201).body().path("id").asText());
    }

    /** Linden Primary's rota with every day a school day, all day, and a short window for high severity (R17). */
    static void setShortEscalationWindows() {
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("afterLow", WINDOW.toString());
        escalation.put("afterMedium", WINDOW.toString());
        escalation.put("afterHigh", WINDOW.toString());
        escalation.put("afterCritical", WINDOW.toString());
        escalation.put("afterImmediateRisk", WINDOW.toString());
        escalation.put("schoolDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                "SUNDAY"));
        escalation.put("schoolDayStarts", "00:00");
        escalation.put("schoolDayEnds", "23:59");
        Map<String, Object> rota = new HashMap<>();
        rota.put("dsl", dsl);
        rota.put("deputyDsls", List.of(deputy));
        rota.put("headteacher", headteacher);
        rota.put("slt", List.of(headteacher));
        rota.put("outOfHoursCover", dsl);
        rota.put("escalation", escalation);
        api.put("/api/v1/rota/" + SCHOOL, Suite.token(headteacher, "headteacher", SCHOOL), rota).expect(200);
    }

    static List<UUID> classPupils(String className) {
        return school.classes().stream().filter(c -> c.name().equals(className)).findFirst().orElseThrow()
                .pupils().stream().map(p -> ids.pupils().get(p.misId())).toList();
    }

    static String staffAddress(String subject) {
        return NotificationDemoData.staffAddress(subject);
    }

    static String guardianAddress(UUID guardian) {
        String misId = ids.guardians().entrySet().stream().filter(e -> e.getValue().equals(guardian))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("guardian " + guardian + " is not a demo guardian"));
        return NotificationDemoData.guardianAddress(school.guardian(misId).orElseThrow());
    }

    static List<String> guardianAddressesOf(UUID pupil) {
        String misId = ids.pupils().entrySet().stream().filter(e -> e.getValue().equals(pupil))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        return school.links().stream().filter(link -> link.pupil().equals(misId))
                .map(link -> NotificationDemoData.guardianAddress(school.guardian(link.guardian()).orElseThrow()))
                .toList();
    }

    static long invites(String address) {
        return Mailbox.to(address).stream().filter(Mailbox.Mail::isInvite).count();
    }

    static Map<String, Long> invitesByAddress() {
        Map<String, Long> counts = new HashMap<>();
        Mailbox.all().stream().filter(Mailbox.Mail::isInvite).forEach(mail -> counts.merge(mail.to(), 1L, Long::sum));
        return counts;
    }
}
