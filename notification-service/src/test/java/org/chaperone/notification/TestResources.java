package org.chaperone.notification;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.chaperone.testkit.ChaperoneTestResources;

/**
 * Real PostgreSQL, a real broker, the test issuer's key, a real SMTP/IMAP server, HTTPS stand-ins of the SMS and push
 * providers, and a sealing key for this JVM.
 */
@WithTestResource(value = ChaperoneTestResources.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestMail.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestResources.SecretKey.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestProviders.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {

    private TestResources() {
    }

    /** A fresh AES-256 key per test JVM: no encryption key is committed. */
    public static class SecretKey implements QuarkusTestResourceLifecycleManager {
        private static final String KEY;

        static {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            KEY = Base64.getEncoder().encodeToString(key);
        }

        @Override
        public Map<String, String> start() {
            return Map.of("chaperone.notification.secret-key", KEY);
        }

        @Override
        public void stop() {
        }
    }
}
