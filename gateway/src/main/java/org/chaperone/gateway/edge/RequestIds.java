package org.chaperone.gateway.edge;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request id (the caller's if well-formed, else a new one) and W3C trace context. Both run for every request,
 * so they are hand-written character checks, no regular expressions, no {@code String.format}, no SecureRandom.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    /*
     * A new id is a UUID (RFC 9562 version 8, "custom"): 60 random bits drawn once per process, then a 62-bit
     * counter that starts at a random value. Ids are unique within a process by construction and across processes
     * by the random prefix, and they look like every other id in the logs; nobody needs them to be unguessable.
     */
    private static final long PROCESS_BITS;
    private static final AtomicLong COUNTER;

    static {
        SecureRandom random = new SecureRandom();
        PROCESS_BITS = (random.nextLong() & ~0xF000L) | 0x8000L; // version 8 in bits 48-51
        COUNTER = new AtomicLong(random.nextLong() >>> 2);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The caller's id when it is 8-128 safe characters (it is logged and sent on), otherwise a fresh one. */
    public static String accept(String offered) {
        if (offered != null && wellFormed(offered)) {
            return offered;
        }
        return newId();
    }

    /** A fresh id in UUID form (36 characters, lower-case hex). */
    public static String newId() {
        long low = (COUNTER.getAndIncrement() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // RFC variant
        return new UUID(PROCESS_BITS, low).toString();
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9._:-]{7,127}}. */
    static boolean wellFormed(String id) {
        int length = id.length();
        if (length < 8 || length > 128 || !alphanumeric(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = id.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * A valid traceparent ({@code vv-<32 hex trace id>-<16 hex parent id>-ff}, lower case, version not ff, ids not
     * all zero) is passed on as it is; otherwise the gateway starts a trace.
     */
    public static boolean validTraceparent(String traceparent) {
        if (traceparent == null || traceparent.length() != 55 || traceparent.startsWith("ff")
                || traceparent.charAt(2) != '-' || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return false;
        }
        return lowerHex(traceparent, 0, 2) && lowerHex(traceparent, 53, 55)
                && lowerHex(traceparent, 3, 35) && !zeros(traceparent, 3, 35)
                && lowerHex(traceparent, 36, 52) && !zeros(traceparent, 36, 52);
    }

    /** The trace id of a traceparent that {@link #validTraceparent(String) is valid}. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private static boolean lowerHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** {@code 00-<trace id>-<parent id>-01} with random non-zero ids. */
    public static String newTraceparent() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[55];
        out[0] = '0';
        out[1] = '0';
        out[2] = '-';
        hex(random.nextLong() | 1, out, 3);
        hex(random.nextLong(), out, 19);
        out[35] = '-';
        hex(random.nextLong() | 1, out, 36);
        out[52] = '-';
        out[53] = '0';
        out[54] = '1';
        return new String(out);
    }

    private static void hex(long value, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
