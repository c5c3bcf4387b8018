package org.chaperone.gateway;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Everything written to {@code System.out} while it is open (and still passed on to the real stdout): the access
 * log is written there, as in production, so a test reads it where operators do.
 */
final class StdoutCapture implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    StdoutCapture() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
        synchronized (captured) {
            return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\n"));
        }
    }

    /** The lines so far, once each of {@code needles} is in one of them or the time is up. */
    List<String> awaitLines(List<String> needles, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<String> lines = lines();
        while (!containsAll(lines, needles) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            lines = lines();
        }
        return lines;
    }

    /** The first access log line containing {@code needle}, as JSON, once it is written (5 s at most). */
    JsonObject awaitAccessLine(String needle) throws InterruptedException {
        String line = awaitLines(List.of(needle), Duration.ofSeconds(5)).stream().filter(l -> l.contains(needle))
                .findFirst().orElseThrow(() -> new AssertionError("no access log line with " + needle));
        return new JsonObject(line.substring(line.indexOf('{')));
    }

    private static boolean containsAll(List<String> lines, List<String> needles) {
        return needles.stream().allMatch(n -> lines.stream().anyMatch(l -> l.contains(n)));
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
