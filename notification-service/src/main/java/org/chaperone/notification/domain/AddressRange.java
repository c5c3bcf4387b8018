package org.chaperone.notification.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IP addresses in CIDR form ({@code 10.0.0.0/8}, {@code fc00::/7}) with what it is for. Parsed without
 * ever asking DNS: an IPv4 range must be a dotted quad, an IPv6 one a literal.
 */
public record AddressRange(byte[] network, int prefix, String cidr, String label) {

    public AddressRange {
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range");
        }
        network = network.clone();
    }

    /**
     * Parses {@code cidr} ({@code 10.0.0.0/8}, {@code 192.168.4.7/32}, {@code fd00::/8}); a bare address is its
     * own /32 or /128. Bits set past the prefix are refused ({@code 10.0.0.1/8} is likely a typo).
     *
     * @throws IllegalArgumentException naming what is wrong, never resolving a name
     */
    public static AddressRange parse(String cidr, String label) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address range (CIDR such as 10.0.0.0/8)");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            String bits = text.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            prefix = Integer.parseInt(bits);
        }
        AddressRange range = new AddressRange(bytes, prefix, text, label);
        if (!Arrays.equals(range.masked(bytes), bytes)) {
            throw new IllegalArgumentException("'" + text + "' has bits set past its prefix length");
        }
        return range;
    }

    /**
     * The bytes of an IP literal, or null when {@code text} is not one: a dotted quad of decimal numbers (no
     * leading zeros, which some resolvers read as octal), or an IPv6 literal with or without brackets. Never DNS.
     */
    public static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0 || text.startsWith("[")) {
            String bracketed = text.startsWith("[") ? text : "[" + text + "]";
            // Without a colon inside the brackets the JDK would look the text up as a name: never let it.
            if (!bracketed.endsWith("]") || bracketed.indexOf(':') < 0 || bracketed.indexOf('%') >= 0) {
                return null;
            }
            try {
                // Bracketed, the JDK parses it as an IPv6 literal or fails: it never falls back to a lookup.
                byte[] bytes = InetAddress.getByName(bracketed).getAddress();
                return bytes.length == 4 ? mapped(bytes) : bytes;
            } catch (UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }
        return dottedQuad(text);
    }

    /** A dotted quad's four bytes, or null (also for leading zeros, ambiguous between decimal and octal). */
    static byte[] dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}")) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** True for a dotted quad whose numbers carry leading zeros ({@code 010.0.0.1}): octal to some parsers. */
    static boolean ambiguousQuad(String text) {
        return text.matches("[0-9]{1,4}(\\.[0-9]{1,4}){3}") && dottedQuad(text) == null;
    }

    /** The IPv4-mapped IPv6 form of an IPv4 address ({@code ::ffff:a.b.c.d}), as the JDK folds it back. */
    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    /** Whether {@code address} (4 or 16 bytes) is in this range; an address of the other family never is. */
    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(masked(address), network);
    }

    private byte[] masked(byte[] address) {
        byte[] out = new byte[address.length];
        for (int i = 0; i < address.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (address[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    /** {@code 10.0.0.0/8 (private)}: what a refusal names. */
    public String describe() {
        return cidr + (label == null ? "" : " (" + label + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return describe();
    }
}
