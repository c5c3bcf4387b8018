package org.chaperone.gateway.observe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jboss.logging.Logger;

/**
 * One JSON line per API request on standard output: time, request id, trace id, caller subject, method, path (no
 * query string: it may carry search terms), route, service, status, latency, response bytes, client address. Never
 * a token, never a body.
 *
 * <p>It runs for every request, so the line is built by hand (no JSON tree, no log formatter) and handed to an
 * {@link AccessLogWriter} that writes lines in batches from its own thread: the event loop never waits for stdout,
 * and a busy gateway makes one write per few kilobytes, not one per line. The log category {@value #CATEGORY}
 * still switches it: at level WARN or above there is no access log.
 */
public final class AccessLog {

    public static final String CATEGORY = "org.chaperone.gateway.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.")
            .withZone(ZoneOffset.UTC);

    private final AccessLogWriter writer;
    private volatile TimePrefix timePrefix = new TimePrefix(Long.MIN_VALUE, "");

    public AccessLog(AccessLogWriter writer) {
        this.writer = writer;
    }

    public boolean enabled() {
        return LOG.isInfoEnabled();
    }

    public void record(String requestId, String traceId, String subject, String method, String path, String route,
            String service, int status, long latencyNanos, long bytesSent, String client) {
        if (!enabled()) {
            return;
        }
        writer.offer(line(System.currentTimeMillis(), requestId, traceId, subject, method, path, route, service,
                status, latencyNanos, bytesSent, client));
    }

    String line(long nowMillis, String requestId, String traceId, String subject, String method, String path,
            String route, String service, int status, long latencyNanos, long bytesSent, String client) {
        StringBuilder line = new StringBuilder(320);
        line.append("{\"time\":\"").append(timePrefix(nowMillis));
        int millis = (int) Math.floorMod(nowMillis, 1000L);
        line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10)).append("Z\"");
        string(line, "requestId", requestId);
        string(line, "traceId", traceId);
        string(line, "subject", subject);
        string(line, "method", method);
        string(line, "path", path);
        string(line, "route", route);
        string(line, "service", service);
        line.append(",\"status\":").append(status);
        // Milliseconds with two decimals, rounded, without going through a double.
        long hundredths = (Math.max(0, latencyNanos) + 5_000) / 10_000;
        line.append(",\"latencyMs\":").append(hundredths / 100).append('.');
        long fraction = hundredths % 100;
        line.append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10));
        line.append(",\"bytes\":").append(bytesSent);
        string(line, "client", client);
        return line.append('}').toString();
    }

    private String timePrefix(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000L);
        TimePrefix cached = timePrefix;
        if (cached.second != second) {
            cached = new TimePrefix(second, SECOND.format(Instant.ofEpochSecond(second)));
            timePrefix = cached;
        }
        return cached.text;
    }

    private static void string(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        escape(line, value);
        line.append('"');
    }

    /** JSON string escaping (RFC 8259): quote, backslash and control characters; the rest goes as it is. */
    static void escape(StringBuilder out, String value) {
        int length = value.length();
        int clean = 0;
        while (clean < length) {
            char c = value.charAt(clean);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            clean++;
        }
        if (clean == length) {
            out.append(value);
            return;
        }
        out.append(value, 0, clean);
        for (int i = clean; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private record TimePrefix(long second, String text) {
    }
}
