package org.chaperone.gateway.edge;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The request id (the caller's if well-formed, else a new one) and W3C trace context. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private RequestIds() {
    }

    /** The caller's id when it is 8-128 safe characters (it is logged and sent on), otherwise a fresh UUID. */
    public static String accept(String offered) {
        if (offered != null && WELL_FORMED_ID.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** A valid traceparent is passed on as it is; otherwise the gateway starts a trace. */
    public static boolean validTraceparent(String traceparent) {
        if (traceparent == null || traceparent.startsWith("ff")) {
            return false;
        }
        var matcher = TRACEPARENT.matcher(traceparent);
        return matcher.matches() && !ZERO_TRACE.equals(matcher.group(1)) && !ZERO_SPAN.equals(matcher.group(2));
    }

    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("00-%016x%016x-%016x-01", random.nextLong() | 1, random.nextLong(), random.nextLong() | 1);
    }
}
