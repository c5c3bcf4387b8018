package org.chaperone.notification.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
        try {
            Mail mail = Mail.withText(address, message.subject(), message.text());
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
}
