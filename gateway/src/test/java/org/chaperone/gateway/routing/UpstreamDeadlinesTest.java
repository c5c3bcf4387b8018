package org.chaperone.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's bookkeeping, with the clock passed in: no waiting. */
class UpstreamDeadlinesTest {

    private final List<String> expired = new ArrayList<>();

    private UpstreamDeadlines.Pending pending(String name) {
        return new UpstreamDeadlines.Pending() {
            @Override
            void expired() {
                expired.add(name);
            }
        };
    }

    @Test
    void onlyWhatIsPastItsDeadlineExpiresAndOnlyOnce() {
        UpstreamDeadlines.Loop loop = new UpstreamDeadlines.Loop();
        loop.link(pending("a"), 1_000);
        loop.link(pending("b"), 5_000);
        loop.link(pending("c"), 2_000);

        loop.sweep(999);
        assertThat(expired).isEmpty();
        loop.sweep(2_000);
        assertThat(expired).containsExactly("a", "c");
        assertThat(loop.size()).isEqualTo(1);
        loop.sweep(4_000);
        assertThat(expired).containsExactly("a", "c");
        loop.sweep(10_000);
        assertThat(expired).containsExactly("a", "c", "b");
        assertThat(loop.size()).isZero();
    }

    @Test
    void whatIsDoneInTimeNeverExpires() {
        UpstreamDeadlines deadlines = new UpstreamDeadlines(null);
        UpstreamDeadlines.Loop loop = new UpstreamDeadlines.Loop();
        UpstreamDeadlines.Pending answered = pending("answered");
        UpstreamDeadlines.Pending middle = pending("middle");
        UpstreamDeadlines.Pending last = pending("last");
        loop.link(answered, 1_000);
        loop.link(middle, 1_000);
        loop.link(last, 1_000);

        deadlines.done(middle);
        deadlines.done(middle); // twice is harmless
        deadlines.done(answered);
        assertThat(loop.size()).isEqualTo(1);
        loop.sweep(5_000);
        assertThat(expired).containsExactly("last");
        deadlines.done(last); // after it expired: harmless too
        assertThat(loop.size()).isZero();
    }

    @Test
    void anExpiryThatEndsOthersDoesNotLoseTheRest() {
        UpstreamDeadlines deadlines = new UpstreamDeadlines(null);
        UpstreamDeadlines.Loop loop = new UpstreamDeadlines.Loop();
        UpstreamDeadlines.Pending second = pending("second");
        UpstreamDeadlines.Pending first = new UpstreamDeadlines.Pending() {
            @Override
            void expired() {
                expired.add("first");
                deadlines.done(second);
            }
        };
        loop.link(first, 1_000);
        loop.link(second, 1_000);
        loop.link(pending("third"), 1_000);
        loop.sweep(2_000);
        assertThat(expired).containsExactly("first", "third");
        assertThat(loop.size()).isZero();
    }
}
