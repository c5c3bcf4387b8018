package org.chaperone.incident.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The SHA-256 hash chain of a chronology (R15). Each entry's hash covers its canonical form, which includes the
 * previous entry's hash; the first entry follows {@link #GENESIS}. The canonical form writes every field as
 * {@code <length>:<value>;} (UTF-8 byte length), so no field's content can be mistaken for another field.
 */
public final class ChainHash {

    /** What the first entry of every chronology follows. */
    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "chaperone-chronology-v1";

    private ChainHash() {
    }

    public static String of(String previousHash, UUID entryId, UUID incidentId, String schoolId, int seq,
            EntryKind kind, String recordedBy, Instant recordedAt, Instant occurredAt, String details) {
        StringBuilder canonical = new StringBuilder();
        field(canonical, VERSION);
        field(canonical, previousHash);
        field(canonical, entryId.toString());
        field(canonical, incidentId.toString());
        field(canonical, schoolId);
        field(canonical, Integer.toString(seq));
        field(canonical, kind.name());
        field(canonical, recordedBy);
        field(canonical, recordedAt.toString());
        field(canonical, occurredAt == null ? "" : occurredAt.toString());
        field(canonical, details);
        return sha256(canonical.toString());
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append(';');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
