package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import org.chaperone.local.DemoTrust.Decision;
import org.chaperone.local.DemoTrust.RecordedBy;
import org.chaperone.local.DemoTrust.School;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void officeEvidenceHasEveryFieldConsentServiceRequiresAndIsNotFromTheFuture() throws Exception {
        DemoData demo = new DemoData(URI.create("http://localhost:8081"),
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate(), NOW);
        DemoTrust trust = DemoTrust.load();
        for (School school : trust.schools()) {
            for (Decision decision : school.decisions()) {
                if (decision.recordedBy() != RecordedBy.OFFICE) {
                    continue;
                }
                Map<String, Object> evidence = demo.evidence(school, decision);
                assertThat(evidence).containsOnlyKeys("channel", "reference", "receivedAt", "text");
                assertThat(evidence.get("channel")).isEqualTo(decision.channel());
                Instant received = Instant.parse((String) evidence.get("receivedAt"));
                assertThat(received).isBefore(NOW).isEqualTo(NOW.minusSeconds(86_400L * decision.receivedDaysAgo()));
                assertThat((String) evidence.get("reference")).isNotBlank().hasSizeLessThanOrEqualTo(500);
                String pupil = school.pupil(decision.pupil()).orElseThrow().givenName();
                assertThat((String) evidence.get("text")).contains(pupil)
                        .contains(school.guardian(decision.guardian()).orElseThrow().familyName());
                if (decision.channel().equals("EMAIL")) {
                    assertThat((String) evidence.get("reference")).matches("<[^<>@]+@[^<>@]+>");
                }
            }
        }
    }
}
