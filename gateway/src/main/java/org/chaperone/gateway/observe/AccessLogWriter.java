package org.chaperone.gateway.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes access log lines from its own thread, in batches. The event loops only put a line in a bounded queue (they
 * never wait and never wake the writer); the writer drains the queue every {@link #PAUSE_MILLIS} ms and writes
 * whole lines in chunks of at most {@link #CHUNK} bytes, so a chunk is never interleaved with another writer's
 * output on a pipe (a container's stdout) and a busy gateway makes one system call per dozen lines, not one each.
 * When stdout cannot keep up, lines are dropped, counted, and the count is logged: the proxy never slows down for
 * its log.
 */
public final class AccessLogWriter implements AutoCloseable {

    /** PIPE_BUF on Linux: writes up to this size to a pipe are atomic. */
    static final int CHUNK = 4096;
    static final long PAUSE_MILLIS = 20;
    private static final int BATCH = 1024;
    private static final Logger LOG = Logger.getLogger(AccessLogWriter.class);

    private final Supplier<OutputStream> out;
    // Lock-free on purpose: with a lock, a writer thread descheduled while holding it (a busy machine) would stall
    // the event loops. The bound is kept by a counter beside the queue.
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;

    /** Lines to {@code System.out} (looked up at each write, so whatever stdout is at the time). */
    public static AccessLogWriter toStdout(int capacity) {
        return new AccessLogWriter(() -> System.out, capacity);
    }

    AccessLogWriter(Supplier<OutputStream> out, int capacity) {
        this.out = out;
        this.capacity = capacity;
        this.thread = new Thread(this::run, "access-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a line (without its line break); never blocks. */
    public void offer(String line) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.offer(line);
    }

    private int drainTo(List<String> batch, int max) {
        int taken = 0;
        for (String line; taken < max && (line = queue.poll()) != null; taken++) {
            batch.add(line);
        }
        if (taken > 0) {
            queued.addAndGet(-taken);
        }
        return taken;
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        byte[] chunk = new byte[CHUNK];
        while (running || !queue.isEmpty()) {
            if (drainTo(batch, BATCH) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
                reportDropped();
                continue;
            }
            try {
                write(batch, chunk);
            } catch (IOException | RuntimeException e) {
                dropped.add(batch.size());
            }
            batch.clear();
            reportDropped();
            if (running) {
                // Let lines gather: one pass per pause, however busy the gateway is.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS));
            }
        }
    }

    private void write(List<String> lines, byte[] chunk) throws IOException {
        OutputStream stream = out.get();
        int used = 0;
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            int size = bytes.length + 1;
            if (used > 0 && used + size > chunk.length) {
                stream.write(chunk, 0, used);
                used = 0;
            }
            if (size > chunk.length) {
                // A line longer than a chunk (a very long path) goes out on its own.
                byte[] whole = new byte[size];
                System.arraycopy(bytes, 0, whole, 0, bytes.length);
                whole[bytes.length] = '\n';
                stream.write(whole, 0, size);
                continue;
            }
            System.arraycopy(bytes, 0, chunk, used, bytes.length);
            chunk[used + bytes.length] = '\n';
            used += size;
        }
        if (used > 0) {
            stream.write(chunk, 0, used);
        }
        stream.flush();
    }

    private void reportDropped() {
        long lost = dropped.sumThenReset();
        if (lost > 0) {
            LOG.warnf("%d access log lines were dropped: standard output did not keep up", lost);
        }
    }

    /** Writes what is queued and stops the thread (waiting at most a second). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
