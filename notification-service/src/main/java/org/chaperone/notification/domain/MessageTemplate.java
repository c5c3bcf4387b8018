package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A school's own wording of one part of a message, a Qute template used in place of the built-in one. */
@Entity
@Table(name = "message_template")
public class MessageTemplate {

    /** The letter (a {@code Subject:} line, a blank line, the plain text) or the short text of SMS and push. */
    public enum Part { LETTER, SHORT }

    @EmbeddedId
    private Key key;
    @Column(nullable = false)
    private String body;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected MessageTemplate() {
    }

    public MessageTemplate(String schoolId, MessageKind kind, Part part) {
        this.key = new Key(schoolId, kind, part);
    }

    public void replace(String body, String by, Instant now) {
        this.body = body;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public String schoolId() {
        return key.schoolId;
    }

    public MessageKind kind() {
        return key.kind;
    }

    public Part part() {
        return key.part;
    }

    public String body() {
        return body;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    /** School, kind and part. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "school_id")
        private String schoolId;
        @Enumerated(EnumType.STRING)
        @Column(name = "message_kind")
        private MessageKind kind;
        @Enumerated(EnumType.STRING)
        @Column(name = "part")
        private Part part;

        protected Key() {
        }

        public Key(String schoolId, MessageKind kind, Part part) {
            this.schoolId = schoolId;
            this.kind = kind;
            this.part = part;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.schoolId.equals(schoolId) && k.kind == kind && k.part == part;
        }

        @Override
        public int hashCode() {
            return Objects.hash(schoolId, kind, part);
        }
    }
}
