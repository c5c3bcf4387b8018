package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.chaperone.local.SchedulingDemoData.SessionOutcome;
import org.junit.jupiter.api.Test;

class SchedulingDemoDataTest {

    @Test
    void theSummaryCountsInvitesAndBlockedPupilsByReason() {
        SessionOutcome linden = new SessionOutcome("linden-primary", "Year 4 Rowan", "Year 4 Rowan maths",
                UUID.randomUUID(), 4, List.of("NO_LIVE_VIDEO_CONSENT", "LIVE_VIDEO_CONSENT_REFUSED"));
        assertThat(linden.summary()).isEqualTo(
                "linden-primary: Year 4 Rowan maths, 4 invited, 2 blocked (1 consent refused, 1 no consent)");
        SessionOutcome ashLea = new SessionOutcome("ash-lea", "Year 3 Kestrel", "Year 3 Kestrel story time",
                UUID.randomUUID(), 6, List.of());
        assertThat(ashLea.summary()).isEqualTo("ash-lea: Year 3 Kestrel story time, 6 invited, 0 blocked");
        SessionOutcome twice = new SessionOutcome("a", "c", "t", UUID.randomUUID(), 0,
                List.of("NO_LIVE_VIDEO_CONSENT", "SOMETHING_NEW", "NO_LIVE_VIDEO_CONSENT"));
        assertThat(twice.summary()).isEqualTo("a: t, 0 invited, 3 blocked (2 no consent, 1 something new)");
    }

    @Test
    void theWaitForTheProjectionEndsAsSoonAsEveryDecisionIsThere() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        SchedulingDemoData loader = loader(() -> polls.incrementAndGet() < 3 ? 10 : 36);
        assertThat(loader.awaitProjection(36)).startsWith("consent projection caught up: 36 of 36 decisions");
        assertThat(polls).hasValue(3);
    }

    @Test
    void anUnreadableProjectionCostsAFixedBoundedPause() throws Exception {
        SchedulingDemoData loader = loader(() -> {
            throw new SQLException("no such table");
        });
        long start = System.nanoTime();
        assertThat(loader.awaitProjection(36)).contains("not readable").contains("fixed 5 s");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(4_900L, 8_000L);
    }

    private static SchedulingDemoData loader(SchedulingDemoData.ProjectionProgress progress) throws Exception {
        return new SchedulingDemoData(URI.create("http://localhost:8082"),
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate(), Instant.now(), progress);
    }
}
