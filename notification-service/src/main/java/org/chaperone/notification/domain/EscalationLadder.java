package org.chaperone.notification.domain;

import java.util.List;

/**
 * The rungs an unacknowledged alert climbs (R17), one per window, round and round until someone acknowledges it.
 * A concern for the DSL team goes to the Headteacher, then the trust's safeguarding lead, then the Headteacher
 * again. A staff-conduct concern was sent to the Headteacher and the trust lead already (R14), so it reminds the
 * trust lead. The out-of-hours cover is not a rung: out of hours they are alerted first, with the first alert.
 */
public final class EscalationLadder {

    private static final List<EscalationRung> DSL_TEAM = List.of(EscalationRung.HEADTEACHER,
            EscalationRung.TRUST_SAFEGUARDING_LEAD);
    private static final List<EscalationRung> STAFF_CONDUCT = List.of(EscalationRung.TRUST_SAFEGUARDING_LEAD);

    private EscalationLadder() {
    }

    /** The rung of escalation step {@code step} (1 is the first escalation after the alert). */
    public static EscalationRung level(AlertRouting routing, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1");
        }
        List<EscalationRung> rungs = rungs(routing);
        return rungs.get((step - 1) % rungs.size());
    }

    /** How many steps make one round of the ladder. */
    public static int roundLength(AlertRouting routing) {
        return rungs(routing).size();
    }

    private static List<EscalationRung> rungs(AlertRouting routing) {
        return routing == AlertRouting.HEADTEACHER_AND_TRUST_LEAD ? STAFF_CONDUCT : DSL_TEAM;
    }
}
