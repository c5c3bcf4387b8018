package org.chaperone.gateway.routing;

import io.netty.handler.codec.DateFormatter;
import io.vertx.core.MultiMap;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.chaperone.gateway.edge.RequestIds;

/**
 * The headers a request and its answer carry through the gateway, copied in one pass each way straight from the
 * one connection's header map into the other's: hop-by-hop headers (RFC 9110 7.6.1: Connection, Keep-Alive,
 * Proxy-*, TE, Trailer, Transfer-Encoding, Upgrade, and whatever Connection names) stay behind; on the way in
 * X-Forwarded-* are set from the socket, the request id and trace context are added; on the way out the server
 * banner goes.
 */
final class ProxyHeaders {

    private ProxyHeaders() {
    }

    /** What to do with one request header, decided by its name. */
    private static final int COPY = 0;
    private static final int DROP = 1;
    private static final int FORWARDED_FOR = 2;
    private static final int TRACESTATE = 3;

    /**
     * Copies a caller's headers to the upstream request. X-Forwarded-For is a chain: the peer is appended to what
     * the caller sent (as nginx and every other proxy do); only the last entry, from the socket, is known to be
     * true, and the gateway's own rate limits never read the header. Forwarded and X-Real-IP cannot be extended
     * that way, so they are dropped. {@code traceparent}: the caller's if it was valid (then its tracestate goes
     * on too), else a new trace's. Host is the service's own (the client sets it); the caller's goes in
     * X-Forwarded-Host. Expect is dropped: the gateway has answered it itself.
     */
    static void copyRequest(MultiMap from, MultiMap to, String peer, boolean ssl, String authority,
            String requestId, String traceparent) {
        Set<String> named = connectionNamed(from);
        boolean callersTrace = traceparent.equals(from.get("traceparent"));
        String forwardedFor = null;
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            switch (requestHeader(name)) {
                case COPY -> {
                    if (named == null || !named.contains(name.toLowerCase(Locale.ROOT))) {
                        to.add(name, header.getValue());
                    }
                }
                case FORWARDED_FOR -> forwardedFor = forwardedFor == null ? header.getValue()
                        : forwardedFor + ", " + header.getValue();
                case TRACESTATE -> {
                    if (callersTrace) {
                        to.add(name, header.getValue());
                    }
                }
                default -> {
                    // dropped, or set below
                }
            }
        }
        to.add("X-Forwarded-For", forwardedFor == null ? peer : forwardedFor + ", " + peer);
        to.add("X-Forwarded-Proto", ssl ? "https" : "http");
        if (authority != null) {
            to.add("X-Forwarded-Host", authority);
        }
        to.add(RequestIds.HEADER, requestId);
        to.add("traceparent", traceparent);
    }

    /**
     * Copies a service's answer headers to the caller's response; returns true when the service sent its body
     * chunked (Transfer-Encoding, which is not copied: the caller's connection frames the body itself). A Date is
     * added when the service sent none, as RFC 9110 6.6.1 asks of a forwarding recipient.
     */
    static boolean copyResponse(MultiMap from, MultiMap to) {
        Set<String> named = connectionNamed(from);
        boolean chunked = false;
        boolean dated = false;
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (isTransferEncoding(name)) {
                chunked = true;
            } else if (!droppedFromResponse(name)
                    && (named == null || !named.contains(name.toLowerCase(Locale.ROOT)))) {
                dated |= is(name, "date");
                to.add(name, header.getValue());
            }
        }
        if (!dated) {
            to.add("Date", HttpDate.now());
        }
        return chunked;
    }

    /** The headers a Connection header names, lower case; null when it names none but the usual tokens. */
    static Set<String> connectionNamed(MultiMap headers) {
        String first = headers.get("Connection");
        if (first == null) {
            return null;
        }
        Set<String> named = null;
        List<String> all = headers.getAll("Connection");
        for (String connection : all) {
            for (String token : connection.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("keep-alive") && !name.equals("close")) {
                    if (named == null) {
                        named = new HashSet<>(4);
                    }
                    named.add(name);
                }
            }
        }
        return named;
    }

    private static int requestHeader(String name) {
        if (isProxy(name)) {
            return DROP;
        }
        switch (name.length()) {
            case 2:
                return is(name, "te") ? DROP : COPY;
            case 4:
                return is(name, "host") ? DROP : COPY;
            case 6:
                return is(name, "expect") ? DROP : COPY;
            case 7:
                return is(name, "trailer") || is(name, "upgrade") ? DROP : COPY;
            case 9:
                return is(name, "forwarded") || is(name, "x-real-ip") ? DROP : COPY;
            case 10:
                if (is(name, "tracestate")) {
                    return TRACESTATE;
                }
                return is(name, "connection") || is(name, "keep-alive") ? DROP : COPY;
            case 11:
                return is(name, "traceparent") ? DROP : COPY;
            case 12:
                return is(name, RequestIds.HEADER) ? DROP : COPY;
            case 15:
                if (is(name, "x-forwarded-for")) {
                    return FORWARDED_FOR;
                }
                return COPY;
            case 16:
                return is(name, "x-forwarded-host") || is(name, "x-forwarded-port") ? DROP : COPY;
            case 17:
                return isTransferEncoding(name) || is(name, "x-forwarded-proto") ? DROP : COPY;
            default:
                return COPY;
        }
    }

    private static boolean droppedFromResponse(String name) {
        if (isProxy(name)) {
            return true;
        }
        switch (name.length()) {
            case 2:
                return is(name, "te");
            case 6:
                return is(name, "server");
            case 7:
                return is(name, "trailer") || is(name, "upgrade");
            case 10:
                return is(name, "connection") || is(name, "keep-alive");
            case 12:
                return is(name, "x-powered-by");
            default:
                return false;
        }
    }

    private static boolean isTransferEncoding(String name) {
        return is(name, "transfer-encoding");
    }

    /** Proxy-Authorization, Proxy-Authenticate, Proxy-Connection, ...: meant for the next proxy, never the service. */
    private static boolean isProxy(String name) {
        return name.length() > 6 && name.regionMatches(true, 0, "proxy-", 0, 6);
    }

    private static boolean is(String name, String lowerCase) {
        return name.length() == lowerCase.length() && name.regionMatches(true, 0, lowerCase, 0, lowerCase.length());
    }

    /** The current time as an HTTP date, formatted at most once a second. */
    static final class HttpDate {

        private record Formatted(long second, String text) {
        }

        private static volatile Formatted current = new Formatted(-1, "");

        private HttpDate() {
        }

        static String now() {
            long millis = System.currentTimeMillis();
            long second = millis / 1000;
            Formatted formatted = current;
            if (formatted.second() != second) {
                formatted = new Formatted(second, DateFormatter.format(new Date(second * 1000)));
                current = formatted;
            }
            return formatted.text();
        }
    }
}
