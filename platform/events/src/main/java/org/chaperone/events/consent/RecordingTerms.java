package org.chaperone.events.consent;

/** What a recording is for and how long it is kept (rule R2); present only for {@code RECORDING}. */
public record RecordingTerms(String purpose, int retentionDays) {
}
