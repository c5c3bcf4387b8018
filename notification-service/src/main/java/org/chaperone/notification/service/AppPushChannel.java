package org.chaperone.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.DeliveryChannel;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryFailedException;
import org.chaperone.notification.domain.DeliveryChannel.DeliveryRefusedException;

/**
 * App push: a signed JSON webhook ({@link SignedWebhook}) to the person's own app webhook (their contact point),
 * {@code {"title": "...", "text": "...", "from": "Chaperone"}}; the school app turns it into a notification. On
 * when {@code chaperone.notification.push.secret} is set. The URL is the caller's (the school app's), so the
 * {@link OutboundAddressGuard} resolves it and the post goes to the address it checked; a refused one is given up
 * at once ({@link org.chaperone.notification.domain.DeliveryChannel.DeliveryRefusedException}).
 */
@ApplicationScoped
public class AppPushChannel implements DeliveryChannel {

    @Inject
    NotificationConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;
    @Inject
    OutboundAddressGuard guard;

    private SignedWebhook webhook;

    @PostConstruct
    void init() {
        config.push().secret().ifPresent(secret -> webhook = new SignedWebhook(vertx, json, secret, config.push().timeout(),
                Clock.systemUTC()));
    }

    @Override
    public Channel channel() {
        return Channel.APP;
    }

    @Override
    public boolean enabled() {
        return webhook != null;
    }

    @Override
    public void send(String address, RenderedMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", message.subject());
        body.put("text", message.shortText());
        body.put("from", config.push().sender());
        URI url = URI.create(address);
        InetAddress pinned;
        try {
            pinned = guard.resolve(url, "app-push");
        } catch (DeliveryRefusedException e) {
            throw new DeliveryRefusedException("App webhook: " + e.getMessage());
        } catch (DeliveryFailedException e) {
            throw new DeliveryFailedException("App webhook: " + e.getMessage(), null);
        }
        webhook.post(url, pinned, body);
    }
}
