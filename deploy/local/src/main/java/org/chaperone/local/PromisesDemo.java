package org.chaperone.local;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.local.CaughtMail.Mail;
import org.chaperone.local.DemoTrust.Guardian;
import org.chaperone.local.DemoTrust.Pupil;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DemoTrust.StaffMember;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * {@code deploy/local/demo}: walks Chaperone's two promises against the running local stack, through the gateway
 * only, with dev tokens like the banner's, and reads the mail the services sent back from the mail catcher over
 * IMAP. It prints each step and exits 0 if both promises held, 1 if one did not, 2 if the stack is not running.
 *
 * <ol>
 *   <li>A teacher of Linden Primary raises a concern about a pupil; the DSL's alert e-mail arrives, with no
 *       narrative in it; the DSL acknowledges it, so the escalation stops.</li>
 *   <li>The teacher dispatches the invites of the demo session; the pupils with a guardian's consent are invited,
 *       Kit Ashdown ({@code LP-P006}, no consent) is blocked; the consenting guardians get the invite e-mail, the
 *       blocked pupils' guardians none.</li>
 * </ol>
 */
public final class PromisesDemo {

    static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    /** After the last expected invite, how long an invite that should not exist gets to show up too. */
    static final Duration SETTLE = Duration.ofSeconds(3);
    static final String SCHOOL = "linden-primary";
    /** Theo Blackwood, of the demo session's class. */
    static final String CONCERN_PUPIL = "LP-P002";
    /** Kit Ashdown: no guardian has answered, so no invite (R1). */
    static final String NO_CONSENT_PUPIL = "LP-P006";
    static final String NARRATIVE = "During the maths lesson Theo said that a man his family does not know keeps"
            + " messaging him on his games console, and has asked him to keep their chats a secret from his mum.";

    static final int KEPT = 0;
    static final int BROKEN = 1;
    static final int NOT_RUNNING = 2;


    private final URI gateway;
    private final CaughtMail mail;
    private final PrivateKey signingKey;
    private final DemoTrust trust;
    private final DemoScheduling scheduling;
    private final DemoIds ids;
    private final PrintStream out;
    private final Duration mailWait;
    private final Duration settle;
    private final ApiClient api;

