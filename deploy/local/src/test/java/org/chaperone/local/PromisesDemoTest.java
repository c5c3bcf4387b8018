package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.chaperone.local.CaughtMail.Mail;
import org.chaperone.local.DemoTrust.School;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo against a stand-in gateway (an in-test HTTP server that "sends" the mail the real services would) and
 * a real GreenMail read over IMAP: it says a promise held only when it did.
 */
class PromisesDemoTest {

    private static final String DSL = "s.whitcombe@linden-primary.example";

    private final DemoTrust trust = DemoTrust.load();
    private final School linden = trust.school("linden-primary").orElseThrow();
    private final DemoIds ids = DemoIds.empty();
    private final UUID session = UUID.randomUUID();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private GreenMail greenMail;
    private HttpServer gateway;

    /** What the stand-in services do wrong, if anything. */
    private boolean alertCarriesNarrative;
    private boolean alertNeverSent;
    private boolean inviteTheBlockedGuardian;
    private boolean inviteKit;

    @BeforeEach
    void start() throws IOException {
        linden.pupils().forEach(p -> ids.school(linden.id()).pupils().put(p.misId(), UUID.randomUUID()));
        linden.guardians().forEach(g -> ids.school(linden.id()).guardians().put(g.misId(), UUID.randomUUID()));
        ids.school(linden.id()).sessions().put("Year 4 Rowan maths", session);

        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();

        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
        greenMail.stop();
    }

    @Test
    void bothPromisesHoldWhenTheAlertAndTheRightInvitesArrive() {
        assertThat(demo().run()).isEqualTo(PromisesDemo.KEPT);
        assertThat(output())
                .contains("1. A safeguarding concern raised in a lesson reaches the DSL at once")
                .contains("Rhiannon Ellwood (Class teacher, Year 4 Rowan; token r.ellwood@linden-primary, role staff)"
                        + " raises a concern about Theo Blackwood (LP-P002)")
                .contains("Sian Whitcombe <" + DSL + ">")
                .contains("\"safeguarding concern raised (HIGH)\"")
                .contains("It carries no narrative")
                .contains("     invited  Amara Okonjo (LP-P001): the invite goes to Grace Okonjo\n"
                        + "     invited  Theo Blackwood (LP-P002): the invite goes to Helen Blackwood\n"
                        + "     invited  Isla Fenwick (LP-P003): the invite goes to Priya Fenwick\n"
                        + "     invited  Maisie Thornbury (LP-P005): the invite goes to Claire Thornbury\n"
                        + "     blocked  Rohan Varma (LP-P004): consent refused (LIVE_VIDEO_CONSENT_REFUSED)\n"
                        + "     blocked  Kit Ashdown (LP-P006): no consent (NO_LIVE_VIDEO_CONSENT)\n")
                .contains("Grace Okonjo <grace.okonjo@families.example>: \"Live lesson invitation")
                .contains("Fatima Ashdown <fatima.ashdown@families.example> (mother of Kit Ashdown): no invite")
                .contains("Both promises held.")
                .doesNotContain("NOT HELD");
    }

    @Test
    void anAlertThatCarriesTheNarrativeBreaksTheFirstPromise() {
        alertCarriesNarrative = true;
        assertThat(demo().run()).isEqualTo(PromisesDemo.BROKEN);
        assertThat(output()).contains("=> NOT HELD: the alert carries what the teacher wrote")
                .contains("A PROMISE DID NOT HOLD");
    }

    @Test
    void noAlertWithinTheWaitBreaksTheFirstPromiseAndTheSecondIsStillWalked() {
        alertNeverSent = true;
        assertThat(demo().run()).isEqualTo(PromisesDemo.BROKEN);
        assertThat(output()).contains("=> NOT HELD: no alert for incident").contains("within 2 s")
                .contains("2. No pupil is invited").contains("=> HELD: 4 pupils invited");
    }

    @Test
    void anInviteToABlockedPupilsGuardianBreaksTheSecondPromise() {
        inviteTheBlockedGuardian = true;
        assertThat(demo().run()).isEqualTo(PromisesDemo.BROKEN);
        assertThat(output()).contains("1 INVITE(S)")
                .contains("=> NOT HELD: Fatima Ashdown has an invite for blocked Kit Ashdown (LP-P006)");
    }

    @Test
    void invitingThePupilWithoutConsentBreaksTheSecondPromise() {
        inviteKit = true;
        assertThat(demo().run()).isEqualTo(PromisesDemo.BROKEN);
        assertThat(output()).contains("=> NOT HELD: Kit Ashdown (LP-P006) has no guardian's consent, yet was invited");
    }

