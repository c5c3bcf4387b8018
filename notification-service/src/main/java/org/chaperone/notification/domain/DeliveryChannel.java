package org.chaperone.notification.domain;

import java.util.UUID;

/**
 * The port every channel implements: e-mail over SMTP today; SMS and app push through HTTP providers plug in here.
 * A channel is enabled when its implementation is present and configured; messages go out only on enabled ones.
 */
public interface DeliveryChannel {

    Channel channel();

    boolean enabled();

    /**
     * Sends one rendered message to one address; returns normally once the provider (the SMTP server) accepted it.
     *
     * @throws DeliveryFailedException when it did not; the message should say why without quoting the address
     */
    void send(String address, RenderedMessage message);

    /**
     * Sends delivery {@code deliveryId}: the same id on every attempt of it, so that a receiver can tell a repeat (a
     * sender killed between the provider's acceptance and recording it sends again after the lease). A channel
     * that can carry it does (e-mail: as the Message-ID); by default it is not sent.
     */
    default void send(UUID deliveryId, String address, RenderedMessage message) {
        send(address, message);
    }

    /**
     * A message as its recipient reads it: a subject, the plain text, the same as HTML (for e-mail), and a short text
     * (for SMS and push, where a whole letter does not fit).
     */
    record RenderedMessage(String subject, String text, String html, String shortText) {

        @Override
        public String toString() {
            return "RenderedMessage[subject=" + subject + ", text=***]";
        }
    }

    /** A provider refused or could not be reached. */
    class DeliveryFailedException extends RuntimeException {
        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A call that is not made, or cannot succeed however often it is tried (e.g. an address that {@link
     * OutboundAddressRule} refuses): the sender gives it up at once instead of retrying.
     */
    class DeliveryRefusedException extends DeliveryFailedException {
        public DeliveryRefusedException(String message) {
            super(message, null);
        }
    }
}
