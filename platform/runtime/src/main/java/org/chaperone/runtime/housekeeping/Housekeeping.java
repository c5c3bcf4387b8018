package org.chaperone.runtime.housekeeping;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Deletes old rows of the platform's queue tables, which would otherwise grow without bound: outbox events published
 * longer ago than {@code outbox-retention} (never an unpublished one), inbox entries older than
 * {@code inbox-retention}, Idempotency-Key records older than the replay window, and whatever a service adds through
 * {@link PrunableTables}. Nothing of the safeguarding record is ever touched.
 *
 * <p>A run deletes in batches of {@code batch-size} rows, each in a transaction of its own (short row locks, short
 * transactions whatever the backlog), taking the tables in turn, and starts no batch after {@code max-run-time}. It
 * walks each table once in physical order ({@code ctid}), so a run costs one pass over the table however many
 * batches it takes. Rows locked by a request in flight are skipped, not waited for.
 *
 * <p>One run at a time per database schema across replicas: the run holds a transaction-scoped advisory lock (the
 * outbox relay's pattern, under its own key) for its whole length; a replica that cannot take it skips its run.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** The run's lock: one per schema, so replicas of one service exclude each other and other services do not. */
    static final String LOCK_SQL = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.housekeeping'))";

    /**
     * One batch: lock up to {@code limit} prunable rows after the cursor (skipping rows a request holds), delete them
     * by {@code ctid} (a TID scan, no index needed) and return their {@code ctid}s, the highest being the next cursor.
     */
    private static final String BATCH_SQL = """
            with gone as (
                delete from %1$s
                where ctid = any(array(
                    select ctid from %1$s
                    where ctid > cast(:after as tid)
                      and (%2$s)
                      and %3$s < now() - cast(:seconds as double precision) * interval '1 second'
                    limit :limit
                    for update skip locked))
                returning ctid)
            select cast(ctid as text) from gone
            """;

    private static final String START = "(0,0)";

    @Inject
    EntityManager entityManager;

    @Inject
    HousekeepingConfig config;

    @Inject
    @Any
    Instance<PrunableTables> extensions;

    @Inject
    MeterRegistry metrics;

    /** What one call of {@link #run()} did. */
    public record Run(Outcome outcome, Map<String, Long> deleted, int batches, Duration took) {

        public boolean ran() {
            return outcome == Outcome.DONE || outcome == Outcome.STOPPED_AT_MAX_RUN_TIME;
        }
    }

    public enum Outcome {
        /** Every table is pruned up to its window. */
        DONE,
        /** {@code max-run-time} was reached; the rest waits for the next run. */
        STOPPED_AT_MAX_RUN_TIME,
        /** Another replica holds the lock (it is running); nothing was done here. */
        SKIPPED,
        /** A batch failed; batches committed before it stay deleted. */
        FAILED
    }

    /** Refuses to start on settings that could apply an event twice or make no sense; names what it will prune. */
    void onStart(@Observes StartupEvent event) {
        List<String> refusals = refusals(config);
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("Housekeeping settings refused: " + String.join("; ", refusals));
        }
        List<PrunableTable> tables = tables();
        Set<String> names = new HashSet<>();
        for (PrunableTable table : tables) {
            if (!names.add(table.table())) {
                throw new IllegalStateException("Housekeeping settings refused: table " + table.table()
                        + " is listed twice");
            }
        }
        LOG.infof("housekeeping %s: %s", config.enabled() ? "every " + describe(config.interval()) : "is off",
                tables.stream().map(t -> t.table() + " (" + describe(t.retention()) + ")")
                        .collect(Collectors.joining(", ")));
    }

    /** What is wrong with {@code config}, each in a sentence naming the setting; empty when it is fine. */
    static List<String> refusals(HousekeepingConfig config) {
        List<String> refusals = new ArrayList<>();
        if (config.inboxRetention().compareTo(config.topicRetention()) <= 0) {
            refusals.add("chaperone.housekeeping.inbox-retention (" + describe(config.inboxRetention())
                    + ") must be longer than chaperone.housekeeping.topic-retention ("
                    + describe(config.topicRetention()) + "): an event still on its topic could be redelivered after"
                    + " its inbox row was deleted, and would be applied twice");
        }
        positive(refusals, "inbox-retention", config.inboxRetention());
        positive(refusals, "topic-retention", config.topicRetention());
        positive(refusals, "outbox-retention", config.outboxRetention());
        positive(refusals, "idempotency-retention", config.idempotencyRetention());
        positive(refusals, "interval", config.interval());
        positive(refusals, "max-run-time", config.maxRunTime());
        if (config.initialDelay().isNegative()) {
            refusals.add("chaperone.housekeeping.initial-delay must not be negative");
        }
        if (config.batchSize() < 1 || config.batchSize() > 100_000) {
            refusals.add("chaperone.housekeeping.batch-size (" + config.batchSize() + ") must be 1 to 100000");
        }
        return refusals;
    }

    private static void positive(List<String> refusals, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            refusals.add("chaperone.housekeeping." + name + " must be positive");
        }
    }

    /** The platform's three tables, then the service's own (if it has any). */
    public List<PrunableTable> tables() {
        List<PrunableTable> tables = new ArrayList<>(List.of(
                new PrunableTable("outbox_event", "published_at is not null", "published_at",
                        config.outboxRetention()),
                new PrunableTable("inbox_event", "true", "received_at", config.inboxRetention()),
                new PrunableTable("idempotency_record", "true", "created_at", config.idempotencyRetention())));
        for (PrunableTables extension : extensions) {
            tables.addAll(extension.prunableTables());
        }
        return tables;
    }

    @Scheduled(every = "${chaperone.housekeeping.interval:1h}", delayed = "${chaperone.housekeeping.initial-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        if (config.enabled()) {
            run();
        }
    }

    /** One run now, unless another replica is running; never throws (a failure is logged and counted). */
    public Run run() {
        long start = System.nanoTime();
        List<PrunableTable> tables = tables();
        Map<String, Long> deleted = new LinkedHashMap<>();
        tables.forEach(table -> deleted.put(table.table(), 0L));
        int[] batches = {0};
        Outcome outcome;
        try {
            // The lock's transaction stays open (idle) while the batches commit in transactions of their own.
            int timeout = (int) Math.min(Integer.MAX_VALUE, config.maxRunTime().plusMinutes(5).toSeconds());
            outcome = QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
                if (!Boolean.TRUE.equals(entityManager.createNativeQuery(LOCK_SQL).getSingleResult())) {
                    return Outcome.SKIPPED;
                }
                return prune(tables, deleted, batches, start + config.maxRunTime().toNanos());
            });
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            // No row content is read or logged; the message names the statement's failure.
            LOG.warnf("housekeeping failed after deleting %s in %d batches, will try again next run: %s",
                    counts(deleted), batches[0], e.toString());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        metrics.counter("chaperone.housekeeping.runs", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        switch (outcome) {
            case SKIPPED -> LOG.debug("housekeeping skipped: another replica is running it");
            case DONE -> LOG.infof("housekeeping deleted %s in %d batches, %d ms", counts(deleted), batches[0],
                    took.toMillis());
            case STOPPED_AT_MAX_RUN_TIME -> LOG.infof(
                    "housekeeping deleted %s in %d batches, %d ms; stopped at max-run-time, the rest next run",
                    counts(deleted), batches[0], took.toMillis());
            case FAILED -> {
                // logged above
            }
        }
        return new Run(outcome, Collections.unmodifiableMap(deleted), batches[0], took);
    }

    private Outcome prune(List<PrunableTable> tables, Map<String, Long> deleted, int[] batches, long deadline) {
        // One batch per table in turn, so a large backlog in one table does not starve the others.
        Map<PrunableTable, String> cursors = new LinkedHashMap<>();
        tables.forEach(table -> cursors.put(table, START));
        while (!cursors.isEmpty()) {
            for (PrunableTable table : new ArrayList<>(cursors.keySet())) {
                if (System.nanoTime() >= deadline) {
                    return Outcome.STOPPED_AT_MAX_RUN_TIME;
                }
                String after = cursors.get(table);
                List<String> gone = QuarkusTransaction.requiringNew().call(() -> deleteBatch(table, after));
                batches[0]++;
                if (!gone.isEmpty()) {
                    deleted.merge(table.table(), (long) gone.size(), Long::sum);
                    metrics.counter("chaperone.housekeeping.rows.deleted", "table", table.table())
                            .increment(gone.size());
                }
                if (gone.size() < config.batchSize()) {
                    cursors.remove(table); // the walk reached the end of the table
                } else {
                    cursors.put(table, highest(gone));
                }
            }
        }
        return Outcome.DONE;
    }

    @SuppressWarnings("unchecked")
    private List<String> deleteBatch(PrunableTable table, String after) {
        return entityManager.createNativeQuery(BATCH_SQL.formatted(table.table(), table.condition(), table.ageColumn()))
                .setParameter("after", after)
                .setParameter("seconds", (double) table.retention().toMillis() / 1000.0)
                .setParameter("limit", config.batchSize())
                .getResultList();
    }

    /** The highest of some {@code ctid}s written {@code (page,item)}. */
    static String highest(List<String> ctids) {
        String highest = ctids.get(0);
        long highestKey = key(highest);
        for (String ctid : ctids) {
            long key = key(ctid);
            if (key > highestKey) {
                highest = ctid;
                highestKey = key;
            }
        }
        return highest;
    }

    private static long key(String ctid) {
        int comma = ctid.indexOf(',');
        long page = Long.parseLong(ctid.substring(1, comma));
        long item = Long.parseLong(ctid.substring(comma + 1, ctid.length() - 1));
        return (page << 16) | item;
    }

    private static String counts(Map<String, Long> deleted) {
        return deleted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code 30d}, {@code 24h}, {@code 5m}, else the ISO form. */
    static String describe(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return duration.toString();
        }
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + "d";
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + "h";
        }
        if (duration.toMinutes() > 0 && duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
            return duration.toMinutes() + "m";
        }
        return duration.toString();
    }
}
