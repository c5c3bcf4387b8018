package org.chaperone.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The deadlines of the exchanges in flight, one list per event loop, checked by one periodic sweep per event loop
 * every {@link #SWEEP_MILLIS} ms. A timer per request (set when it is sent, cancelled when the answer comes) costs
 * a timer-queue insertion and removal and a map entry every time; here a request only links itself into a list
 * and unlinks itself, on its own event loop, without locks. A deadline fires at most one sweep late.
 */
final class UpstreamDeadlines {

    static final long SWEEP_MILLIS = 100;

    /** Something with a deadline: linked into its event loop's list while it waits for an answer. */
    abstract static class Pending {
        private long deadlineNanos;
        private Pending previous;
        private Pending next;
        private Loop loop;

        /**
         * Called on the pending thing's event loop once its deadline has passed, after it was unlinked; it may
         * {@link UpstreamDeadlines#start start} a new deadline for itself (it is then looked at again next time).
         */
        abstract void expired();
    }

    private final Vertx vertx;
    private final ThreadLocal<Loop> loops = new ThreadLocal<>();
    private final ConcurrentLinkedQueue<Long> timers = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    UpstreamDeadlines(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts the clock for {@code pending}; call on an event loop, and {@link #done} on the same one. */
    void start(Pending pending, long timeoutNanos) {
        Loop loop = loops.get();
        if (loop == null) {
            loop = new Loop();
            loops.set(loop);
            ContextInternal context = ContextInternal.current();
            if (!closed && context != null) {
                // The event loop's own context (not the request's duplicate): the sweep runs on this thread.
                Loop sweeping = loop;
                timers.add(context.unwrap().setPeriodic(SWEEP_MILLIS, id -> sweeping.sweep(System.nanoTime())));
            }
        }
        loop.link(pending, System.nanoTime() + timeoutNanos);
    }

    /** The answer came (or the exchange ended otherwise): no deadline any more. Idempotent. */
    void done(Pending pending) {
        Loop loop = pending.loop;
        if (loop != null) {
            loop.unlink(pending);
        }
    }

    void close() {
        closed = true;
        for (Long timer; (timer = timers.poll()) != null; ) {
            vertx.cancelTimer(timer);
        }
    }

    /** One event loop's pending exchanges; only ever touched by that event loop's thread. */
    static final class Loop {
        private Pending head;
        private Pending tail;
        private int size;

        void link(Pending pending, long deadlineNanos) {
            pending.deadlineNanos = deadlineNanos;
            pending.loop = this;
            pending.previous = tail;
            pending.next = null;
            if (tail == null) {
                head = pending;
            } else {
                tail.next = pending;
            }
            tail = pending;
            size++;
        }

        void unlink(Pending pending) {
            if (pending.loop != this) {
                return;
            }
            if (pending.previous == null) {
                head = pending.next;
            } else {
                pending.previous.next = pending.next;
            }
            if (pending.next == null) {
                tail = pending.previous;
            } else {
                pending.next.previous = pending.previous;
            }
            pending.previous = null;
            pending.next = null;
            pending.loop = null;
            size--;
        }

        void sweep(long nowNanos) {
            Pending pending = head;
            while (pending != null) {
                Pending following = pending.next;
                if (nowNanos - pending.deadlineNanos >= 0) {
                    unlink(pending);
                    pending.expired();
                    if (following != null && following.loop != this) {
                        following = head; // expired() ended others too: start over
                    }
                }
                pending = following;
            }
        }

        int size() {
            return size;
        }
    }
}
