package org.chaperone.local;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Reads what the mail catcher ({@link LocalMail}) caught, over IMAP, as a person's mail client would: the login
 * is the recipient's address, the password anything.
 */
public final class CaughtMail {

    /**
     * A caught message: its subject, its plain text (the HTML part's text if there is no plain part), and every
     * text part of it as sent (HTML included), to look for words that must not be anywhere in it.
     */
    public record Mail(String subject, String text, String everyPart) {

        /** Subject and every part together. */
        public String all() {
            return subject + "\n" + everyPart;
        }
    }

    static final Duration POLL = Duration.ofMillis(500);

    private final String host;
    private final int port;

    public CaughtMail(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The local stack's mail catcher. */
    public static CaughtMail local() {
        return new CaughtMail("localhost", LocalMail.IMAP_PORT);
    }

    /** Every message in {@code address}'s inbox, oldest first; none if nothing was ever sent to it. */
    public List<Mail> inbox(String address) throws MessagingException, IOException {
        Properties settings = new Properties();
        settings.put("mail.imap.connectiontimeout", "5000");
        settings.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(settings).getStore("imap");
        store.connect(host, port, address, "any");
        try {
            Folder inbox = store.getFolder("INBOX");
            if (!inbox.exists()) {
                return List.of();
            }
            inbox.open(Folder.READ_ONLY);
            try {
                List<Mail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new Mail(String.valueOf(message.getSubject()), text(message), everyPart(message)));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    /**
     * Polls {@code address}'s inbox until a message matches {@code wanted}, for at most {@code timeout}; empty if
     * none came.
     */
    public Optional<Mail> await(String address, Predicate<Mail> wanted, Duration timeout)
            throws MessagingException, IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Mail> found = inbox(address).stream().filter(wanted).findFirst();
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return found;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Every text part, one after the other, as sent. */
    public static String everyPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/*")) {
            return String.valueOf(part.getContent()) + "\n";
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(everyPart(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }

    /** The plain text of a part: text/plain as it is, else the first text found in a multipart, HTML stripped. */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent()).replaceAll("(?s)<style.*?</style>", " ")
                    .replaceAll("<[^>]+>", " ").replaceAll("[ \\t]+", " ");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return text(body);
                }
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }
}
