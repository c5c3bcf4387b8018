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
import org.chaperone.notification.domain.DeliveryStatus;
import org.chaperone.runtime.security.SchoolScope;

/** Deliveries, always read within a school scope. */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    /**
     * Inserts the delivery unless one for the same event, recipient and channel exists; returns whether it did.
     * {@code on conflict do nothing} rather than a caught constraint violation, which would mark the consumer's
     * transaction for rollback and stop its channel.
     */
    public boolean insertIfAbsent(Delivery d) {
        return getEntityManager().createNativeQuery("""
                insert into delivery (id, school_id, event_id, event_type, message_kind, subject_id, recipient_type,
                    recipient_id, channel, status, attempts, next_attempt_at, last_error, parameters, sealed_secrets,
                    created_at, updated_at, priority)
                values (:id, :school, :event, :type, :kind, :subject, :recipientType, :recipientId, :channel, :status,
                    0, :next, :error, :parameters, :secrets, :created, :created, :priority)
                on conflict (event_id, recipient_type, recipient_id, channel) do nothing
                """)
                .setParameter("id", d.id()).setParameter("school", d.schoolId())
                .setParameter("event", d.eventId()).setParameter("type", d.eventType())
                .setParameter("kind", d.kind().name()).setParameter("subject", d.subjectId())
                .setParameter("recipientType", d.recipient().type().name())
                .setParameter("recipientId", d.recipient().id())
                .setParameter("channel", d.channel().name()).setParameter("status", d.status().name())
                .setParameter("next", d.nextAttemptAt()).setParameter("error", d.lastError())
                .setParameter("parameters", d.parameters()).setParameter("secrets", d.sealedSecrets())
                .setParameter("created", d.createdAt()).setParameter("priority", d.priority())
                .executeUpdate() == 1;
    }

    /**
     * Up to {@code limit} pending deliveries due by {@code now}, safeguarding messages first, locked
     * {@code FOR UPDATE SKIP LOCKED}: two senders (two replicas) never take the same row.
     */
    @SuppressWarnings("unchecked")
    public List<Delivery> lockDue(Instant now, int limit, SchoolScope scope) {
        return getEntityManager().createNativeQuery("""
                select * from delivery
                where status = 'PENDING' and next_attempt_at <= :now and %s
                order by priority, next_attempt_at
                limit :limit
                for update skip locked
                """.formatted(IN_SCOPE_SQL), Delivery.class)
                .setParameter("now", now).setParameter("limit", limit)
                .setParameter("all", scope.allSchools()).setParameter("schools", scope.schoolsForQuery())
                .getResultList();
    }

    public List<Delivery> findByIds(List<UUID> ids, SchoolScope scope) {
        return ids.isEmpty() ? List.of() : list("id in :ids and " + IN_SCOPE, scoped(scope).and("ids", ids));
    }

    /** A school's deliveries, newest first, optionally of one event and one status. */
    public List<Delivery> forSchool(String schoolId, String eventId, DeliveryStatus status, int limit,
            SchoolScope scope) {
        StringBuilder query = new StringBuilder("schoolId = :school and " + IN_SCOPE);
        Parameters parameters = scoped(scope).and("school", schoolId);
        if (eventId != null) {
            query.append(" and eventId = :event");
            parameters.and("event", eventId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        return find(query + " order by createdAt desc, id", parameters).page(0, limit).list();
    }

    /** Whether any delivery of a message is pending or sent: someone has it, or will. */
    public boolean anyLive(String eventId, SchoolScope scope) {
        return count("eventId = :event and status in :live and " + IN_SCOPE, scoped(scope).and("event", eventId)
                .and("live", List.of(DeliveryStatus.PENDING, DeliveryStatus.SENT))) > 0;
    }
}
