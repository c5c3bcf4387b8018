package org.chaperone.scheduling.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.chaperone.events.CloudEvent;
import org.chaperone.events.consent.ConsentExpired;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentRefused;
import org.chaperone.events.consent.ConsentRequested;
import org.chaperone.events.consent.ConsentWithdrawn;
import org.chaperone.scheduling.domain.ConsentLine;
import org.chaperone.scheduling.repository.ConsentLineRepository;

/**
 * Keeps scheduling-service's view of consent from consent-service's events, and reacts to changes: a consent
 * withdrawn or expired after dispatch revokes the invite; one granted after dispatch sends it.
 *
 * <p>Correct under redelivery (the inbox drops repeats) and under reordering: each guardian's line keeps the
 * decision with the latest decision time (then the highest consent id), compared inside the upsert, so an
 * older decision that arrives late changes nothing.
 */
@ApplicationScoped
public class ConsentProjection {

    @Inject
    ConsentLineRepository lines;
    @Inject
    InviteService invites;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(CloudEvent<?> event) {
        Object data = event.data();
        if (data instanceof ConsentRequested requested) {
            lines.rememberPupil(requested.pupilId(), requested.schoolId());
            return;
        }
        ConsentLine line;
        String school;
        if (data instanceof ConsentGranted g) {
            line = line(g.pupilId(), g.purpose().name(), g.guardianId(), g.scope().name(), g.sessionId(), "GRANTED",
                    g.consentId(), g.decidedAt(), g.expiresAt());
            school = g.schoolId();
        } else if (data instanceof ConsentRefused r) {
            line = line(r.pupilId(), r.purpose().name(), r.guardianId(), r.scope().name(), r.sessionId(), "REFUSED",
                    r.consentId(), r.decidedAt(), null);
            school = r.schoolId();
        } else if (data instanceof ConsentWithdrawn w) {
            line = line(w.pupilId(), w.purpose().name(), w.guardianId(), w.scope().name(), w.sessionId(), "WITHDRAWN",
                    w.consentId(), w.withdrawnAt(), null);
            school = w.schoolId();
        } else if (data instanceof ConsentExpired x) {
            line = line(x.pupilId(), x.purpose().name(), x.guardianId(), x.scope().name(), x.sessionId(), "EXPIRED",
                    x.consentId(), x.expiredAt(), null);
            school = x.schoolId();
        } else {
            return;
        }
        lines.lockPupils(java.util.List.of(line.pupilId()));
        lines.rememberPupil(line.pupilId(), school);
        if (lines.record(line, school)) {
            invites.consentChanged(line.pupilId(), Instant.now());
        }
    }

    private static ConsentLine line(UUID pupil, String purpose, UUID guardian, String scope, UUID session,
            String decision, UUID consent, Instant decidedAt, Instant expiresAt) {
        return new ConsentLine(pupil, purpose, guardian, scope, session, decision, consent, decidedAt, expiresAt);
    }
}
