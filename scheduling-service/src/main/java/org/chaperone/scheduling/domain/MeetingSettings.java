package org.chaperone.scheduling.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The meeting security profile the seeds require (R9), provider-neutral. Every setting has a secure value; a
 * school or a session may not weaken any of them.
 */
public record MeetingSettings(
        boolean waitingRoom,
        boolean lockAfterStart,
        boolean muteOnEntry,
        boolean hostOnlyScreenShare,
        boolean hostOnlyRecording,
        boolean hostOnlyChat,
        boolean hostOnlyAnnotation,
        boolean hostOnlyFileTransfer,
        boolean participantsMayRename,
        boolean breakoutRooms,
        boolean removedMayRejoin) {

    public static final MeetingSettings SECURE =
            new MeetingSettings(true, true, true, true, true, true, true, true, false, false, false);

    /** Each setting weaker than the secure profile, as a breach of R9 naming the setting. */
    public List<RuleBreach> weakerThanSecure(String fieldPrefix) {
        List<RuleBreach> breaches = new ArrayList<>();
        check(breaches, fieldPrefix, "waitingRoom", waitingRoom, true, "Use a waiting room");
        check(breaches, fieldPrefix, "lockAfterStart", lockAfterStart, true, "Lock the meeting once it starts");
        check(breaches, fieldPrefix, "muteOnEntry", muteOnEntry, true, "Mute participants on entry");
        check(breaches, fieldPrefix, "hostOnlyScreenShare", hostOnlyScreenShare, true, "Only hosts share screens");
        check(breaches, fieldPrefix, "hostOnlyRecording", hostOnlyRecording, true, "Only hosts record");
        check(breaches, fieldPrefix, "hostOnlyChat", hostOnlyChat, true, "Only hosts use chat");
        check(breaches, fieldPrefix, "hostOnlyAnnotation", hostOnlyAnnotation, true, "Only hosts annotate");
        check(breaches, fieldPrefix, "hostOnlyFileTransfer", hostOnlyFileTransfer, true, "Only hosts transfer files");
        check(breaches, fieldPrefix, "participantsMayRename", participantsMayRename, false,
                "Participants may not rename themselves");
        check(breaches, fieldPrefix, "breakoutRooms", breakoutRooms, false, "No breakout rooms");
        check(breaches, fieldPrefix, "removedMayRejoin", removedMayRejoin, false,
                "A removed participant may not rejoin");
        return breaches;
    }

    private static void check(List<RuleBreach> breaches, String prefix, String name, boolean actual, boolean secure,
            String message) {
        if (actual != secure) {
            breaches.add(new RuleBreach("R9", prefix + name, message));
        }
    }
}
