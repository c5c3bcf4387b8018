package org.chaperone.notification.domain;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where notification-service may call a URL that a caller registered (a school app's status webhook, a person's app
 * webhook): public addresses only, so that a registered URL cannot reach the cluster, the node, the pod itself or
 * the cloud's metadata service (server-side request forgery). The operator may allow named non-public ranges, e.g.
 * an internal gateway ({@code chaperone.notification.outbound.allowed-private-ranges}).
 *
 * <p>Two checks: {@link #refusalOfHost} at registration, on the host as written and without DNS (a name's answer may
 * change); {@link #refusal(InetAddress)} at send time, on every address the name resolves to then (DNS rebinding).
 */
public final class OutboundAddressRule {

    /** The rule's id in problem responses and in the reason a refused call is kept with. */
    public static final String RULE = "PublicAddress";

    /**
     * Blocks that are not the public internet (IANA special-purpose registries): an address in one is refused
     * unless an allowed range holds it. IPv6 forms that embed an IPv4 address are judged by that address.
     */
    static final List<AddressRange> NON_PUBLIC = List.of(
            range("0.0.0.0/8", "this network"),
            range("10.0.0.0/8", "private"),
            range("100.64.0.0/10", "carrier-grade NAT"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local, cloud metadata"),
            range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "IETF protocol assignments"),
            range("192.0.2.0/24", "documentation"),
            range("192.168.0.0/16", "private"),
            range("198.18.0.0/15", "benchmarking"),
            range("198.51.100.0/24", "documentation"),
            range("203.0.113.0/24", "documentation"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved, broadcast"),
            range("::/128", "unspecified"),
            range("::1/128", "loopback"),
            range("::/96", "IPv4-compatible, deprecated"),
            range("::ffff:0:0:0/96", "IPv4-translated"),
            range("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
            range("100::/64", "discard-only"),
            range("2001:db8::/32", "documentation"),
            range("fc00::/7", "unique local, private"),
            range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local, deprecated"),
            range("ff00::/8", "multicast"));

    private static final AddressRange MAPPED = range("::ffff:0:0/96", "IPv4-mapped");
    private static final AddressRange NAT64 = range("64:ff9b::/96", "IPv4/IPv6 translation");
    private static final AddressRange SIX_TO_FOUR = range("2002::/16", "6to4");

    private final List<AddressRange> allowed;

    private OutboundAddressRule(List<AddressRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Public addresses only. */
    public static OutboundAddressRule publicOnly() {
        return new OutboundAddressRule(List.of());
    }

    /**
     * Public addresses and those in {@code cidrs} ({@code 10.20.0.0/16}, {@code fd00:1::/64}).
     *
     * @throws IllegalArgumentException naming a range that is not valid CIDR
     */
    public static OutboundAddressRule allowing(List<String> cidrs) {
        return new OutboundAddressRule(cidrs.stream().filter(c -> !c.isBlank())
                .map(c -> AddressRange.parse(c, "allowed")).toList());
    }

    public List<AddressRange> allowed() {
        return allowed;
    }

    /**
     * Why a call to {@code address} is refused ("127.0.0.0/8 (loopback)"), or empty when it is public or in an
     * allowed range.
     */
    public Optional<String> refusal(InetAddress address) {
        return refusal(address.getAddress());
    }

    /** As {@link #refusal(InetAddress)}, for the 4 or 16 bytes of an address. */
    public Optional<String> refusal(byte[] address) {
        if (isAllowed(address)) {
            return Optional.empty();
        }
        byte[] embedded = embeddedIPv4(address);
        if (embedded != null) {
            if (isAllowed(embedded)) {
                return Optional.empty();
            }
            Optional<String> inner = nonPublic(embedded);
            if (inner.isPresent()) {
                return Optional.of(inner.get() + " inside an IPv6 address");
            }
            return Optional.empty();
        }
        return nonPublic(address);
    }

    /**
     * Why a URL with this {@code host} (as {@link java.net.URI#getHost()} gives it) is refused at registration, or
     * empty. Never resolves the name: an IP literal is judged as an address; {@code localhost}, {@code *.localhost}
     * and names without a dot (which name hosts inside the cluster or on the node) are refused whatever the
     * allowed ranges.
     */
    public Optional<String> refusalOfHost(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            byte[] v6 = AddressRange.literal(name);
            if (v6 == null) {
                return Optional.of("an IPv6 literal with a zone or not understood");
            }
            return refusal(v6);
        }
        if (AddressRange.ambiguousQuad(name)) {
            return Optional.of("an IPv4 address written with leading zeros (read as octal by some resolvers)");
        }
        byte[] v4 = AddressRange.dottedQuad(name);
        if (v4 != null) {
            return refusal(v4);
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.equals("localhost") || bare.endsWith(".localhost")) {
            return Optional.of("localhost");
        }
        if (bare.indexOf('.') < 0) {
            return Optional.of("a name without a dot (a host inside the cluster or on the node)");
        }
        return Optional.empty();
    }

    private boolean isAllowed(byte[] address) {
        return allowed.stream().anyMatch(r -> r.contains(address));
    }

    private static Optional<String> nonPublic(byte[] address) {
        return NON_PUBLIC.stream().filter(r -> r.contains(address)).findFirst().map(AddressRange::describe);
    }

    /** The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address; null for any other. */
    static byte[] embeddedIPv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        if (MAPPED.contains(address) || NAT64.contains(address)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return Arrays.copyOfRange(address, 2, 6);
        }
        return null;
    }

    private static AddressRange range(String cidr, String label) {
        return AddressRange.parse(cidr, label);
    }
}
