package org.chaperone.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    private final AccessLog log = new AccessLog(null);

    @Test
    void aLineIsOneJsonObjectWithEveryField() {
        String line = log.line(1_764_000_000_123L, "req-1", "4bf92f3577b34da6a3ce929d0e0e4736", "staff-1", "GET",
                "/api/v1/pupils/p-1", "/api/v1/pupils", "consent", 200, 1_234_567, 512, "10.0.0.7");
        assertThat(line).doesNotContain("\n");
        JsonObject entry = new JsonObject(line);
        assertThat(entry.getString("time")).isEqualTo("2025-11-24T16:00:00.123Z");
        assertThat(entry.getString("requestId")).isEqualTo("req-1");
        assertThat(entry.getString("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(entry.getString("subject")).isEqualTo("staff-1");
        assertThat(entry.getString("method")).isEqualTo("GET");
        assertThat(entry.getString("path")).isEqualTo("/api/v1/pupils/p-1");
        assertThat(entry.getString("route")).isEqualTo("/api/v1/pupils");
        assertThat(entry.getString("service")).isEqualTo("consent");
        assertThat(entry.getInteger("status")).isEqualTo(200);
        assertThat(entry.getDouble("latencyMs")).isEqualTo(1.23);
        assertThat(entry.getLong("bytes")).isEqualTo(512);
        assertThat(entry.getString("client")).isEqualTo("10.0.0.7");
    }

    @Test
    void latencyIsRoundedToHundredthsOfAMillisecond() {
        assertThat(latency(0)).isEqualTo("0.00");
        assertThat(latency(4_999)).isEqualTo("0.00");
        assertThat(latency(5_000)).isEqualTo("0.01");
        assertThat(latency(90_000)).isEqualTo("0.09");
        assertThat(latency(1_000_000)).isEqualTo("1.00");
        assertThat(latency(12_345_678_901L)).isEqualTo("12345.68");
    }

    private String latency(long nanos) {
        String line = log.line(0, "r", null, null, "GET", "/", "none", "gateway", 200, nanos, 0, null);
        return line.replaceAll(".*\"latencyMs\":([0-9.]+).*", "$1");
    }

    @Test
    void whateverACallerControlsIsEscapedAndAbsentValuesAreNull() {
        String subject = "evil\"},\"status\":1,\"x\":\"\\\n\r\t\u0001ü€";
        String line = log.line(0, "r", null, subject, "GET", "/api/v1/x\"y", "none", "gateway", 404, 0, 0, null);
        JsonObject entry = new JsonObject(line);
        assertThat(entry.getString("subject")).isEqualTo(subject);
        assertThat(entry.getString("path")).isEqualTo("/api/v1/x\"y");
        assertThat(entry.getInteger("status")).isEqualTo(404);
        assertThat(entry.containsKey("traceId")).isTrue();
        assertThat(entry.getString("traceId")).isNull();
        assertThat(entry.getString("client")).isNull();
        assertThat(line).doesNotContain("\n").doesNotContain("\r").contains("\\u0001");
    }

    @Test
    void theWriterWritesWholeLinesInChunksOfAtMostAPipeBuffer() throws Exception {
        List<byte[]> writes = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(1);
        int count = 200;
        OutputStream sink = new OutputStream() {
            final ByteArrayOutputStream seen = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                throw new AssertionError("single bytes are not expected");
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                byte[] copy = new byte[length];
                System.arraycopy(bytes, offset, copy, 0, length);
                writes.add(copy);
                seen.write(bytes, offset, length);
                if (seen.toString(StandardCharsets.UTF_8).contains("line-" + (count - 1) + "\"")) {
                    all.countDown();
                }
            }
        };
        AccessLogWriter writer = new AccessLogWriter(() -> sink, 1000);
        for (int i = 0; i < count; i++) {
            writer.offer("{\"n\":\"line-" + i + "\",\"pad\":\"" + "x".repeat(100) + "\"}");
        }
        writer.offer("{\"long\":\"" + "y".repeat(5000) + "\"}");
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        writer.close();

        StringBuilder everything = new StringBuilder();
        synchronized (sink) {
            for (byte[] write : writes) {
                String chunk = new String(write, StandardCharsets.UTF_8);
                assertThat(chunk).endsWith("\n");
                if (!chunk.contains("yyyy")) {
                    assertThat(write.length).isLessThanOrEqualTo(AccessLogWriter.CHUNK);
                }
                everything.append(chunk);
            }
        }
        String[] lines = everything.toString().split("\n");
        assertThat(lines).hasSize(count + 1);
        for (int i = 0; i < count; i++) {
            assertThat(new JsonObject(lines[i]).getString("n")).isEqualTo("line-" + i);
        }
        // Fewer writes than lines: that is the point of the writer.
        assertThat(writes.size()).isLessThan(count / 10);
    }

    @Test
    void aFullQueueDropsLinesInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.addAll(List.of(new String(bytes, offset, length, StandardCharsets.UTF_8).split("\n")));
            }
        };
        AccessLogWriter writer = new AccessLogWriter(() -> stuck, 10);
        writer.offer("first");
        Thread.sleep(3 * AccessLogWriter.PAUSE_MILLIS); // the writer takes "first" and hangs on the sink
        for (int i = 0; i < 100; i++) {
            writer.offer("more-" + i); // must return at once although nothing is written
        }
        release.countDown();
        writer.close();
        synchronized (stuck) {
            assertThat(written).contains("first").hasSizeLessThanOrEqualTo(11);
        }
    }
}
