package org.chaperone.e2e;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.chaperone.local.CaughtMail;

/**
 * What the SMTP server accepted, read in this JVM from the mail catcher the stack runs: recipient, Message-ID,
 * subject and every text part. (The scenario tests read a mailbox over IMAP too, as a person's mail client would.)
 */
final class Mailbox {

    /** One accepted message for one recipient. */
    record Mail(String to, String messageId, String subject, String body) {

        boolean mentions(String text) {
            return subject.contains(text) || body.contains(text);
        }

        boolean isInvite() {
            return subject.toLowerCase(Locale.ROOT).contains("invitation") && body.contains("Passcode:");
        }

        boolean isRevocation() {
            return subject.toLowerCase(Locale.ROOT).contains("no longer works");
        }
    }

    private Mailbox() {
    }

    /** Every message accepted so far, one entry per recipient of it. */
    static List<Mail> all() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : Suite.stack().mail().received()) {
            try {
                String body = CaughtMail.everyPart(message);
                String[] ids = message.getHeader("Message-ID");
                String id = ids == null || ids.length == 0 ? null : ids[0];
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                for (Address address : to == null ? new Address[0] : to) {
                    mails.add(new Mail(address.toString().toLowerCase(Locale.ROOT), id,
                            String.valueOf(message.getSubject()), body));
                }
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("An accepted message cannot be read: " + e, e);
            }
        }
        return mails;
    }

    static List<Mail> to(String address) {
        String wanted = address.toLowerCase(Locale.ROOT);
        return all().stream().filter(mail -> mail.to().equals(wanted)).toList();
    }

    /** Waits until {@code address} has a message matching {@code wanted}; fails the test after {@code timeout}. */
    static Mail await(String address, Predicate<Mail> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Mail> found = to(address).stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + what + " reached " + address + " within " + timeout.toSeconds()
                        + " s; it has " + to(address).stream().map(Mail::subject).toList());
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** The same, read back over IMAP from the mail server, as the recipient's mail client would. */
    static CaughtMail.Mail awaitOverImap(String address, Predicate<CaughtMail.Mail> wanted, Duration timeout,
            String what) {
        try {
            return CaughtMail.local().await(address, wanted, timeout).orElseThrow(() -> new AssertionError(
                    "No " + what + " in " + address + "'s mailbox (IMAP) within " + timeout.toSeconds() + " s"));
        } catch (MessagingException | IOException e) {
            throw new AssertionError("IMAP: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