    PromisesDemo(URI gateway, CaughtMail mail, PrivateKey signingKey, DemoTrust trust, DemoScheduling scheduling,
            DemoIds ids, PrintStream out, Duration mailWait, Duration settle) {
        this.gateway = gateway;
        this.api = new ApiClient(gateway, Duration.ofSeconds(3));
        this.mail = mail;
        this.signingKey = signingKey;
        this.trust = trust;
        this.scheduling = scheduling;
        this.ids = ids;
        this.out = out;
        this.mailWait = mailWait;
        this.settle = settle;
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("usage: deploy/local/demo   (no arguments; needs the stack of deploy/local/run)");
            System.exit(args[0].equals("-h") || args[0].equals("--help") ? 0 : 2);
        }
        LocalPaths paths = LocalPaths.discover();
        String start = "Start it with deploy/local/run, wait for its banner, then run deploy/local/demo again.";
        try {
            if (!Files.isRegularFile(paths.keys().resolve(DevKeys.PRIVATE_KEY_FILE))) {
                fail("The local stack has never run here (no dev key in .data/keys). " + start);
            }
            Optional<DemoIds> ids = DemoIds.read(paths.demoIds());
            if (ids.isEmpty()) {
                fail("The local stack is not running, or its demo data was not loaded (no .data/demo-ids.json). "
                        + start);
            }
            DevKeys keys = DevKeys.loadOrCreate(paths.keys());
            int code = new PromisesDemo(URI.create(ServiceProcess.GATEWAY.url()), CaughtMail.local(),
                    keys.privateKey(), DemoTrust.load(), DemoScheduling.load(), ids.get(), System.out, MAIL_WAIT,
                    SETTLE).run();
            System.exit(code);
        } catch (IOException | RuntimeException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(BROKEN);
        }
    }

    private static void fail(String message) {
        System.err.println("demo: " + message);
        System.exit(NOT_RUNNING);
    }

    /** Both promises, one after the other (the second is walked even if the first broke). */
    int run() {
        School school = trust.school(SCHOOL).orElseThrow();
        try {
            checkStack(school);
        } catch (StackNotRunning e) {
            out.flush();
            System.err.println("demo: " + e.getMessage());
            return NOT_RUNNING;
        }
        out.println("Chaperone's two promises, through the gateway (" + gateway + "), mail read over IMAP");
        boolean alerted = promise(1, "A safeguarding concern raised in a lesson reaches the DSL at once (R12)",
                () -> concernReachesTheDsl(school));
        boolean gated = promise(2, "No pupil is invited without a guardian's consent (R1, R10)",
                () -> noConsentNoInvite(school));
        out.println();
        out.println(alerted && gated ? "Both promises held." : "A PROMISE DID NOT HOLD (above).");
        out.flush();
        return alerted && gated ? KEPT : BROKEN;
    }

    @FunctionalInterface
    private interface Walk {
        String walk() throws Broken, IOException, MessagingException, InterruptedException;
    }

    private boolean promise(int number, String title, Walk walk) {
        out.println();
        out.println(number + ". " + title);
        try {
            out.println("   => HELD: " + walk.walk());
            return true;
        } catch (Broken e) {
            out.println("   => NOT HELD: " + e.getMessage());
        } catch (IOException | MessagingException e) {
            out.println("   => NOT HELD: the demo could not go on: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("   => interrupted");
        }
        return false;
    }

    /** The gateway answers, the mail catcher answers, and the demo data names the session and pupils it needs. */
    void checkStack(School school) throws StackNotRunning {
        String start = "Start it with deploy/local/run, wait for its banner, then run deploy/local/demo again.";
        try {
            ApiClient.Answer ready = api.send("GET", "/q/health/ready", null, null, null);
            if (ready.status() != 200) {
                throw new StackNotRunning("The gateway (" + gateway + ") is not ready: HTTP " + ready.status()
                        + ". Wait for the launcher's banner, or see deploy/local/.data/logs/gateway.log.");
            }
        } catch (IOException e) {
            throw new StackNotRunning("Nothing answers on " + gateway + ": the local stack is not running ("
                    + e.getClass().getSimpleName() + "). " + start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackNotRunning("interrupted");
        }
        try (Socket imap = new Socket()) {
            imap.connect(new InetSocketAddress(mailHost(), mailPort()), 3000);
        } catch (IOException e) {
            throw new StackNotRunning("The mail catcher does not answer on IMAP " + mailHost() + ":" + mailPort()
                    + " (" + e.getClass().getSimpleName() + "). " + start);
        }
        DemoIds.SchoolIds known = ids.schools().get(school.id());
        if (known == null || !known.pupils().containsKey(CONCERN_PUPIL) || known.guardians().isEmpty()) {
            throw new StackNotRunning("The demo data names no pupils of " + school.id() + " (consent-service's demo "
                    + "data was not loaded; see the launcher's messages). " + start);
        }
        if (!known.sessions().containsKey(demoSession(school).title())) {
            throw new StackNotRunning("The demo data names no session of " + school.id() + " (scheduling-service's "
                    + "demo sessions were not loaded; see the launcher's messages). " + start);
        }
    }

    // ---- 1. a concern reaches the DSL ----

    private String concernReachesTheDsl(School school)
            throws Broken, IOException, MessagingException, InterruptedException {
        StaffMember teacher = classTeacher(school);
        StaffMember dsl = school.staffWithRole("dsl").orElseThrow();
        Pupil pupil = school.pupil(CONCERN_PUPIL).orElseThrow();
        UUID pupilId = ids.school(school.id()).pupils().get(CONCERN_PUPIL);
        out.println("   " + name(teacher) + " (" + teacher.title() + "; token " + teacher.subject() + ", role staff)"
                + " raises a concern about " + name(pupil) + " (" + pupil.misId() + "), category DISCLOSURE:");
        out.println("     \"" + NARRATIVE + "\"");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schoolId", school.id());
        body.put("category", "DISCLOSURE");
        body.put("whatHappened", NARRATIVE);
        body.put("occurredAt", Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("pupilIds", List.of(pupilId));
        body.put("immediateRisk", false);
        body.put("actionsTaken", "Reassured him and told him it was right to tell; no further questions asked.");
        Instant raised = Instant.now();
        JsonNode receipt = call("POST", "/api/v1/concerns", token(teacher.subject(), "staff"), body,
                "demo-concern-" + UUID.randomUUID(), 201);
        String incident = receipt.path("id").asText();
        out.println("   POST /api/v1/concerns -> 201: incident " + incident + ", status "
                + receipt.path("status").asText() + ", routed to " + receipt.path("routedTo").asText());

        String address = NotificationDemoData.staffAddress(dsl.subject());
        out.println("   Waiting (at most " + mailWait.toSeconds() + " s) for the alert in the DSL's mailbox: "
                + name(dsl) + " <" + address + ">");
        Optional<Mail> alert = mail.await(address, m -> m.everyPart().contains(incident), mailWait);
        if (alert.isEmpty()) {
            throw new Broken("no alert for incident " + incident + " reached " + address + " within "
                    + mailWait.toSeconds() + " s (is notification-service running, with the demo contact points and"
                    + " rota? see deploy/local/.data/logs/notification-service.log)");
        }
        Duration took = Duration.between(raised, Instant.now());
        out.println("   Arrived within " + Console.seconds(took) + ": \"" + alert.get().subject() + "\"");
        alert.get().text().lines().map(String::strip).filter(line -> !line.isEmpty())
                .forEach(line -> out.println("     | " + line));
        List<String> leaks = narrativeIn(alert.get(), pupil);
        if (!leaks.isEmpty()) {
            throw new Broken("the alert carries what the teacher wrote: " + String.join("; ", leaks));
        }
        out.println("   It carries no narrative: no three words in a row of what the teacher wrote, and not the"
                + " pupil's name.");

        JsonNode change = call("POST", "/api/v1/concerns/" + incident + "/acknowledgement",
                token(dsl.subject(), "dsl"), null, null, 200);
        out.println("   " + name(dsl) + " acknowledges it: POST /api/v1/concerns/" + incident
                + "/acknowledgement -> 200, status " + change.path("concern").path("status").asText("?")
                + " (the escalation to the Headteacher stops)");
        return "the DSL's alert arrived within " + Console.seconds(took) + ", with no narrative in it";
    }

    /**
     * What of the teacher's words the alert carries: the pupil's names, or any three words in a row of the
     * narrative (compared as lower-case words, wherever they are in the message: subject, text or HTML).
     */
    static List<String> narrativeIn(Mail alert, Pupil pupil) {
        String message = " " + words(alert.all().replaceAll("<[^>]*>", " ")) + " "; // HTML's tags are not words
        List<String> found = new ArrayList<>();
        for (String name : List.of(pupil.givenName(), pupil.familyName())) {
            if (message.contains(" " + words(name) + " ")) {
                found.add("the pupil's name '" + name + "'");
            }
        }
        String[] narrative = words(NARRATIVE).split(" ");
        for (int i = 0; i + 3 <= narrative.length; i++) {
            String run = narrative[i] + " " + narrative[i + 1] + " " + narrative[i + 2];
            if (message.contains(" " + run + " ")) {
                found.add("'" + run + "'");
            }
        }
        return found;
    }

    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }

    // ---- 2. no consent, no invite ----

    private String noConsentNoInvite(School school) throws Broken, IOException, MessagingException,
            InterruptedException {
        StaffMember teacher = classTeacher(school);
        DemoScheduling.DemoSession plan = demoSession(school);
        UUID session = ids.school(school.id()).sessions().get(plan.title());
        out.println("   " + name(teacher) + " dispatches the invites of \"" + plan.title() + "\" (" + plan.className()
                + ", session " + session + "):");
        JsonNode dispatch = call("POST", "/api/v1/sessions/" + session + "/invites", token(teacher.subject(), "staff"),
                null, null, 200);
        out.println("   POST /api/v1/sessions/" + session + "/invites -> 200");

        Map<UUID, List<UUID>> invited = new LinkedHashMap<>();
        for (JsonNode participant : inClassOrder(school, dispatch.path("invited"))) {
            UUID pupil = UUID.fromString(participant.path("pupilId").asText());
            List<UUID> guardians = new ArrayList<>();
            participant.path("guardianIds").forEach(g -> guardians.add(UUID.fromString(g.asText())));
            invited.put(pupil, guardians);
            out.println("     invited  " + pupilName(school, pupil) + ": the invite goes to "
                    + String.join(", ", guardians.stream().map(g -> guardianName(school, g)).toList()));
        }
        Map<UUID, List<String>> blocked = new LinkedHashMap<>();
        for (JsonNode participant : inClassOrder(school, dispatch.path("blocked"))) {
            UUID pupil = UUID.fromString(participant.path("pupilId").asText());
            List<String> reasons = new ArrayList<>();
            participant.path("reasons").forEach(r -> reasons.add(r.asText()));
            blocked.put(pupil, reasons);
            out.println("     blocked  " + pupilName(school, pupil) + ": " + String.join(", ", reasons.stream()
                    .map(r -> SchedulingDemoData.reasonInWords(r) + " (" + r + ")").toList()));
        }
        out.println("   (The launcher dispatched them once at start-up; a dispatch again keeps each invite that went,"
                + " and blocks again whoever still has no consent.)");

        UUID noConsent = ids.school(school.id()).pupils().get(NO_CONSENT_PUPIL);
        Pupil kit = school.pupil(NO_CONSENT_PUPIL).orElseThrow();
        if (invited.containsKey(noConsent)) {
            throw new Broken(name(kit) + " (" + NO_CONSENT_PUPIL + ") has no guardian's consent, yet was invited");
        }
        if (!blocked.getOrDefault(noConsent, List.of()).contains("NO_LIVE_VIDEO_CONSENT")) {
            throw new Broken(name(kit) + " (" + NO_CONSENT_PUPIL + ") should be blocked for NO_LIVE_VIDEO_CONSENT; "
                    + "the dispatch answered " + blocked.getOrDefault(noConsent, List.of("nothing about this pupil")));
        }
        if (invited.isEmpty()) {
            throw new Broken("nobody was invited, though most pupils of the class have consent");
        }

        out.println("   Waiting (at most " + mailWait.toSeconds() + " s) for the invite e-mails:");
        long deadline = System.nanoTime() + mailWait.toNanos();
        List<String> missing = new ArrayList<>();
        int arrived = 0;
        for (Map.Entry<UUID, List<UUID>> pupil : invited.entrySet()) {
            if (pupil.getValue().isEmpty()) {
                missing.add(pupilName(school, pupil.getKey()) + " was invited, but the invite names no guardian");
            }
            for (UUID guardian : pupil.getValue()) {
                String address = guardianAddress(school, guardian);
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                Optional<Mail> invite = mail.await(address, PromisesDemo::isInvite, left);
                if (invite.isPresent()) {
                    arrived++;
                    out.println("     " + guardianName(school, guardian) + " <" + address + ">: \""
                            + invite.get().subject() + "\"");
                } else {
                    missing.add(guardianName(school, guardian) + " <" + address + "> has no invite");
                    out.println("     " + guardianName(school, guardian) + " <" + address + ">: NO INVITE");
                }
            }
        }
        Thread.sleep(settle.toMillis()); // room for an invite that should not exist to arrive too
        out.println("   The guardians of the blocked pupils got none:");
        List<String> wronglyInvited = new ArrayList<>();
        for (UUID pupil : blocked.keySet()) {
            String misId = misId(ids.school(school.id()).pupils(), pupil);
            for (DemoTrust.Link link : school.links()) {
                if (!link.pupil().equals(misId)) {
                    continue;
                }
                Guardian guardian = school.guardian(link.guardian()).orElseThrow();
                String address = NotificationDemoData.guardianAddress(guardian);
                long invites = mail.inbox(address).stream().filter(PromisesDemo::isInvite).count();
                out.println("     " + name(guardian) + " <" + address + "> ("
                        + link.relationship().toLowerCase(Locale.ROOT) + " of "
                        + name(school.pupil(misId).orElseThrow()) + "): "
                        + (invites == 0 ? "no invite" : invites + " INVITE(S)"));
                if (invites > 0) {
                    wronglyInvited.add(name(guardian) + " has an invite for blocked " + pupilName(school, pupil));
                }
            }
        }
        if (!wronglyInvited.isEmpty()) {
            throw new Broken(String.join("; ", wronglyInvited));
        }
        if (!missing.isEmpty()) {
            throw new Broken(String.join("; ", missing) + " after " + mailWait.toSeconds() + " s (see "
                    + "deploy/local/.data/logs/notification-service.log)");
        }
        return invited.size() + " pupils invited and their " + arrived + " consenting guardian(s) have the invite; "
                + blocked.size() + " blocked, " + name(kit) + " (no consent) among them, and their guardians have none";
    }

    /** Participants as the MIS lists them (by MIS id); any the demo data does not know, last. */
    private List<JsonNode> inClassOrder(School school, JsonNode participants) {
        List<JsonNode> sorted = new ArrayList<>();
        participants.forEach(sorted::add);
        Map<String, UUID> pupils = ids.school(school.id()).pupils();
        // an unknown pupil's MIS id is "null", after every "LP-..."
        sorted.sort(Comparator.comparing(
                (JsonNode p) -> String.valueOf(misId(pupils, UUID.fromString(p.path("pupilId").asText())))));
        return sorted;
    }

    /** An invitation to a live lesson, by the built-in letter's subject or what every invite must carry. */
    static boolean isInvite(Mail mail) {
        return mail.subject().toLowerCase(Locale.ROOT).contains("invitation") || mail.text().contains("Passcode:");
    }

    // ---- helpers ----

    private DemoScheduling.DemoSession demoSession(School school) {
        return scheduling.sessions().stream().filter(s -> s.school().equals(school.id())).findFirst().orElseThrow();
    }

    /** The demo session's first host, the class teacher who scheduled it. */
    private StaffMember classTeacher(School school) {
        String subject = demoSession(school).hosts().get(0);
        return school.staff().stream().filter(m -> m.subject().equals(subject)).findFirst().orElseThrow();
    }

    private String pupilName(School school, UUID id) {
        String misId = misId(ids.school(school.id()).pupils(), id);
        return misId == null ? "pupil " + id
                : school.pupil(misId).map(p -> name(p) + " (" + misId + ")").orElse(misId);
    }

    private String guardianName(School school, UUID id) {
        String misId = misId(ids.school(school.id()).guardians(), id);
        return misId == null ? "guardian " + id : school.guardian(misId).map(PromisesDemo::name).orElse(misId);
    }

    private String guardianAddress(School school, UUID id) throws Broken {
        String misId = misId(ids.school(school.id()).guardians(), id);
        if (misId == null) {
            throw new Broken("the invite names guardian " + id + ", who is not among the demo guardians");
        }
        return NotificationDemoData.guardianAddress(school.guardian(misId).orElseThrow());
    }

    private static String misId(Map<String, UUID> byMisId, UUID id) {
        return byMisId.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    private static String name(StaffMember member) {
        return member.givenName() + " " + member.familyName();
    }

    private static String name(Pupil pupil) {
        return pupil.givenName() + " " + pupil.familyName();
    }

    private static String name(Guardian guardian) {
        return guardian.givenName() + " " + guardian.familyName();
    }

    private String mailHost() {
        return mail.host();
    }

    private int mailPort() {
        return mail.port();
    }

    private String token(String subject, String role) {
        return DevTokens.mint(new TokenRequest(subject, List.of(role), List.of(SCHOOL), null, Duration.ofMinutes(15)),
                signingKey, Instant.now());
    }

    private JsonNode call(String method, String path, String token, Object body, String idempotencyKey,
            int expected) throws IOException, InterruptedException, Broken {
        ApiClient.Answer answer;
        try {
            answer = api.send(method, path, token, body, idempotencyKey);
        } catch (ConnectException e) {
            throw new Broken(method + " " + path + ": the gateway stopped answering (" + e + ")");
        }
        if (answer.status() != expected) {
            throw new Broken(method + " " + path + " answered " + answer.status() + " (expected " + expected
                    + "): " + ApiClient.abbreviate(answer.raw()));
        }
        return answer.body();
    }

    /** A promise that did not hold, and why. */
    static final class Broken extends Exception {

        Broken(String message) {
            super(message);
        }
    }

    static final class StackNotRunning extends Exception {

        StackNotRunning(String message) {
            super(message);
        }
    }
}
