package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.chaperone.notification.domain.MessageKind;
import org.chaperone.notification.domain.MessageTemplate;
import org.chaperone.notification.domain.MessageTemplate.Part;
import org.chaperone.notification.repository.MessageTemplateRepository;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;

/** A school's own wording of its messages, checked before it is saved; deleting one restores the built-in one. */
@ApplicationScoped
public class TemplateService {

    @Inject
    MessageTemplateRepository templates;
    @Inject
    MessageTemplates renderer;
    @Inject
    Caller caller;

    /** A template as a school sees it: its own, or the built-in one. */
    public record TemplateDetails(String schoolId, MessageKind kind, Part part, String body, boolean ownWording,
            String updatedBy, Instant updatedAt) {
    }

    @Transactional
    public List<TemplateDetails> list(String schoolId) {
        caller.requireSchool(schoolId, "template");
        return templates.forSchool(schoolId, caller.scope()).stream().map(TemplateService::details).toList();
    }

    @Transactional
    public TemplateDetails get(String schoolId, MessageKind kind, Part part) {
        caller.requireSchool(schoolId, "template");
        return templates.find(schoolId, kind, part, caller.scope()).map(TemplateService::details)
                .orElseGet(() -> builtIn(schoolId, kind, part));
    }

    @Transactional
    public TemplateDetails put(String schoolId, MessageKind kind, Part part, String body) {
        caller.requireSchool(schoolId, "template");
        List<Violation> violations = renderer.check(kind, part, body);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        MessageTemplate template = templates.find(schoolId, kind, part, caller.scope()).orElse(null);
        if (template == null) {
            template = new MessageTemplate(schoolId, kind, part);
            template.replace(body, caller.subject(), Instant.now());
            templates.persist(template);
        } else {
            template.replace(body, caller.subject(), Instant.now());
        }
        templates.flush();
        return details(template);
    }

    @Transactional
    public void delete(String schoolId, MessageKind kind, Part part) {
        caller.requireSchool(schoolId, "template");
        MessageTemplate template = templates.find(schoolId, kind, part, caller.scope())
                .orElseThrow(() -> new RecordNotFoundException("template"));
        templates.remove(template);
    }

    private TemplateDetails builtIn(String schoolId, MessageKind kind, Part part) {
        String name = "templates/" + (part == Part.LETTER ? "mail/" : "short/") + kind.template() + ".txt";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            // No short text of its own: SMS and push say the letter's subject (body null).
            String body = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new TemplateDetails(schoolId, kind, part, body, false, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TemplateDetails details(MessageTemplate t) {
        return new TemplateDetails(t.schoolId(), t.kind(), t.part(), t.body(), true, t.updatedBy(), t.updatedAt());
    }
}
