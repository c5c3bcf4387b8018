package org.chaperone.scheduling.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.scheduling.JdbcRoundTrips;
import org.chaperone.scheduling.JdbcRoundTrips.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, item 9: dispatching a class of 30 must not make 30 round trips of any kind. The database round trips
 * of a use case (statements, JDBC batches, the commit; counted by {@link JdbcRoundTrips}) are the same for a
 * class of 3 as for a class of 30, so they cannot grow with the class.
 */
@QuarkusTest
class ClassSizeRoundTripsTest {

    static final SchedulingFixture SCHOOL = new SchedulingFixture("birch-round-trips");
    /** What a use case on a class may cost at most, whatever its size: a handful of reads, the writes, the commit. */
    static final int AT_MOST = 15;

    @Inject
    EntityManager entityManager;

    @Test
    void dispatchingAndCancellingAClassOf30TakeNoMoreRoundTripsThanAClassOf3() {
        SCHOOL.setUp();
        List<UUID> small = classWithConsentMix(3);
        List<UUID> large = classWithConsentMix(30);
        String smallSession = SCHOOL.schedule("GROUP", small, false);
        String largeSession = SCHOOL.schedule("GROUP", large, false);

        Transaction dispatchSmall = dispatch(smallSession, 3);
        Transaction dispatchLarge = dispatch(largeSession, 30);
        System.out.println("Dispatching a class of 30: " + dispatchLarge);
        assertThat(dispatchLarge.roundTrips())
                .as("dispatching a class of 30 (%s)%nagainst a class of 3 (%s)", dispatchLarge, dispatchSmall)
                .isEqualTo(dispatchSmall.roundTrips())
                .isLessThanOrEqualTo(AT_MOST);

        Transaction cancelSmall = cancel(smallSession);
        Transaction cancelLarge = cancel(largeSession);
        System.out.println("Cancelling a class of 30: " + cancelLarge);
        assertThat(cancelLarge.roundTrips())
                .as("cancelling a class of 30 (%s)%nagainst a class of 3 (%s)", cancelLarge, cancelSmall)
                .isEqualTo(cancelSmall.roundTrips())
                .isLessThanOrEqualTo(AT_MOST);
    }

    /** Most pupils with consent (some with two guardians), one refused, one with no answer: both outcomes. */
    private List<UUID> classWithConsentMix(int size) {
        List<UUID> pupils = new ArrayList<>();
        List<UUID> answered = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            UUID pupil = UUID.randomUUID();
            pupils.add(pupil);
            if (i == 1) {
                SCHOOL.refuse(pupil, UUID.randomUUID());
                answered.add(pupil);
            } else if (i != 2) {
                SCHOOL.grant(pupil, UUID.randomUUID(), ConsentPurpose.LIVE_VIDEO);
                if (i % 4 == 0) {
                    SCHOOL.grant(pupil, UUID.randomUUID(), ConsentPurpose.LIVE_VIDEO);
                }
                answered.add(pupil);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pupilsWithLines(answered) == answered.size());
        return pupils;
    }

    /** The one transaction that dispatched the session (it locks the pupils; a consent consumer also inboxes). */
    private Transaction dispatch(String session, int pupils) {
        int mark = JdbcRoundTrips.mark();
        var report = SCHOOL.as(SCHOOL.teacher()).post("/api/v1/sessions/{id}/invites", session).then()
                .statusCode(200).extract().jsonPath();
        assertThat(report.getList("invited").size() + report.getList("blocked").size()).isEqualTo(pupils);
        assertThat(report.getList("blocked")).hasSize(2);
        return theOne(mark, t -> t.mentions("pg_advisory_xact_lock") && !t.mentions("inbox_event"), "dispatch");
    }

    private Transaction cancel(String session) {
        int mark = JdbcRoundTrips.mark();
        SCHOOL.as(SCHOOL.teacher()).post("/api/v1/sessions/{id}/cancellation", session).then().statusCode(200)
                .body("participants.findAll { it.inviteState == 'REVOKED' }", hasSize(greaterThan(0)));
        return theOne(mark, t -> t.mentions("outbox_event") && t.mentions("session_participant")
                && !t.mentions("inbox_event") && !t.mentions("outbox_relay"), "cancel");
    }

    private static Transaction theOne(int mark, Predicate<Transaction> match, String what) {
        List<Transaction> found = JdbcRoundTrips.since(mark, match);
        assertThat(found).as("the %s transaction", what).hasSize(1);
        return found.get(0);
    }

    @Transactional
    long pupilsWithLines(List<UUID> pupils) {
        return ((Number) entityManager.createNativeQuery(
                        "select count(distinct pupil_id) from consent_line where pupil_id in (:p)")
                .setParameter("p", pupils).getSingleResult()).longValue();
    }
}
