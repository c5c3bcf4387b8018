package org.chaperone.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.DeliveryChannel;

/** E-mail over SMTP through Quarkus Mailer: done when the SMTP server accepted the message. */
@ApplicationScoped
public class EmailChannel implements DeliveryChannel {

    @Inject
    Mailer mailer;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void send(String address, RenderedMessage message) {
        send(null, address, message);
    }

    /**
     * The Message-ID is the delivery's, on every attempt: a message sent again after a crash (accepted by the server,
     * not yet recorded) is the same message to the recipient's mail system, not a second alert.
     */
    @Override
    public void send(UUID deliveryId, String address, RenderedMessage message) {
        try {
            Mail mail = Mail.withText(address, message.subject(), message.text());
            if (deliveryId != null) {
                mail.addHeader("Message-ID", messageId(deliveryId));
            }
            if (message.html() != null) {
                mail.setHtml(message.html());
            }
            mailer.send(mail);
        } catch (RuntimeException e) {
            // The cause's message may quote the address; Delivery.redact removes it before it is kept.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new DeliveryFailedException("SMTP: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()), null);
        }
    }

    /** RFC 5322 msg-id of a delivery: {@code <delivery id@chaperone.notification>}. */
    public static String messageId(UUID deliveryId) {
        return "<" + deliveryId + "@chaperone.notification>";
    }
}
