package org.chaperone.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chronology's hash chain, built and verified without a database. */
class ChainVerificationTest {

    static final Instant T = Instant.parse("2026-09-15T13:12:31.123456789Z");

    final Incident.Raised raised = Incident.raise("linden-primary", new Incident.Concern(Category.DISCLOSURE,
            "what the pupil said", T.minusSeconds(600), List.of(UUID.randomUUID()), null, true, null, null),
            "staff-0042", T);
    final Incident incident = raised.incident();
    final List<ChronologyEntry> entries = new ArrayList<>(List.of(raised.entry()));

    Incident.Raised chain() {
        incident.acknowledge("dsl-1", T.plusSeconds(60)).ifPresent(entries::add);
        entries.add(incident.assessRisk(Severity.HIGH, "rationale", "dsl-1", T.plusSeconds(120)));
        entries.add(incident.recordAction(ConcernAction.POLICE_CONTACTED, T.plusSeconds(130), "999 call", "dsl-1",
                T.plusSeconds(140)));
        entries.add(incident.close(Outcome.REFERRED_TO_POLICE, "police attended", "dsl-1", T.plusSeconds(600)));
        entries.add(incident.reopen("new information", "dsl-1", T.plusSeconds(900)));
        return raised;
    }

    @Test
    void anUntouchedChainVerifies() {
        chain();
        ChainVerification result = ChainVerification.of(incident.id(), entries, incident.lastEntrySeq(),
                incident.lastEntryHash());
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(6);
        assertThat(entries.get(0).previousHash()).isEqualTo(ChainHash.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).previousHash()).isEqualTo(entries.get(i - 1).hash());
            assertThat(entries.get(i).seq()).isEqualTo(i + 1);
        }
    }

    @Test
    void anImmediateRiskStartsCritical() {
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(Category.PUPIL_BEHAVIOUR.initialSeverity(false)).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void aMissingEntryInTheMiddleIsASequenceGap() {
        chain();
        ChronologyEntry removed = entries.remove(2);
        ChainVerification result = ChainVerification.of(incident.id(), entries, incident.lastEntrySeq(),
                incident.lastEntryHash());
        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).isEqualTo(ChainVerification.Problem.SEQUENCE_GAP);
        assertThat(result.brokenAtSeq()).isEqualTo(removed.seq() + 1);
    }

    @Test
    void aMissingLastEntryIsAHeadMismatch() {
        chain();
        entries.remove(entries.size() - 1);
        ChainVerification result = ChainVerification.of(incident.id(), entries, incident.lastEntrySeq(),
                incident.lastEntryHash());
        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).isEqualTo(ChainVerification.Problem.HEAD_MISMATCH);
    }

    @Test
    void theHashCoversEveryFieldAndCannotBeShiftedBetweenThem() {
        UUID entry = UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        String base = ChainHash.of(ChainHash.GENESIS, entry, incidentId, "s", 1, EntryKind.RAISED, "ab", T, null, "c");
        assertThat(ChainHash.of(ChainHash.GENESIS, entry, incidentId, "s", 1, EntryKind.RAISED, "a", T, null, "bc"))
                .isNotEqualTo(base);
        assertThat(ChainHash.of(ChainHash.GENESIS, entry, incidentId, "s", 2, EntryKind.RAISED, "ab", T, null, "c"))
                .isNotEqualTo(base);
        assertThat(ChainHash.of(ChainHash.GENESIS, entry, incidentId, "s", 1, EntryKind.CLOSED, "ab", T, null, "c"))
                .isNotEqualTo(base);
        assertThat(ChainHash.of(ChainHash.GENESIS, entry, incidentId, "s", 1, EntryKind.RAISED, "ab", T, T, "c"))
                .isNotEqualTo(base);
        assertThat(ChainHash.of("1".repeat(64), entry, incidentId, "s", 1, EntryKind.RAISED, "ab", T, null, "c"))
                .isNotEqualTo(base);
        assertThat(base).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void aClosedConcernTakesNoEntriesButAReopening() {
        incident.close(Outcome.UNFOUNDED, "no basis", "dsl-1", T.plusSeconds(60));
        assertThatThrownBy(() -> incident.recordAction(ConcernAction.EARLY_HELP, T, "x", "dsl-1", T))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> incident.close(Outcome.UNFOUNDED, "again", "dsl-1", T))
                .isInstanceOf(IllegalStateException.class);
        assertThat(incident.reopen("new information", "dsl-1", T.plusSeconds(120)).kind())
                .isEqualTo(EntryKind.REOPENED);
    }

    @Test
    void acknowledgingTwiceAddsOneEntry() {
        assertThat(incident.acknowledge("dsl-1", T)).isPresent();
        assertThat(incident.acknowledge("dsl-2", T)).isEmpty();
        assertThat(incident.lastEntrySeq()).isEqualTo(2);
    }
}
