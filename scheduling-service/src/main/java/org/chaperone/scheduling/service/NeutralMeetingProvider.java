package org.chaperone.scheduling.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import org.chaperone.scheduling.config.SchedulingConfig;
import org.chaperone.scheduling.domain.MeetingProvider;
import org.chaperone.scheduling.domain.MeetingSettings;
import org.chaperone.scheduling.domain.SessionId;

/**
 * A provider-neutral meeting room: a join link with 256 random bits and a 10-character passcode, both from a
 * cryptographically secure generator; one room per session, never a personal meeting id (R9).
 */
@ApplicationScoped
public class NeutralMeetingProvider implements MeetingProvider {

    /** No 0/O, 1/I/L: passcodes are read aloud and typed by parents. */
    static final String PASSCODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int PASSCODE_LENGTH = 10;

    private final SecureRandom random = new SecureRandom();

    @Inject
    SchedulingConfig config;

    @Override
    public ProvisionedMeeting provision(SessionId session, MeetingSettings settings) {
        byte[] token = new byte[32];
        random.nextBytes(token);
        StringBuilder passcode = new StringBuilder(PASSCODE_LENGTH);
        for (int i = 0; i < PASSCODE_LENGTH; i++) {
            passcode.append(PASSCODE_ALPHABET.charAt(random.nextInt(PASSCODE_ALPHABET.length())));
        }
        return new ProvisionedMeeting(config.joinBaseUrl() + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token), passcode.toString());
    }
}
