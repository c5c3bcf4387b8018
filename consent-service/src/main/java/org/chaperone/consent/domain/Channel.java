package org.chaperone.consent.domain;

/** How a decision reached the school. Anything but the parent app is recorded by office staff with evidence. */
public enum Channel {
    PARENT_APP,
    EMAIL,
    PAPER,
    PHONE
}
