package org.chaperone.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.DeliveryChannel;

/**
 * App push: a signed JSON webhook ({@link SignedWebhook}) to the person's own app webhook (their contact point),
 * {@code {"title": "...", "text": "...", "from": "Chaperone"}}; the school app turns it into a notification. On
 * when {@code chaperone.notification.push.secret} is set.
 */
@ApplicationScoped
public class AppPushChannel implements DeliveryChannel {

    @Inject
    NotificationConfig config;
    @Inject
    ObjectMapper json;

    private SignedWebhook webhook;

    @PostConstruct
    void init() {
        config.push().secret().ifPresent(secret -> webhook = new SignedWebhook(json, secret, config.push().timeout(),
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
        webhook.post(URI.create(address), body);
    }
}
