package org.chaperone.scheduling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** One version of a school's policy, kept for ever: a session names the version it was checked against. */
@Entity
@Immutable
@Table(name = "school_policy")
@IdClass(PolicyVersion.Key.class)
public class PolicyVersion {

    @Id
    @Column(name = "school_id")
    private String schoolId;
    @Id
    private int version;
    /** The policy as JSON, written and read by the service. */
    @Column(nullable = false)
    private String settings;
    @Column(name = "changed_by", nullable = false)
    private String changedBy;
    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected PolicyVersion() {
    }

    public PolicyVersion(String schoolId, int version, String settings, String changedBy, Instant changedAt) {
        this.schoolId = schoolId;
        this.version = version;
        this.settings = settings;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String schoolId() {
        return schoolId;
    }

    public int version() {
        return version;
    }

    public String settings() {
        return settings;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }

    /** Composite key: school and version. */
    public static class Key implements Serializable {
        private String schoolId;
        private int version;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.schoolId, schoolId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(schoolId, version);
        }
    }
}
