package org.chaperone.notification.repository;

import static org.chaperone.notification.repository.Scopes.IN_SCOPE;
import static org.chaperone.notification.repository.Scopes.IN_SCOPE_SQL;
import static org.chaperone.notification.repository.Scopes.scoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.notification.domain.Delivery;
import org.chaperone.notification.domain.StatusCallback;
import org.chaperone.notification.domain.StatusCallback.CallbackState;
import org.chaperone.notification.domain.StatusChange;
import org.chaperone.runtime.security.SchoolScope;

/** The status callbacks' outbox, always read within a school scope. */
@ApplicationScoped
public class StatusCallbackRepository implements PanacheRepositoryBase<StatusCallback, UUID> {

    /**
     * Queues a callback for each change whose school has a status webhook, in one statement whatever the number of
     * changes (the join with {@code status_webhook} picks the schools, so a school without one costs nothing more);
     * returns how many were queued. Runs in the caller's transaction: the callbacks commit with the status changes.
     */
    public int enqueue(List<StatusChange> changes, Instant now) {
        if (changes.isEmpty()) {
            return 0;
        }
        int n = changes.size();
        String[] ids = new String[n];
        String[] schools = new String[n];
        String[] deliveries = new String[n];
        String[] events = new String[n];
        String[] kinds = new String[n];
        String[] subjects = new String[n];
        String[] channels = new String[n];
        String[] recipientTypes = new String[n];
        String[] recipientIds = new String[n];
        String[] statuses = new String[n];
        String[] failures = new String[n];
        String[] attempts = new String[n];
        String[] nextAttempts = new String[n];
        String[] occurred = new String[n];
        for (int i = 0; i < n; i++) {
            StatusChange change = changes.get(i);
            Delivery d = change.delivery();
            ids[i] = UUID.randomUUID().toString();
            schools[i] = d.schoolId();
            deliveries[i] = d.id().toString();
            events[i] = d.eventId();
            kinds[i] = d.kind().name();
            subjects[i] = d.subjectId();
            channels[i] = d.channel().name();
            recipientTypes[i] = d.recipient().type().name();
            recipientIds[i] = d.recipient().id();
            statuses[i] = change.status().name();
            failures[i] = change.failure() == null ? null : change.failure().name();
            attempts[i] = Integer.toString(d.attempts());
            nextAttempts[i] = change.status() == StatusChange.ReportedStatus.RETRY_SCHEDULED && d.nextAttemptAt() != null
                    ? d.nextAttemptAt().toString() : null;
            occurred[i] = change.at().toString();
        }
        return getEntityManager().createNativeQuery("""
                insert into status_callback (id, school_id, delivery_id, event_id, message_kind, subject_id, channel,
                    recipient_type, recipient_id, delivery_status, failure, delivery_attempts, delivery_next_attempt,
                    occurred_at, status, attempts, next_attempt_at, created_at, updated_at)
                select cast(c.id as uuid), c.school_id, cast(c.delivery_id as uuid), c.event_id, c.kind, c.subject_id,
                       c.channel, c.recipient_type, c.recipient_id, c.status, c.failure, cast(c.attempts as integer),
                       cast(c.next_attempt as timestamptz), cast(c.occurred_at as timestamptz), 'PENDING', 0,
                       :now, :now, :now
                from unnest(cast(:ids as text[]), cast(:schools as text[]), cast(:deliveries as text[]),
                            cast(:events as text[]), cast(:kinds as text[]), cast(:subjects as text[]),
                            cast(:channels as text[]), cast(:recipientTypes as text[]), cast(:recipientIds as text[]),
                            cast(:statuses as text[]), cast(:failures as text[]), cast(:attempts as text[]),
                            cast(:nextAttempts as text[]), cast(:occurred as text[]))
                     with ordinality as c(id, school_id, delivery_id, event_id, kind, subject_id, channel,
                                          recipient_type, recipient_id, status, failure, attempts, next_attempt,
                                          occurred_at, n)
                join status_webhook w on w.school_id = c.school_id
                order by c.n
                """)
                .setParameter("ids", ids).setParameter("schools", schools).setParameter("deliveries", deliveries)
                .setParameter("events", events).setParameter("kinds", kinds).setParameter("subjects", subjects)
                .setParameter("channels", channels).setParameter("recipientTypes", recipientTypes)
                .setParameter("recipientIds", recipientIds).setParameter("statuses", statuses)
                .setParameter("failures", failures).setParameter("attempts", attempts)
                .setParameter("nextAttempts", nextAttempts).setParameter("occurred", occurred)
                .setParameter("now", now)
                .executeUpdate();
    }

    /**
     * Up to {@code limit} pending callbacks due by {@code now}, oldest first, locked {@code FOR UPDATE SKIP LOCKED}:
     * two senders (two replicas) never take the same row.
     */
    @SuppressWarnings("unchecked")
    public List<StatusCallback> lockDue(Instant now, int limit, SchoolScope scope) {
        return getEntityManager().createNativeQuery("""
                select * from status_callback
                where status = 'PENDING' and next_attempt_at <= :now and %s
                order by next_attempt_at, created_at
                limit :limit
                for update skip locked
                """.formatted(IN_SCOPE_SQL), StatusCallback.class)
                .setParameter("now", now).setParameter("limit", limit)
                .setParameter("all", scope.allSchools()).setParameter("schools", scope.schoolsForQuery())
                .getResultList();
    }

    public List<StatusCallback> findByIds(List<UUID> ids, SchoolScope scope) {
        return ids.isEmpty() ? List.of() : list("id in :ids and " + IN_SCOPE, scoped(scope).and("ids", ids));
    }

    /** A school's callbacks, newest first, optionally in one state. */
    public List<StatusCallback> forSchool(String schoolId, CallbackState status, int limit, SchoolScope scope) {
        StringBuilder query = new StringBuilder("schoolId = :school and " + IN_SCOPE);
        Parameters parameters = scoped(scope).and("school", schoolId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query + " order by createdAt desc, id", parameters).page(0, limit).list();
    }

    /** Drops one callback nobody can receive any more. */
    public void drop(UUID id, SchoolScope scope) {
        delete("id = :id and " + IN_SCOPE, scoped(scope).and("id", id));
    }

    /** Drops a school's callbacks still waiting: its webhook is gone, so there is nowhere to post them. */
    public long dropPending(String schoolId, SchoolScope scope) {
        return delete("schoolId = :school and status = :pending and " + IN_SCOPE,
                scoped(scope).and("school", schoolId).and("pending", CallbackState.PENDING));
    }
}
