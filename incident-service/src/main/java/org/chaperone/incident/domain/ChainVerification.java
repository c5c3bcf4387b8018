package org.chaperone.incident.domain;

import java.util.List;
import java.util.UUID;

/**
 * The result of checking a chronology's hash chain: valid, or the first entry that breaks it and how. Every entry's
 * hash must match its content, each must name the hash before it, the sequence must have no gaps, and the last
 * entry must be the head the concern recorded (so that an entry cut from the end shows too).
 */
public record ChainVerification(IncidentId incidentId, int entries, boolean valid, Integer brokenAtSeq,
        UUID brokenEntryId, Problem problem, String headHash) {

    public enum Problem {
        /** The entry's content no longer matches its hash: it was changed. */
        CONTENT_CHANGED,
        /** The entry does not follow the hash before it: an entry was changed, removed or inserted before it. */
        LINK_BROKEN,
        /** A sequence number is missing or repeated. */
        SEQUENCE_GAP,
        /** The chronology does not end where the concern says it does: entries were removed from its end. */
        HEAD_MISMATCH
    }

    /** Verifies {@code entries} (in sequence order) against the head the concern recorded. */
    public static ChainVerification of(IncidentId incident, List<ChronologyEntry> entries, int headSeq,
            String headHash) {
        String previous = ChainHash.GENESIS;
        int expectedSeq = 1;
        for (ChronologyEntry entry : entries) {
            if (entry.seq() != expectedSeq) {
                return broken(incident, entries.size(), entry, Problem.SEQUENCE_GAP, headHash);
            }
            if (!entry.computeHash().equals(entry.hash())) {
                return broken(incident, entries.size(), entry, Problem.CONTENT_CHANGED, headHash);
            }
            if (!entry.previousHash().equals(previous)) {
                return broken(incident, entries.size(), entry, Problem.LINK_BROKEN, headHash);
            }
            previous = entry.hash();
            expectedSeq++;
        }
        if (entries.size() != headSeq || !previous.equals(headHash)) {
            ChronologyEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            return new ChainVerification(incident, entries.size(), false, last == null ? null : last.seq(),
                    last == null ? null : last.id(), Problem.HEAD_MISMATCH, headHash);
        }
        return new ChainVerification(incident, entries.size(), true, null, null, null, headHash);
    }

    private static ChainVerification broken(IncidentId incident, int size, ChronologyEntry entry, Problem problem,
            String headHash) {
        return new ChainVerification(incident, size, false, entry.seq(), entry.id(), problem, headHash);
    }
}
