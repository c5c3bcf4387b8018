package org.chaperone.notification.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.chaperone.notification.config.NotificationConfig;

/**
 * Seals an invite's join link and passcode (AES-256-GCM, a fresh 96-bit nonce each time, the event id as
 * associated data) while the e-mail waits to be sent: they never rest in a table in plain text.
 */
@ApplicationScoped
public class SecretSeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final TypeReference<Map<String, String>> SECRETS = new TypeReference<>() {
    };
    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;
    private final ObjectMapper json;

    @Inject
    public SecretSeal(NotificationConfig config, ObjectMapper json) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.secretKey());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalStateException("chaperone.notification.secret-key must be 32 bytes, base64");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.json = json;
    }

    public String seal(String eventId, Map<String, String> secrets) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(eventId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(secrets));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** @throws IllegalStateException when the seal was made with another key or for another event */
    public Map<String, String> open(String eventId, String sealed) {
        if (sealed == null) {
            return Map.of();
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(eventId.getBytes(StandardCharsets.UTF_8));
            return json.readValue(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), SECRETS);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the sealed secrets cannot be opened (another key?)");
        }
    }
}
