package org.chaperone.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.Channel;
import org.chaperone.notification.domain.DeliveryChannel;

/**
 * SMS through the trust's gateway, as a signed JSON webhook ({@link SignedWebhook}):
 * {@code {"to": "+447700900123", "from": "Chaperone", "text": "..."}}. On when
 * {@code chaperone.notification.sms.url} and {@code .secret} are set. The URL is the operator's configuration,
 * trusted: it is resolved as usual, not checked by the {@link OutboundAddressGuard} (an internal gateway is normal).
 */
@ApplicationScoped
public class SmsChannel implements DeliveryChannel {

    @Inject
    NotificationConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    Vertx vertx;

    private SignedWebhook webhook;

    @PostConstruct
    void init() {
        NotificationConfig.Provider sms = config.sms();
        if (sms.url().isPresent() && sms.secret().isPresent()) {
            webhook = new SignedWebhook(vertx, json, sms.secret().get(), sms.timeout(), Clock.systemUTC());
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean enabled() {
        return webhook != null;
    }

    @Override
    public void send(String address, RenderedMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", address);
        body.put("from", config.sms().sender());
        body.put("text", message.shortText());
        webhook.post(config.sms().url().orElseThrow(), body);
    }
}
