package org.chaperone.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The range checker on its own: which addresses and hosts a registered URL may reach, without any DNS. */
class OutboundAddressRuleTest {

    static final OutboundAddressRule PUBLIC_ONLY = OutboundAddressRule.publicOnly();

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | 127.0.0.0/8 (loopback)",
            "127.255.255.254 | 127.0.0.0/8 (loopback)",
            "10.0.0.1 | 10.0.0.0/8 (private)",
            "10.255.255.255 | 10.0.0.0/8 (private)",
            "172.16.0.1 | 172.16.0.0/12 (private)",
            "172.31.255.255 | 172.16.0.0/12 (private)",
            "192.168.1.1 | 192.168.0.0/16 (private)",
            "169.254.169.254 | 169.254.0.0/16 (link-local, cloud metadata)",
            "100.64.0.1 | 100.64.0.0/10 (carrier-grade NAT)",
            "100.127.255.255 | 100.64.0.0/10 (carrier-grade NAT)",
            "0.0.0.0 | 0.0.0.0/8 (this network)",
            "0.1.2.3 | 0.0.0.0/8 (this network)",
            "224.0.0.1 | 224.0.0.0/4 (multicast)",
            "239.255.255.250 | 224.0.0.0/4 (multicast)",
            "255.255.255.255 | 240.0.0.0/4 (reserved, broadcast)",
            "::1 | ::1/128 (loopback)",
            ":: | ::/128 (unspecified)",
            "fc00::1 | fc00::/7 (unique local, private)",
            "fd12:3456::1 | fc00::/7 (unique local, private)",
            "fe80::1 | fe80::/10 (link-local)",
            "febf:ffff::1 | fe80::/10 (link-local)",
            "ff02::1 | ff00::/8 (multicast)",
            "::ffff:127.0.0.1 | 127.0.0.0/8 (loopback)",
            "::ffff:10.1.2.3 | 10.0.0.0/8 (private)",
            "::ffff:169.254.169.254 | 169.254.0.0/16 (link-local, cloud metadata)",
            "::ffff:0.0.0.0 | 0.0.0.0/8 (this network)",
            "64:ff9b::a9fe:a9fe | 169.254.0.0/16 (link-local, cloud metadata) inside an IPv6 address",
            "2002:0a00:0001::1 | 10.0.0.0/8 (private) inside an IPv6 address",
            "::7f00:1 | ::/96 (IPv4-compatible, deprecated)"})
    void nonPublicAddressesAreRefusedNamingTheirRange(String address, String range) throws Exception {
        assertThat(PUBLIC_ONLY.refusal(address(address))).as(address).hasValueSatisfying(why ->
                assertThat(why).startsWith(range));
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(PUBLIC_ONLY.refusalOfHost(host)).as("registered as " + host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.1", "172.15.255.255", "172.32.0.1",
            "192.167.255.255", "192.169.0.1", "169.253.255.255", "169.255.0.1", "100.63.255.255", "100.128.0.1",
            "126.255.255.255", "128.0.0.1", "223.255.255.255", "2001:4860:4860::8888", "2a00:1450:4009::200e",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    void publicAddressesMayBeCalled(String address) throws Exception {
        assertThat(PUBLIC_ONLY.refusal(address(address))).as(address).isEmpty();
        String host = address.contains(":") ? "[" + address + "]" : address;
        assertThat(PUBLIC_ONLY.refusalOfHost(host)).as(host).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "api.localhost", "a.b.LocalHost", "intranet",
            "sms-gateway", "metadata", "kubernetes.", "010.0.0.1", "127.000.000.001", "[fe80::1%25eth0]"})
    void localNamesAndAmbiguousLiteralsAreRefusedAtRegistrationWithoutDns(String host) {
        assertThat(PUBLIC_ONLY.refusalOfHost(host)).as(host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"school-app.example.org", "hooks.academy.sch.uk", "kubernetes.default.svc",
            "127.0.0.1.nip.io", "10-0-0-1.example.org"})
    void namesWithADotPassRegistrationAndAreJudgedBySendTimeResolution(String host) {
        // Registration cannot know where a name leads (and must not ask DNS, whose answer may change): the sender
        // resolves it and judges every address then. Internal names with dots are caught there.
        assertThat(PUBLIC_ONLY.refusalOfHost(host)).as(host).isEmpty();
    }

    @Test
    void hostsAreTakenFromUrisAsTheServiceDoes() {
        assertThat(PUBLIC_ONLY.refusalOfHost(URI.create("https://[::ffff:7f00:1]:8443/x").getHost())).isPresent();
        assertThat(PUBLIC_ONLY.refusalOfHost(URI.create("https://169.254.169.254/latest/meta-data/").getHost()))
                .hasValueSatisfying(why -> assertThat(why).contains("169.254.0.0/16"));
        assertThat(PUBLIC_ONLY.refusalOfHost(URI.create("https://school-app.example.org/status").getHost())).isEmpty();
        assertThat(PUBLIC_ONLY.refusalOfHost(null)).isPresent();
    }

    @Test
    void allowedRangesLetTheirAddressesThroughAndNothingElse() throws Exception {
        OutboundAddressRule rule = OutboundAddressRule.allowing(List.of("10.20.0.0/16", " 192.168.4.7/32 ",
                "fd00:1::/64", "127.0.0.1"));
        assertThat(rule.refusal(address("10.20.3.4"))).isEmpty();
        assertThat(rule.refusal(address("10.21.0.1"))).isPresent();
        assertThat(rule.refusal(address("192.168.4.7"))).isEmpty();
        assertThat(rule.refusal(address("192.168.4.8"))).isPresent();
        assertThat(rule.refusal(address("fd00:1::9"))).isEmpty();
        assertThat(rule.refusal(address("fd00:2::9"))).isPresent();
        assertThat(rule.refusal(address("127.0.0.1"))).isEmpty();
        assertThat(rule.refusal(address("127.0.0.2"))).isPresent();
        assertThat(rule.refusal(address("::ffff:10.20.3.4"))).as("the mapped form of an allowed address").isEmpty();
        assertThat(rule.refusal(address("169.254.169.254"))).isPresent();
        assertThat(rule.refusalOfHost("10.20.3.4")).isEmpty();
        assertThat(rule.refusalOfHost("[fd00:1::9]")).isEmpty();
        assertThat(rule.refusalOfHost("localhost")).as("a name is never an allowed range").isPresent();
        assertThat(OutboundAddressRule.allowing(List.of())).usingRecursiveComparison().isEqualTo(PUBLIC_ONLY);
        assertThat(OutboundAddressRule.allowing(List.of("", " "))).usingRecursiveComparison().isEqualTo(PUBLIC_ONLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0.1/8", "10.0.0/8", "010.0.0.0/8",
            "example.org/8", "localhost", "fd00::/129", "fd00::1/8", "[abc]/8", "abc", "::g/64", "1.2.3.4/-1"})
    void rangesThatAreNotCidrAreRejectedWithoutAskingDns(String cidr) {
        assertThatThrownBy(() -> OutboundAddressRule.allowing(List.of(cidr))).as(cidr)
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangesAreParsedExactly() {
        AddressRange range = AddressRange.parse("172.16.0.0/12", "private");
        assertThat(range.contains(new byte[] {(byte) 172, 16, 0, 0})).isTrue();
        assertThat(range.contains(new byte[] {(byte) 172, 31, (byte) 255, (byte) 255})).isTrue();
        assertThat(range.contains(new byte[] {(byte) 172, 32, 0, 0})).isFalse();
        assertThat(range.contains(new byte[16])).as("another family").isFalse();
        assertThat(range.describe()).isEqualTo("172.16.0.0/12 (private)");
        assertThat(AddressRange.parse("0.0.0.0/0", "all").contains(new byte[] {8, 8, 8, 8})).isTrue();
    }

    /** An address from a literal: the JDK parses literals itself and never asks DNS for one. */
    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal.contains(":") ? "[" + literal + "]" : literal);
    }
}
