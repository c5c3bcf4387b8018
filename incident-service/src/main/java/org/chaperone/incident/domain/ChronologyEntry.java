package org.chaperone.incident.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One entry of a concern's chronology (R15, KCSIE Annex C): who recorded what, when, and why. Entries are never
 * changed or removed (the database refuses it too); a correction is a new entry. Each carries the hash of the one
 * before it, see {@link ChainHash}. Made only through {@link Incident}, which keeps the chain's head.
 */
@Entity
@Immutable
@Table(name = "chronology_entry")
public class ChronologyEntry {

    @Id
    private UUID id;
    @Column(name = "incident_id", nullable = false)
    private UUID incidentId;
    @Column(name = "school_id", nullable = false)
    private String schoolId;
    @Column(nullable = false)
    private int seq;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EntryKind kind;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(nullable = false)
    private String details;
    @Column(name = "previous_hash", nullable = false)
    private String previousHash;
    @Column(nullable = false)
    private String hash;

    protected ChronologyEntry() {
    }

    ChronologyEntry(IncidentId incident, String schoolId, int seq, EntryKind kind, String recordedBy,
            Instant recordedAt, Instant occurredAt, Map<String, ?> details, String previousHash) {
        this.id = UUID.randomUUID();
        this.incidentId = incident.value();
        this.schoolId = schoolId;
        this.seq = seq;
        this.kind = kind;
        this.recordedBy = recordedBy;
        // PostgreSQL keeps microseconds: the hash must cover what is stored, not what was sent.
        this.recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        this.occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
        this.details = EntryDetails.write(details);
        this.previousHash = previousHash;
        this.hash = computeHash();
    }

    /** The hash this entry's content calls for, computed afresh from what is stored. */
    public String computeHash() {
        return ChainHash.of(previousHash, id, incidentId, schoolId, seq, kind, recordedBy, recordedAt, occurredAt,
                details);
    }

    public UUID id() {
        return id;
    }

    public int seq() {
        return seq;
    }

    public EntryKind kind() {
        return kind;
    }

    public String hash() {
        return hash;
    }

    public String previousHash() {
        return previousHash;
    }

    public Map<String, Object> details() {
        return EntryDetails.read(details);
    }

    public EntryView view() {
        return new EntryView(id, new IncidentId(incidentId), seq, kind, recordedBy, recordedAt, occurredAt,
                details(), previousHash, hash);
    }

    /** A read-only view of an entry. */
    public record EntryView(UUID id, IncidentId incidentId, int seq, EntryKind kind, String recordedBy,
            Instant recordedAt, Instant occurredAt, Map<String, Object> details, String previousHash, String hash) {
    }
}
