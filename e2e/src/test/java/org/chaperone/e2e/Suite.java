package org.chaperone.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.local.Console;
import org.chaperone.local.DemoIds;
import org.chaperone.local.DemoScheduling;
import org.chaperone.local.DemoTrust;
import org.chaperone.local.DevKeys;
import org.chaperone.local.DevTokens;
import org.chaperone.local.DevTokens.TokenRequest;
import org.chaperone.local.LocalPaths;
import org.chaperone.local.LocalStack;
import org.chaperone.local.ServiceProcess;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole suite, started once per test JVM the way {@code deploy/local/run} starts it (PostgreSQL, a Kafka broker
 * and every service as processes of their own, GreenMail in this JVM, the demo trust loaded), on a data directory
 * of its own under {@code e2e/target/stack}. Tests talk to it only through the gateway, with tokens signed by the
 * stack's dev key, as an identity provider's would be. Stopped when the JVM's tests are done.
 *
 * <p>It runs on the local stack's fixed ports, so a developer's {@code deploy/local/run} must be stopped first: the
 * start fails naming the ports taken.
 */
public final class Suite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource,
        AutoCloseable {

    /** The escalation windows a school may set, and how often the clock and sender look, shortened for tests. */
    static final Map<String, String> SETTINGS = Map.of(
            "CHAPERONE_NOTIFICATION_ESCALATION_SHORTEST_WINDOW", "1s",
            "CHAPERONE_NOTIFICATION_ESCALATION_POLL_INTERVAL", "500ms",
            // a delivery claimed by a notification-service killed mid-send is retried after this
            "CHAPERONE_NOTIFICATION_DELIVERY_LEASE", "40s",
            "CHAPERONE_NOTIFICATION_DELIVERY_FIRST_RETRY", "2s",
            "CHAPERONE_NOTIFICATION_DELIVERY_MAX_ATTEMPTS", "12",
            // the tests load hundreds of records from one address; the gateway's own tests cover the limits
            "CHAPERONE_RATE_LIMIT_PER_IP", "1000000",
            "CHAPERONE_RATE_LIMIT_PER_SUBJECT", "1000000");

    /**
     * What the services are given: {@link #SETTINGS}, and on top {@code -De2e.service-env=NAME=value,...} to try a
     * setting, or to break a promise on purpose and see the tests fail (e.g. {@code CHAPERONE_SMTP_PORT=1}: no
     * alert and no invite can reach anyone).
     */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>(SETTINGS);
        String extra = System.getProperty("e2e.service-env", "");
        for (String pair : extra.split(",")) {
            if (!pair.isBlank()) {
                int equals = pair.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("e2e.service-env takes NAME=value pairs, comma-separated, "
                            + "not " + pair);
                }
                settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return settings;
    }

    private static LocalStack stack;
    private static Instant started;
    private static Duration startup;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (Suite.class) {
            if (stack == null) {
                LocalPaths paths = new LocalPaths(LocalPaths.discover().repoRoot(),
                        LocalPaths.discover().repoRoot().resolve("e2e/target/stack"));
                LocalStack starting = new LocalStack(paths, new Console(Instant.now()), settings());
                started = Instant.now();
                try {
                    starting.start();
                } catch (Exception e) {
                    starting.stop();
                    throw e;
                }
                startup = Duration.between(started, Instant.now());
                stack = starting;
                // a test JVM ended by a signal (Ctrl-C, a timeout) stops its processes too
                Runtime.getRuntime().addShutdownHook(new Thread(starting::stop, "e2e-stack-stop"));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Suite.class.getName(), this);
            }
        }
    }

    /** Stops the stack once every test class of the JVM has run. */
    @Override
    public void close() {
        synchronized (Suite.class) {
            if (stack != null) {
                stack.stop();
                stack = null;
            }
        }
    }

    static LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("The suite is not running: annotate the test with "
                    + "@ExtendWith(Suite.class)");
        }
        return stack;
    }

    static Duration startup() {
        return startup;
    }

    static URI gateway() {
        return URI.create(ServiceProcess.GATEWAY.url());
    }

    static Path data() {
        return stack().paths().data();
    }

    static DemoTrust trust() {
        return DemoTrust.load();
    }

    static DemoScheduling scheduling() {
        return DemoScheduling.load();
    }

    static DemoIds ids() {
        try {
            return DemoIds.read(stack().paths().demoIds()).orElseThrow(
                    () -> new IllegalStateException("The stack loaded no demo data (see its output above)"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey signingKey() {
        try {
            return DevKeys.loadOrCreate(stack().paths().keys()).privateKey();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token like the identity provider's, for a member of a school's staff (or the trust's) in {@code role}. */
    static String token(String subject, String role, String... schools) {
        return DevTokens.mint(new TokenRequest(subject, List.of(role), List.of(schools), null, Duration.ofHours(1)),
                signingKey(), Instant.now());
    }

    /** A parent's token: it names the guardian it speaks for. */
    static String parentToken(UUID guardianId, String school) {
        return DevTokens.mint(new TokenRequest(DevTokens.parentSubject(guardianId), List.of("parent"),
                List.of(school), guardianId, Duration.ofHours(1)), signingKey(), Instant.now());
    }
}