    @Test
    void aStackThatIsNotRunningIsSaidSoWithExitCodeTwo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PromisesDemo demo = new PromisesDemo(URI.create("http://127.0.0.1:" + closed), imap(), key(), trust,
                DemoScheduling.load(), ids, new PrintStream(printed, true, StandardCharsets.UTF_8),
                Duration.ofSeconds(1), Duration.ZERO);
        assertThat(demo.run()).isEqualTo(PromisesDemo.NOT_RUNNING);
        assertThat(output()).isEmpty();
    }

    @Test
    void theNarrativeCheckFindsThreeWordsInARowOrThePupilsNameAnywhere() {
        DemoTrust.Pupil theo = linden.pupil("LP-P002").orElseThrow();
        assertThat(PromisesDemo.narrativeIn(new Mail("safeguarding concern raised (HIGH)",
                "A safeguarding concern has been raised at school linden-primary. Category: disclosure", ""), theo))
                .isEmpty();
        assertThat(PromisesDemo.narrativeIn(new Mail("s", "t", "<p>keeps <b>messaging</b> him</p>"), theo))
                .containsExactly("'keeps messaging him'");
        assertThat(PromisesDemo.narrativeIn(new Mail("About THEO", "", ""), theo))
                .containsExactly("the pupil's name 'Theo'");
        assertThat(PromisesDemo.narrativeIn(new Mail("Theodore", "", ""), theo)).isEmpty();
    }

    @Test
    void caughtMailReadsThePlainPartOfALetterAndEveryPartForChecks() throws Exception {
        send("grace.okonjo@families.example", "Live lesson invitation for Monday", "Passcode: 123456",
                "<p>Passcode: <b>123456</b></p>");
        List<Mail> inbox = imap().inbox("grace.okonjo@families.example");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).subject()).isEqualTo("Live lesson invitation for Monday");
        assertThat(inbox.get(0).text()).isEqualTo("Passcode: 123456");
        assertThat(inbox.get(0).everyPart()).contains("<b>123456</b>");
        assertThat(PromisesDemo.isInvite(inbox.get(0))).isTrue();
        assertThat(imap().inbox("nobody@families.example")).isEmpty();
    }

    // ---- the stand-in gateway ----

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        exchange.getRequestBody().readAllBytes();
        if (path.equals("/q/health/ready")) {
            reply(exchange, 200, "{\"status\":\"UP\"}");
        } else if (method.equals("POST") && path.equals("/api/v1/concerns")) {
            UUID incident = UUID.randomUUID();
            if (!alertNeverSent) {
                send(DSL, "safeguarding concern raised (HIGH)", "A safeguarding concern has been raised at school "
                        + "linden-primary.\n\nCategory: disclosure\n"
                        + (alertCarriesNarrative ? PromisesDemo.NARRATIVE + "\n" : "")
                        + "Sent by Chaperone. Reference: incident " + incident + ".", null);
            }
            reply(exchange, 201, "{\"id\":\"" + incident + "\",\"status\":\"RAISED\",\"routedTo\":\"DSL_TEAM\"}");
        } else if (method.equals("POST") && path.endsWith("/acknowledgement")) {
            reply(exchange, 200, "{\"concern\":{\"status\":\"ACKNOWLEDGED\"}}");
        } else if (method.equals("POST") && path.equals("/api/v1/sessions/" + session + "/invites")) {
            reply(exchange, 200, dispatch());
        } else {
            reply(exchange, 404, "{\"title\":\"Not Found\"}");
        }
    }

    /** Linden's demo session: consent for LP-P001, 2, 3, 5; refused for LP-P004; none for LP-P006. */
    private String dispatch() {
        List<String> invited = new ArrayList<>();
        for (String[] pupil : List.of(new String[] {"LP-P003", "LP-G004"}, new String[] {"LP-P005", "LP-G007"},
                new String[] {"LP-P001", "LP-G001"}, new String[] {"LP-P002", "LP-G003"})) {
            invited.add(participant(pupil[0], pupil[1], null));
        }
        List<String> blocked = new ArrayList<>();
        if (inviteKit) {
            invited.add(participant("LP-P006", "LP-G009", null));
        } else {
            blocked.add(participant("LP-P006", null, "NO_LIVE_VIDEO_CONSENT"));
        }
        blocked.add(participant("LP-P004", null, "LIVE_VIDEO_CONSENT_REFUSED"));
        if (inviteTheBlockedGuardian) {
            send("fatima.ashdown@families.example", "Live lesson invitation for Thursday", "Passcode: 1", null);
        }
        return "{\"sessionId\":\"" + session + "\",\"invited\":[" + String.join(",", invited) + "],\"blocked\":["
                + String.join(",", blocked) + "]}";
    }

    private String participant(String pupil, String guardian, String reason) {
        if (guardian != null) {
            String address = NotificationDemoData.guardianAddress(linden.guardian(guardian).orElseThrow());
            send(address, "Live lesson invitation for Thursday 10:00", "Join link: https://x\nPasscode: 1", null);
        }
        return "{\"pupilId\":\"" + ids.school(linden.id()).pupils().get(pupil) + "\",\"inviteState\":\""
                + (guardian != null ? "DISPATCHED" : "BLOCKED") + "\",\"guardianIds\":["
                + (guardian != null ? "\"" + ids.school(linden.id()).guardians().get(guardian) + "\"" : "")
                + "],\"reasons\":[" + (reason != null ? "\"" + reason + "\"" : "") + "]}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- helpers ----

    private PromisesDemo demo() {
        try {
            return new PromisesDemo(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), imap(), key(),
                    trust, DemoScheduling.load(), ids, new PrintStream(printed, true, StandardCharsets.UTF_8),
                    Duration.ofSeconds(2), Duration.ofMillis(200));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private CaughtMail imap() {
        return new CaughtMail("127.0.0.1", greenMail.getImap().getPort());
    }

    private static java.security.PrivateKey key() throws Exception {
        return KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** A letter as notification-service sends it: plain text, and HTML beside it when given. */
    private void send(String to, String subject, String text, String html) {
        try {
            Properties settings = new Properties();
            settings.put("mail.smtp.host", "127.0.0.1");
            settings.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(settings));
            message.setFrom(new InternetAddress("no-reply@chaperone.local"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject);
            if (html == null) {
                message.setText(text, "UTF-8");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, "UTF-8");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setContent(html, "text/html; charset=UTF-8");
                alternative.addBodyPart(plain);
                alternative.addBodyPart(rich);
                message.setContent(alternative);
            }
            Transport.send(message);
        } catch (jakarta.mail.MessagingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
