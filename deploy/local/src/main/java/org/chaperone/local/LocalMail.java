package org.chaperone.local;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GreenMail in this JVM: SMTP on 3025 catches every message the services send, to any address, and IMAP on 3143
 * hands them out. Authentication is off, so the IMAP login is the recipient's address with any password.
 */
public final class LocalMail implements AutoCloseable {

    public static final int SMTP_PORT = 3025;
    public static final int IMAP_PORT = 3143;
    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;

    private LocalMail(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static LocalMail start() {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(SMTP_PORT, HOST, ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(IMAP_PORT, HOST, ServerSetup.PROTOCOL_IMAP)});
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new LocalMail(greenMail);
    }

    /** A message in a mailbox, and when the SMTP server accepted it (stored it, before answering 250). */
    public record Accepted(Instant at, MimeMessage message) {
    }

    /** What {@code address}'s inbox holds, oldest first, with the time each was accepted; none for a stranger. */
    public List<Accepted> acceptedFor(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        try {
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            List<Accepted> accepted = new ArrayList<>();
            for (long uid : inbox.getMessageUids()) {
                StoredMessage stored = inbox.getMessage(uid);
                accepted.add(new Accepted(stored.getReceivedDate().toInstant(), stored.getMimeMessage()));
            }
            return accepted;
        } catch (FolderException e) {
            throw new IllegalStateException("The inbox of a mail catcher user cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every message the SMTP server accepted so far, in the order it accepted them. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
