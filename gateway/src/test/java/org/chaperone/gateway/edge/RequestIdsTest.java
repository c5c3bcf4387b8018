package org.chaperone.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void newIdsAreDistinctWellFormedUuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.newId();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(UUID.fromString(id).version()).isEqualTo(8);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
            // A generated id is one the gateway itself would accept from a caller.
            assertThat(RequestIds.accept(id)).isSameAs(id);
            assertThat(seen.add(id)).as("duplicate id %s", id).isTrue();
        }
    }

    @Test
    void acceptsSafeCallerIdsAndReplacesOthers() {
        assertThat(RequestIds.accept("req-abcdef-12345")).isEqualTo("req-abcdef-12345");
        assertThat(RequestIds.accept("a1:b2.c3_d4")).isEqualTo("a1:b2.c3_d4");
        assertThat(RequestIds.accept("x".repeat(128))).isEqualTo("x".repeat(128));
        for (String bad : new String[] {null, "", "short", "-leading-dash", "bad id; <script>", "x".repeat(129),
                "ümlaut-123", "tab\there-1"}) {
            String replaced = RequestIds.accept(bad);
            assertThat(replaced).as(String.valueOf(bad)).isNotEqualTo(bad).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void traceparentValidation() {
        assertThat(RequestIds.validTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isTrue();
        assertThat(RequestIds.traceId("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(RequestIds.validTraceparent(null)).isFalse();
        assertThat(RequestIds.validTraceparent("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isFalse();
        assertThat(RequestIds.validTraceparent("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")).isFalse();
        assertThat(RequestIds.validTraceparent("00-00000000000000000000000000000000-b7ad6b7169203331-01")).isFalse();
        assertThat(RequestIds.validTraceparent("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")).isFalse();
        assertThat(RequestIds.validTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-")).isFalse();
        assertThat(RequestIds.validTraceparent("00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).isFalse();
        assertThat(RequestIds.validTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333g-01")).isFalse();
    }

    @Test
    void newTraceparentsAreValidAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String traceparent = RequestIds.newTraceparent();
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(RequestIds.validTraceparent(traceparent)).isTrue();
            assertThat(seen.add(traceparent)).isTrue();
        }
    }
}
