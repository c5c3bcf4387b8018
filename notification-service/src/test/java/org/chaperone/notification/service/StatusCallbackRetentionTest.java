package org.chaperone.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.chaperone.runtime.housekeeping.Housekeeping;
import org.chaperone.runtime.housekeeping.PrunableTable;
import org.junit.jupiter.api.Test;

/**
 * The platform's housekeeping prunes notification-service's status callbacks once they are final (SENT, DEAD) and
 * older than 30 days, against the real schema, and nothing of the service's own record.
 */
@QuarkusTest
class StatusCallbackRetentionTest {

    @Inject
    Housekeeping housekeeping;

    @Inject
    EntityManager entityManager;

    @Test
    void housekeepingPrunesOnlyThePlatformTablesAndTheStatusCallbackQueue() {
        assertThat(housekeeping.tables()).extracting(PrunableTable::table)
                .containsExactlyInAnyOrder("outbox_event", "inbox_event", "idempotency_record", "status_callback");
    }

    @Test
    void finalCallbacksOlderThan30DaysAreDeletedAndPendingOrYoungerOnesKept() {
        String school = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        UUID sentLongAgo = callback(school, "SENT", "31 days");
        UUID deadLongAgo = callback(school, "DEAD", "31 days");
        UUID pendingLongAgo = callback(school, "PENDING", "31 days");
        UUID sentRecently = callback(school, "SENT", "29 days");

        // The scheduled run may hold the lock at this moment: then run again until this call has run.
        AtomicReference<Housekeeping.Run> run = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            run.set(housekeeping.run());
            return run.get().ran();
        });

        assertThat(exists(sentLongAgo)).isFalse();
        assertThat(exists(deadLongAgo)).isFalse();
        assertThat(exists(pendingLongAgo)).as("a callback still to be sent is never deleted").isTrue();
        assertThat(exists(sentRecently)).isTrue();
        assertThat(run.get().deleted()).containsKey("status_callback");

        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from status_callback where school_id = :school")
                .setParameter("school", school).executeUpdate());
    }

    private UUID callback(String school, String status, String age) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into status_callback (id, school_id, delivery_id, event_id, message_kind, subject_id, channel,
                    recipient_type, recipient_id, delivery_status, delivery_attempts, occurred_at, status, attempts,
                    next_attempt_at, created_at, updated_at, sent_at)
                values (:id, :school, :delivery, :event, 'INCIDENT_ALERT', 'subject', 'EMAIL', 'STAFF', 'staff-1',
                    'SENT', 1, now() - cast(:age as interval), :status, 1,
                    case when :status = 'PENDING' then now() + interval '1 hour' end,
                    now() - cast(:age as interval), now() - cast(:age as interval),
                    case when :status = 'SENT' then now() - cast(:age as interval) end)
                """)
                .setParameter("id", id).setParameter("school", school).setParameter("delivery", UUID.randomUUID())
                .setParameter("event", UUID.randomUUID().toString()).setParameter("status", status)
                .setParameter("age", age)
                .executeUpdate());
        return id;
    }

    private boolean exists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from status_callback where id = :id")
                .setParameter("id", id).getSingleResult()).longValue() == 1);
    }
}
