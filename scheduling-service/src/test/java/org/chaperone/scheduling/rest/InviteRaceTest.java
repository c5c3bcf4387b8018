package org.chaperone.scheduling.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.chaperone.events.EventTypes;
import org.chaperone.events.scheduling.InviteBlocked;
import org.chaperone.events.scheduling.InviteDispatched;
import org.chaperone.events.scheduling.InviteRevoked;
import org.chaperone.testkit.PublishedEvents;
import org.chaperone.testkit.PublishedEvents.Received;
import org.junit.jupiter.api.Test;

/**
 * Withdrawals and re-grants race with dispatches, in a random order from a printed seed. Over the events that
 * result: no pupil ends with an invite without consent, and no pupil with consent ends without one.
 */
@QuarkusTest
class InviteRaceTest {

    static final SchedulingFixture SCHOOL = new SchedulingFixture("race-school");
    static final int PUPILS = 12;
    static final int SESSIONS = 4;
    static final int CHANGES = 24;

    @Inject
    EntityManager entityManager;

    @Test
    void aPupilNeverKeepsAnInviteWithoutConsent() throws Exception {
        long seed = Long.getLong("chaperone.race.seed", System.nanoTime());
        System.out.println("InviteRaceTest seed " + seed + " (rerun with -Dchaperone.race.seed=" + seed + ")");
        Random random = new Random(seed);
        SCHOOL.setUp();

        List<UUID> pupils = new ArrayList<>();
        Map<UUID, UUID> guardianOf = new HashMap<>();
        Map<UUID, UUID> grantOf = new HashMap<>();
        Map<UUID, Boolean> consenting = new HashMap<>();
        Map<UUID, Instant> clock = new HashMap<>();
        List<String> eventIds = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < PUPILS; i++) {
            UUID pupil = UUID.randomUUID();
            UUID guardian = UUID.randomUUID();
            pupils.add(pupil);
            guardianOf.put(pupil, guardian);
            Instant at = Instant.now().minusSeconds(3600);
            UUID grant = UUID.randomUUID();
            String eventId = UUID.randomUUID().toString();
            SCHOOL.grantAt(pupil, guardian, grant, at, eventId);
            eventIds.add(eventId);
            grantOf.put(pupil, grant);
            consenting.put(pupil, true);
            clock.put(pupil, at);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> lines(pupils) == PUPILS);

        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            List<UUID> shuffled = new ArrayList<>(pupils);
            Collections.shuffle(shuffled, random);
            sessions.add(SCHOOL.schedule("GROUP", shuffled.subList(0, 6), false));
        }

        // Decide the consent changes up front (seeded), then race them against the dispatches.
        List<UUID> changed = new ArrayList<>();
        for (int c = 0; c < CHANGES; c++) {
            changed.add(pupils.get(random.nextInt(PUPILS)));
        }
        List<Integer> pauses = new ArrayList<>();
        for (int c = 0; c < CHANGES + SESSIONS; c++) {
            pauses.add(random.nextInt(40));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> dispatches = pool.submit(() -> {
            for (int s = 0; s < SESSIONS; s++) {
                pause(pauses.get(CHANGES + s));
                SCHOOL.as(SCHOOL.teacher()).post("/api/v1/sessions/{id}/invites", sessions.get(s))
                        .then().statusCode(200);
            }
            return null;
        });
        Future<?> changes = pool.submit(() -> {
            for (int c = 0; c < CHANGES; c++) {
                pause(pauses.get(c));
                UUID pupil = changed.get(c);
                Instant at = clock.get(pupil).plusSeconds(1);
                clock.put(pupil, at);
                if (consenting.get(pupil)) {
                    eventIds.add(SCHOOL.withdraw(pupil, guardianOf.get(pupil), grantOf.get(pupil), at));
                    consenting.put(pupil, false);
                } else {
                    UUID grant = UUID.randomUUID();
                    String eventId = UUID.randomUUID().toString();
                    SCHOOL.grantAt(pupil, guardianOf.get(pupil), grant, at, eventId);
                    eventIds.add(eventId);
                    grantOf.put(pupil, grant);
                    consenting.put(pupil, true);
                }
            }
            return null;
        });
        dispatches.get(60, TimeUnit.SECONDS);
        changes.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> inboxed(eventIds) == eventIds.size());

        Set<String> ours = Set.copyOf(sessions);
        try (PublishedEvents events = PublishedEvents.on(EventTypes.SCHEDULING_TOPIC)) {
            // Let the relay publish what the last consent changes caused, then replay each session's invites.
            List<Received> received = events.readFor(Duration.ofSeconds(6));
            Map<String, String> finalState = new HashMap<>();
            int dispatched = 0;
            int revoked = 0;
            for (Received r : received) {
                if (!ours.contains(r.key())) {
                    continue;
                }
                Object data = r.event().data();
                if (data instanceof InviteDispatched d) {
                    finalState.put(r.key() + "/" + d.pupilId(), "DISPATCHED");
                    dispatched++;
                } else if (data instanceof InviteRevoked v) {
                    finalState.put(r.key() + "/" + v.pupilId(), "REVOKED");
                    revoked++;
                } else if (data instanceof InviteBlocked b) {
                    finalState.put(r.key() + "/" + b.pupilId(), "BLOCKED");
                }
            }
            System.out.printf("InviteRaceTest: %d invites dispatched, %d revoked, %d (session, pupil) pairs%n",
                    dispatched, revoked, finalState.size());
            assertThat(finalState).hasSize(SESSIONS * 6);
            finalState.forEach((pair, state) -> {
                UUID pupil = UUID.fromString(pair.substring(pair.indexOf('/') + 1));
                if (consenting.get(pupil)) {
                    assertThat(state).as("%s has consent, so an invite", pair).isEqualTo("DISPATCHED");
                } else {
                    assertThat(state).as("%s has no consent, so no invite", pair).isNotEqualTo("DISPATCHED");
                }
            });
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Transactional
    long lines(List<UUID> pupils) {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from consent_line where pupil_id in (:p)").setParameter("p", pupils)
                .getSingleResult()).longValue();
    }

    @Transactional
    long inboxed(List<String> eventIds) {
        return ((Number) entityManager.createNativeQuery("select count(*) from inbox_event "
                + "where consumer = 'scheduling.consent-projection' and event_id in (:ids)")
                .setParameter("ids", List.copyOf(eventIds)).getSingleResult()).longValue();
    }
}
