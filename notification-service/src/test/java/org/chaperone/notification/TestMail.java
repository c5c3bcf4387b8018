package org.chaperone.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real SMTP and IMAP server (GreenMail, authentication off) started once per test JVM on free ports; the service's
 * mailer is pointed at its SMTP port, and tests read what arrived back over IMAP, as a recipient would. The ports
 * are kept in system properties, so that a second start (another class loader, a restart) reuses the server.
 */
public class TestMail implements QuarkusTestResourceLifecycleManager {

    static final String SMTP_PORT = "chaperone.test.smtp.port";
    static final String IMAP_PORT = "chaperone.test.imap.port";
    private static final String HOST = "127.0.0.1";
    /** The running server, or null during an outage; tests and test resources share this class's loader. */
    private static final AtomicReference<GreenMail> SERVER = new AtomicReference<>();
    private static volatile boolean startedHere;

    @Override
    public Map<String, String> start() {
        startOnce();
        return Map.of("quarkus.mailer.host", HOST,
                "quarkus.mailer.port", System.getProperty(SMTP_PORT),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED");
    }

    @Override
    public void stop() {
        // Kept for the next application start in this JVM; stopped when the JVM exits.
    }

    private static synchronized void startOnce() {
        if (System.getProperty(SMTP_PORT) != null) {
            return;
        }
        int smtp = freePort();
        int imap = freePort();
        SERVER.set(newServer(smtp, imap));
        startedHere = true;
        Runtime.getRuntime().addShutdownHook(new Thread(TestMail::stopServer, "greenmail-stop"));
        System.setProperty(SMTP_PORT, String.valueOf(smtp));
        System.setProperty(IMAP_PORT, String.valueOf(imap));
    }

    private static GreenMail newServer(int smtp, int imap) {
        GreenMail server = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, HOST, ServerSetup.PROTOCOL_IMAP)});
        server.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    /** Stops the mail server, as an outage: the service's SMTP connections are refused until {@link #serverUp()}. */
    public static synchronized void serverDown() {
        requireStartedHere();
        stopServer();
    }

    private static synchronized void stopServer() {
        GreenMail running = SERVER.getAndSet(null);
        if (running != null) {
            running.stop();
        }
    }

    /** Starts the mail server again on the same ports (with empty mailboxes). */
    public static synchronized void serverUp() {
        requireStartedHere();
        if (SERVER.get() == null) {
            SERVER.set(newServer(Integer.getInteger(SMTP_PORT), Integer.getInteger(IMAP_PORT)));
        }
    }

    private static void requireStartedHere() {
        if (!startedHere) {
            throw new IllegalStateException("the mail server was started by another class loader; cannot control it");
        }
    }

    /** A message as its recipient reads it. */
    public record Received(String subject, List<String> to, String text, String messageId) {
    }

    /** Everything in {@code address}'s inbox, read over IMAP. */
    public static List<Received> inbox(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "5000");
        properties.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imap")) {
            store.connect(HOST, Integer.getInteger(IMAP_PORT), address, "any");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Received> received = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                String[] ids = message.getHeader("Message-ID");
                received.add(new Received(message.getSubject(),
                        Arrays.stream(message.getAllRecipients()).map(Object::toString).toList(), text(message),
                        ids == null || ids.length == 0 ? null : ids[0]));
            }
            inbox.close(false);
            return received;
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP read failed", e);
        }
    }

    /** Waits until {@code address} has {@code count} messages, and returns them. */
    public static List<Received> awaitInbox(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Received> received = inbox(address);
            if (received.size() >= count) {
                return received;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " message(s) for a recipient within " + timeout
                        + ", found " + received.size());
            }
            sleep(200);
        }
    }

    private static String text(Message message) throws MessagingException {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.getContent() instanceof String s) {
                        text.append(s);
                    }
                }
                return text.toString();
            }
            return String.valueOf(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
