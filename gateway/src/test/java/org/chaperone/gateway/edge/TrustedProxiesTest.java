package org.chaperone.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies ingress = TrustedProxies.of(List.of("10.42.0.0/16", "192.0.2.7", "fd00::/8"));

    @Test
    void withoutTrustedProxiesTheSocketIsTheCaller() {
        assertThat(TrustedProxies.of(List.of()).client("10.42.3.4", List.of("203.0.113.9"))).isEqualTo("10.42.3.4");
    }

    @Test
    void aCallerOutsideCannotNameItsOwnAddress() {
        assertThat(ingress.client("198.51.100.20", List.of("203.0.113.9"))).isEqualTo("198.51.100.20");
        assertThat(ingress.client("10.43.0.1", List.of("203.0.113.9"))).as("next to the range, not in it")
                .isEqualTo("10.43.0.1");
    }

    @Test
    void behindTheIngressTheAddressItSawIsTheCallerWhateverTheCallerWroteBeforeIt() {
        assertThat(ingress.client("10.42.3.4", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // The caller sent "X-Forwarded-For: 1.2.3.4, 5.6.7.8"; the ingress appended what it saw.
        assertThat(ingress.client("10.42.3.4", List.of("1.2.3.4, 5.6.7.8, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(ingress.client("10.42.3.4", List.of("1.2.3.4", "203.0.113.9"))).as("the header sent twice")
                .isEqualTo("203.0.113.9");
    }

    @Test
    void trustedHopsAreSkippedFromTheRight() {
        assertThat(ingress.client("10.42.3.4", List.of("1.2.3.4, 203.0.113.9, 192.0.2.7, 10.42.9.9")))
                .isEqualTo("203.0.113.9");
        assertThat(ingress.client("10.42.3.4", List.of("10.42.0.1, 192.0.2.7"))).as("all trusted: the first hop")
                .isEqualTo("10.42.0.1");
        assertThat(ingress.client("10.42.3.4", List.of())).as("no header: the proxy itself").isEqualTo("10.42.3.4");
    }

    @Test
    void somethingThatIsNotAnAddressEndsTheWalkAtTheLastTrustedHop() {
        assertThat(ingress.client("10.42.3.4", List.of("203.0.113.9, evil.example"))).isEqualTo("10.42.3.4");
        assertThat(ingress.client("10.42.3.4", List.of("unknown, 192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(ingress.client("10.42.3.4", List.of("203.0.113.9, "))).isEqualTo("10.42.3.4");
    }

    @Test
    void portsAndIpv6AreUnderstood() {
        assertThat(ingress.client("10.42.3.4", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        assertThat(ingress.client("fd12::1", List.of("[2001:db8::5]:4711"))).isEqualTo("2001:db8::5");
        assertThat(ingress.client("fd12::1", List.of("2001:db8::5, fd00::9"))).isEqualTo("2001:db8::5");
        assertThat(ingress.client("2001:db8::1", List.of("203.0.113.9"))).isEqualTo("2001:db8::1");
    }

    @Test
    void prefixesCutMidByte() {
        TrustedProxies narrow = TrustedProxies.of(List.of("172.16.0.0/12"));
        assertThat(narrow.client("172.31.255.1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(narrow.client("172.32.0.1", List.of("203.0.113.9"))).isEqualTo("172.32.0.1");
        assertThat(narrow.client("172.15.255.255", List.of("203.0.113.9"))).isEqualTo("172.15.255.255");
    }

    @Test
    void aMalformedRangeIsRefusedAtStart() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("ingress.local"))).hasMessageContaining("ingress.local");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
    }
}
