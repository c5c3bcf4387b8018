package org.chaperone.notification.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.DeliveryChannel.RenderedMessage;
import org.chaperone.notification.domain.MessageKind;

/**
 * Renders a message from its built-in Qute template, {@code templates/mail/<kind>.txt}: a first line
 * {@code Subject: ...}, a blank line, then the plain-text body. Instants in the parameters (names ending in
 * {@code At}) are also given as {@code <name>Text} (a date and time in the configured zone) and
 * {@code <name>Time} (the time only).
 */
@ApplicationScoped
public class MessageTemplates {

    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {
    };
    private static final String SUBJECT = "Subject: ";

    @Inject
    Engine engine;
    @Inject
    ObjectMapper json;
    @Inject
    NotificationConfig config;

    public RenderedMessage render(MessageKind kind, String parametersJson, Map<String, String> secrets) {
        Template template = engine.getTemplate("mail/" + kind.template() + ".txt");
        if (template == null) {
            throw new IllegalStateException("no template for " + kind);
        }
        Map<String, Object> data = new LinkedHashMap<>(read(parametersJson));
        data.putAll(secrets);
        DateTimeFormatter dateTime = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK)
                .withZone(config.timeZone());
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", Locale.UK).withZone(config.timeZone());
        for (Map.Entry<String, Object> entry : Map.copyOf(data).entrySet()) {
            if ((entry.getKey().endsWith("At") || entry.getKey().endsWith("By")) && entry.getValue() instanceof String s) {
                Instant instant = parse(s);
                data.put(entry.getKey() + "Text", instant == null ? "" : dateTime.format(instant));
                data.put(entry.getKey() + "Time", instant == null ? "" : time.format(instant));
            }
        }
        var instance = template.instance();
        data.forEach(instance::data);
        String rendered = instance.render().replace("\r\n", "\n");
        if (!rendered.startsWith(SUBJECT)) {
            throw new IllegalStateException("template " + kind.template() + " does not start with a subject line");
        }
        int end = rendered.indexOf('\n');
        String subject = rendered.substring(SUBJECT.length(), end < 0 ? rendered.length() : end).strip();
        String body = end < 0 ? "" : rendered.substring(end + 1).stripLeading();
        return new RenderedMessage(subject, body);
    }

    private Map<String, Object> read(String parameters) {
        try {
            return json.readValue(parameters, PARAMETERS);
        } catch (IOException e) {
            throw new IllegalStateException("template parameters cannot be read");
        }
    }

    private static Instant parse(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
