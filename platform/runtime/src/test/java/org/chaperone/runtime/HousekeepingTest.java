package org.chaperone.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.chaperone.runtime.housekeeping.Housekeeping;
import org.chaperone.runtime.housekeeping.Housekeeping.Outcome;
import org.chaperone.runtime.housekeeping.Housekeeping.Run;
import org.chaperone.testkit.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Housekeeping against the real PostgreSQL of the tests, run by hand (its schedule is off here), in batches of 50.
 * Windows are the defaults: outbox 7 days after publishing, inbox 30 days, Idempotency-Key 24 hours. Every DELETE
 * statement on the platform tables is recorded by a trigger of the test schema ({@code delete_statement}).
 */
@QuarkusTest
class HousekeepingTest {

    @Inject
    Housekeeping housekeeping;

    @Inject
    EntityManager entityManager;

    @Test
    void deletesRowsOlderThanTheirWindowAndKeepsYoungerOnesAndEveryUnpublishedEvent() throws Exception {
        String tag = shortId();
        // Hold the outbox relay's lock, as a replica that is draining would: the unpublished row stays unpublished.
        try (Connection relay = otherReplicaHolding("outbox_relay")) {
            UUID publishedEightDaysAgo = outbox("8 days", "8 days");
            UUID publishedSixDaysAgo = outbox("8 days", "6 days");
            UUID neverPublished = outbox("60 days", null);
            UUID createdLongAgoPublishedToday = outbox("60 days", "1 hour");
            inbox("hk-" + tag, "31 days", 1);
            inbox("hk-young-" + tag, "29 days", 1);
            idempotencyRecord("hk-" + tag, "25 hours");
            idempotencyRecord("hk-young-" + tag, "23 hours");

            Run run = housekeeping.run();

            assertThat(run.outcome()).isEqualTo(Outcome.DONE);
            assertThat(outboxExists(publishedEightDaysAgo)).isFalse();
            assertThat(outboxExists(publishedSixDaysAgo)).isTrue();
            assertThat(outboxExists(neverPublished)).as("an unpublished event is never deleted").isTrue();
            assertThat(outboxExists(createdLongAgoPublishedToday)).as("the age counts from publishing").isTrue();
            assertThat(count("select count(*) from inbox_event where consumer = 'hk-" + tag + "'")).isZero();
            assertThat(count("select count(*) from inbox_event where consumer = 'hk-young-" + tag + "'")).isOne();
            assertThat(count("select count(*) from idempotency_record where caller = 'hk-" + tag + "'")).isZero();
            assertThat(count("select count(*) from idempotency_record where caller = 'hk-young-" + tag + "'"))
                    .isOne();
            assertThat(run.deleted()).containsOnlyKeys("outbox_event", "inbox_event", "idempotency_record");
            assertThat(run.deleted().get("outbox_event")).isGreaterThanOrEqualTo(1);
            assertThat(run.deleted().get("inbox_event")).isGreaterThanOrEqualTo(1);
            assertThat(run.deleted().get("idempotency_record")).isGreaterThanOrEqualTo(1);

            // Tidy up while the relay is still held off, so that these made-up events are never published.
            execute("delete from outbox_event where topic = 'runtime.housekeeping.test'");
        }
    }

    @Test
    void deletesInBoundedBatchesEachInATransactionOfItsOwn() {
        String consumer = "hk-batch-" + shortId();
        inbox(consumer, "40 days", 120);
        long before = count("select coalesce(max(n), 0) from delete_statement");

        Run run = housekeeping.run();

        assertThat(run.outcome()).isEqualTo(Outcome.DONE);
        assertThat(count("select count(*) from inbox_event where consumer = '" + consumer + "'")).isZero();
        @SuppressWarnings("unchecked")
        List<Object[]> statements = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                select row_count, txid from delete_statement
                where n > :before and table_name = 'inbox_event' order by n
                """).setParameter("before", before).getResultList());
        assertThat(statements).extracting(row -> ((Number) row[0]).intValue()).containsExactly(50, 50, 20);
        assertThat(statements).extracting(row -> ((Number) row[1]).longValue()).doesNotHaveDuplicates();
        assertThat(run.deleted().get("inbox_event")).isEqualTo(120);
    }

    @Test
    void aReplicaDoesNotRunWhileAnotherIsRunning() throws Exception {
        String consumer = "hk-lock-" + shortId();
        inbox(consumer, "40 days", 3);
        long before = count("select coalesce(max(n), 0) from delete_statement");

        try (Connection otherReplica = otherReplicaHolding("housekeeping")) {
            Run run = housekeeping.run();

            assertThat(run.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(run.ran()).isFalse();
            assertThat(count("select count(*) from inbox_event where consumer = '" + consumer + "'")).isEqualTo(3);
            assertThat(count("select count(*) from delete_statement where n > " + before)).isZero();
        }

        Run afterwards = housekeeping.run();
        assertThat(afterwards.outcome()).isEqualTo(Outcome.DONE);
        assertThat(count("select count(*) from inbox_event where consumer = '" + consumer + "'")).isZero();
    }

    /**
     * Another replica of this service: its own connection to the same schema, holding the advisory lock that the
     * relay or housekeeping takes ({@code hashtext(current_schema() || '.<name>')}) until closed.
     */
    private static Connection otherReplicaHolding(String name) throws SQLException {
        Connection connection = DriverManager.getConnection(TestDatabase.jdbcUrl());
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(hashtext('runtime_test." + name + "'))");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private UUID outbox(String createdAgo, String publishedAgo) {
        UUID id = UUID.randomUUID();
        execute("""
                insert into outbox_event (id, topic, record_key, type, source, subject, school_id, event_time,
                                          data_schema, data, created_at, published_at)
                values ('%s', 'runtime.housekeeping.test', 'k', 'org.chaperone.test.v1', '/chaperone/test', 's',
                        'school-a', now(), 'urn:test', '{}', now() - interval '%s', %s)
                """.formatted(id, createdAgo,
                        publishedAgo == null ? "null" : "now() - interval '" + publishedAgo + "'"));
        return id;
    }

    private void inbox(String consumer, String receivedAgo, int rows) {
        execute("""
                insert into inbox_event (consumer, event_id, event_type, received_at)
                select '%s', gen_random_uuid()::text, 'org.chaperone.test.v1', now() - interval '%s'
                from generate_series(1, %d)
                """.formatted(consumer, receivedAgo, rows));
    }

    private void idempotencyRecord(String caller, String createdAgo) {
        execute("""
                insert into idempotency_record (caller, idem_key, operation, request_hash, status, response_body,
                                                created_at)
                values ('%s', 'key-1', 'POST /probe', 'hash', 201, '{}', now() - interval '%s')
                """.formatted(caller, createdAgo));
    }

    private boolean outboxExists(UUID id) {
        return count("select count(*) from outbox_event where id = '" + id + "'") == 1;
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(
                () -> ((Number) entityManager.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(sql).executeUpdate());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
