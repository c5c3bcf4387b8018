package org.chaperone.gateway.edge;

import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of the gateway whose {@code X-Forwarded-For} it believes (the ingress controller's pods),
 * as address ranges in CIDR notation, and the caller's address that follows from them.
 *
 * <p>A request whose socket comes from anywhere else is the caller itself: its {@code X-Forwarded-For} is not read,
 * so nobody outside picks their own rate-limit bucket. A request from a trusted proxy carries the chain the proxy
 * appended to; the caller is the nearest address in it, from the right, that is not itself a trusted proxy. What a
 * caller wrote further left is never reached, because the trusted proxy appended the address it saw after it.
 * Entries are parsed as IP literals only (never looked up in DNS); an entry that is not one ends the walk at the
 * last trusted hop.
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Ranges such as {@code 10.42.0.0/16}, {@code 192.0.2.7} or {@code fd00::/8}; a malformed one is refused. */
    public static TrustedProxies of(List<String> cidrs) {
        if (cidrs.isEmpty()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            ranges.add(Range.parse(cidr.trim()));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The caller's address: {@code peer} (the socket's), unless the peer is a trusted proxy; then the nearest
     * untrusted address of the {@code X-Forwarded-For} values, read from the last value's last entry backwards.
     */
    public String client(String peer, List<String> forwardedFor) {
        if (ranges.isEmpty() || !trusted(NetUtil.createByteArrayFromIpAddressString(peer))) {
            return peer;
        }
        String nearest = peer;
        for (int v = forwardedFor.size() - 1; v >= 0; v--) {
            String value = forwardedFor.get(v);
            int end = value.length();
            while (end > 0) {
                int comma = value.lastIndexOf(',', end - 1);
                String entry = address(value.substring(comma + 1, end).trim());
                byte[] bytes = entry == null ? null : NetUtil.createByteArrayFromIpAddressString(entry);
                if (bytes == null) {
                    return nearest; // not an address: the last trusted hop's observation is all that is known
                }
                if (!trusted(bytes)) {
                    return entry;
                }
                nearest = entry;
                end = comma;
            }
        }
        return nearest; // every hop was a trusted proxy
    }

    /** The address of an entry: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}, {@code 2001:db8::1}. */
    private static String address(String entry) {
        if (entry.isEmpty()) {
            return null;
        }
        if (entry.charAt(0) == '[') {
            int close = entry.indexOf(']');
            return close < 0 ? null : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && entry.indexOf(':', colon + 1) < 0) {
            return entry.substring(0, colon); // IPv4 with a port
        }
        return entry;
    }

    private boolean trusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private record Range(byte[] network, int prefix) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] network = NetUtil.createByteArrayFromIpAddressString(host);
            if (network == null) {
                throw new IllegalArgumentException("trusted proxy " + cidr + " is not an IP address or CIDR range");
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("trusted proxy " + cidr + " has a prefix length outside 0-"
                            + bits);
                }
            }
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
