package org.chaperone.events.consent;

/** How a decision reached the school: the parent app, or office staff recording an email, paper form or call. */
public enum DecisionChannel {
    PARENT_APP,
    EMAIL,
    PAPER,
    PHONE
}
