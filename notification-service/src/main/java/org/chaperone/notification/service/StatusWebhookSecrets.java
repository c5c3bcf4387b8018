package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.chaperone.notification.domain.StatusWebhook;

/**
 * The signing secrets of the status webhooks: 256 random bits, written as base64url, made here and shown to the
 * school once; kept sealed by {@link SecretSeal} with the school id as associated data, so a sealed secret copied to
 * another school's row does not open. The HMAC key is the secret's text in UTF-8, as for the SMS and push providers.
 */
@ApplicationScoped
public class StatusWebhookSecrets {

    private static final String KEY = "secret";
    private final SecureRandom random = new SecureRandom();

    @Inject
    SecretSeal seal;

    /** A new secret, in the clear (to show once) and sealed (to store). */
    public Fresh create(String schoolId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Fresh(secret, seal.seal(context(schoolId), Map.of(KEY, secret)));
    }

    /** The HMAC key of a webhook; empty when its seal cannot be opened (the service's key changed). */
    public Optional<byte[]> open(StatusWebhook webhook) {
        try {
            String secret = seal.open(context(webhook.schoolId()), webhook.sealedSecret()).get(KEY);
            return Optional.ofNullable(secret).map(s -> s.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static String context(String schoolId) {
        return "status-webhook/" + schoolId;
    }

    /** A secret just made: {@code secret} is shown once, {@code sealed} is stored. */
    public record Fresh(String secret, String sealed) {

        @Override
        public String toString() {
            return "Fresh[secret=(hidden)]";
        }
    }
}
