package org.chaperone.notification.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The round both senders run ({@link DeliverySender}, {@link StatusCallbackSender}): claim a batch in a transaction
 * of its own (rows locked {@code FOR UPDATE SKIP LOCKED}, attempt counted, next attempt moved past a lease) and
 * commit; work each claimed item outside any transaction, several at once on threads of its own (each call mostly
 * waits on the other end); then record every outcome in a second transaction. A sender that dies mid-round leaves
 * its claims to be retried after the lease (at least once). Also the wake-up after a commit that queued work: one
 * round soon, however many commits asked for it.
 */
final class LeasedRounds {

    private static final Logger LOG = Logger.getLogger(LeasedRounds.class);

    private final String name;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ExecutorService wakeups;
    private final ExecutorService workers;

    /** {@code name} names the threads ({@code <name>-wakeup}, {@code <name>-1}...) and the log lines. */
    LeasedRounds(String name, int concurrency) {
        this.name = name;
        this.wakeups = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, name + "-wakeup"));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, concurrency),
                runnable -> daemon(runnable, name + "-" + n.incrementAndGet()));
    }

    /** Runs {@code drain} soon on the wake-up thread, once for any number of calls made before it starts. */
    void wake(Runnable drain) {
        if (wakeQueued.compareAndSet(false, true)) {
            wakeups.execute(() -> {
                wakeQueued.set(false);
                drain.run();
            });
        }
    }

    /**
     * One round: {@code claim} and {@code record} each in a new transaction, {@code work} (empty when it succeeded,
     * else why not) for every claimed item in between, side by side. Returns how many items were claimed.
     */
    <C> int run(Supplier<List<C>> claim, Function<C, UUID> id, Function<C, Optional<Failure>> work,
            BiConsumer<List<C>, Map<UUID, Failure>> record) {
        List<C> claimed = QuarkusTransaction.requiringNew().call(claim::get);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<UUID, Failure> failures = new ConcurrentHashMap<>();
        List<Callable<Void>> calls = new ArrayList<>(claimed.size());
        for (C item : claimed) {
            calls.add(() -> {
                work.apply(item).ifPresent(reason -> failures.put(id.apply(item), reason));
                return null;
            });
        }
        try {
            for (Future<Void> done : workers.invokeAll(calls)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    LOG.errorf("%s: a call failed unexpectedly: %s", name, e.getCause().getClass().getSimpleName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return claimed.size(); // unrecorded claims are retried after their lease
        }
        QuarkusTransaction.requiringNew().run(() -> record.accept(claimed, failures));
        return claimed.size();
    }

    /** Why one item's work failed, and whether it is worth another attempt ({@code permanent}: it is not). */
    record Failure(String reason, boolean permanent) {

        static Failure retry(String reason) {
            return new Failure(reason, false);
        }

        static Failure permanent(String reason) {
            return new Failure(reason, true);
        }
    }

    void stop() {
        wakeups.shutdownNow();
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
