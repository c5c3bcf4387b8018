package org.chaperone.notification.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chaperone.notification.config.NotificationConfig;
import org.chaperone.notification.domain.DeliveryChannel.RenderedMessage;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.MessageTemplate;
import org.chaperone.notification.domain.MessageTemplate.Part;
import org.chaperone.notification.repository.MessageTemplateRepository;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.SchoolScope;
import org.jboss.logging.Logger;

/**
 * Renders a message from Qute templates: the letter ({@code templates/mail/<kind>.txt}: a first line
 * {@code Subject: ...}, a blank line, then the plain text), its HTML version ({@code templates/mail/layout.html},
 * the letter's paragraphs, escaped), and the short text of SMS and push ({@code templates/short/<kind>.txt}, else
 * the subject). A school may replace the letter and the short text with its own wording; one that fails to render
 * falls back to the built-in template, so that a school's template never stops an alert. Instants in the
 * parameters (names ending in {@code At} or {@code By}) are also given as {@code <name>Text} (a date and time in
 * the configured zone) and {@code <name>Time} (the time only).
 */
@ApplicationScoped
public class MessageTemplates {

    private static final Logger LOG = Logger.getLogger(MessageTemplates.class);
    private static final TypeReference<Map<String, Object>> PARAMETERS = new TypeReference<>() {
    };
    private static final String SUBJECT = "Subject: ";
    private static final int SHORT_MAX = 480;

    @Inject
    Engine engine;
    @Inject
    ObjectMapper json;
    @Inject
    NotificationConfig config;
    @Inject
    MessageTemplateRepository overrides;

    /** Parsed school templates by school, kind, part and version: parsed once, not per message. */
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public RenderedMessage render(String schoolId, MessageKind kind, String parametersJson,
            Map<String, String> secrets) {
        Map<String, Object> data = data(read(parametersJson), secrets);
        if (kind == MessageKind.INVITE) {
            data.put("rules", builtIn("mail/invite-rules.txt").render().strip());
        }
        SchoolScope scope = SchoolScope.of(schoolId);
        String letter = renderOverride(schoolId, kind, Part.LETTER, data, scope)
                .orElseGet(() -> builtIn("mail/" + kind.template() + ".txt").instance().data(data).render());
        letter = letter.replace("\r\n", "\n");
        if (!letter.startsWith(SUBJECT)) {
            throw new IllegalStateException("template " + kind.template() + " does not start with a subject line");
        }
        int end = letter.indexOf('\n');
        String subject = letter.substring(SUBJECT.length(), end < 0 ? letter.length() : end).strip();
        String text = end < 0 ? "" : letter.substring(end + 1).stripLeading();
        Template shortTemplate = engine.getTemplate("short/" + kind.template() + ".txt");
        String shortText = renderOverride(schoolId, kind, Part.SHORT, data, scope)
                .orElseGet(() -> shortTemplate == null ? subject : shortTemplate.instance().data(data).render())
                .strip();
        if (shortText.length() > SHORT_MAX) {
            shortText = shortText.substring(0, SHORT_MAX);
        }
        String html = builtIn("mail/layout.html").instance().data("subject", subject)
                .data("paragraphs", Arrays.stream(text.split("\n\\s*\n")).map(String::strip)
                        .filter(p -> !p.isEmpty()).toList())
                .render();
        return new RenderedMessage(subject, text, html, shortText);
    }

    /**
     * What is wrong with a school's template for a kind and part, if anything: it must parse, a letter must start
     * with its subject line, keep what the message exists for (an invite its link, passcode and rules; an alert its
     * link), and render with the parameters the kind's messages carry.
     */
    public List<Violation> check(MessageKind kind, Part part, String body) {
        List<Violation> violations = new ArrayList<>();
        Template template;
        try {
            template = engine.parse(body);
        } catch (TemplateException e) {
            violations.add(new Violation("body", "Template", "Not a valid Qute template: " + firstLine(e)));
            return violations;
        }
        if (part == Part.LETTER && !body.startsWith(SUBJECT)) {
            violations.add(new Violation("body", "SubjectLine", "A letter starts with a line 'Subject: ...'"));
        }
        for (String required : kind.requiredInTemplate(part == Part.LETTER)) {
            if (!body.contains(required)) {
                violations.add(new Violation("body", "Required", "Must contain " + required));
            }
        }
        try {
            template.instance().data(data(kind.sampleParameters(), Map.of("joinUrl",
                    "https://meet.example/j/123", "passcode", "123456"))).render();
        } catch (RuntimeException e) {
            violations.add(new Violation("body", "Renders", "Does not render with this message's parameters: "
                    + firstLine(e)));
        }
        return violations;
    }

    private Optional<String> renderOverride(String schoolId, MessageKind kind, Part part, Map<String, Object> data,
            SchoolScope scope) {
        Optional<MessageTemplate> own = overrides.find(schoolId, kind, part, scope);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        MessageTemplate t = own.get();
        try {
            Template template = parsed.computeIfAbsent(t.schoolId() + "/" + kind + "/" + part + "/" + t.version(),
                    k -> engine.parse(t.body()));
            String rendered = template.instance().data(data).render();
            if (part == Part.LETTER && !rendered.replace("\r\n", "\n").startsWith(SUBJECT)) {
                throw new IllegalStateException("no subject line");
            }
            return Optional.of(rendered);
        } catch (RuntimeException e) {
            LOG.warnf("school %s: its own %s %s template failed (%s); the built-in one is used", schoolId, kind, part,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private Template builtIn(String name) {
        Template template = engine.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("no template " + name);
        }
        return template;
    }

    private Map<String, Object> data(Map<String, Object> parameters, Map<String, String> secrets) {
        Map<String, Object> data = new LinkedHashMap<>(parameters);
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
        return data;
    }

    private Map<String, Object> read(String parameters) {
        try {
            return json.readValue(parameters, PARAMETERS);
        } catch (IOException e) {
            throw new IllegalStateException("template parameters cannot be read");
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        message = end < 0 ? message : message.substring(0, end);
        return message.length() > 200 ? message.substring(0, 200) : message;
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
