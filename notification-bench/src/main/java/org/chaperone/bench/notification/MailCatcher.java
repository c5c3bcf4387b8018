package org.chaperone.bench.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GreenMail's SMTP server (as deploy/local's {@code LocalMail}) with a hook on message receipt: GreenMail calls its
 * delivery handler once per recipient while it handles DATA, after the whole message is read and before it answers
 * {@code 250 OK}. The hook notes the time ({@code System.nanoTime}, the clock the publisher's acknowledgements are
 * timed with, and the wall clock) and the recipient; the message is stored as usual and read after the phase, so
 * the hook does as little as it can while the service sends.
 */
final class MailCatcher implements AutoCloseable {

    /** One message accepted for one recipient. */
    record Received(long nanos, Instant at, String recipient, MimeMessage message) {
    }

    private final GreenMail greenMail;
    private final List<Received> received = new ArrayList<>();
    private final AtomicLong handlerNanos = new AtomicLong();

    private MailCatcher(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static MailCatcher start(int smtpPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        MailCatcher catcher = new MailCatcher(greenMail);
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler store = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> {
            long now = System.nanoTime();
            Instant at = Instant.now();
            synchronized (catcher.received) {
                catcher.received.add(new Received(now, at, address.getEmail().toLowerCase(), message.getMessage()));
            }
            try {
                return store.handle(message, address);
            } finally {
                catcher.handlerNanos.addAndGet(System.nanoTime() - now);
            }
        });
        return catcher;
    }

    int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The messages received so far, from index {@code from} on. */
    List<Received> since(int from) {
        synchronized (received) {
            return new ArrayList<>(received.subList(from, received.size()));
        }
    }

    /** Time spent in GreenMail's storing of messages (inside the SMTP exchange), in total. */
    long handlerNanos() {
        return handlerNanos.get();
    }

    /** The decoded text/plain part of a message (the service sends text and HTML). */
    static String text(MimeMessage message) {
        try {
            return text((Part) message);
        } catch (Exception e) {
            return "";
        }
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                text.append(text(body));
            }
            return text.toString();
        }
        return "";
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
