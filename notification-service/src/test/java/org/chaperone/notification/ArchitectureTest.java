package org.chaperone.notification;

import org.chaperone.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Keeps notification-service's layers one-way: rest → service → repository → domain. */
class ArchitectureTest {

    static final ServiceArchitecture RULES = ServiceArchitecture.of("org.chaperone.notification");

    @Test
    void layersAreOneWay() {
        RULES.layersAreOneWay();
    }

    @Test
    void domainDependsOnNothingElseOfOurs() {
        RULES.domainDependsOnNothingElseOfOurs();
    }

    @Test
    void entitiesNeverReachTheRestLayer() {
        RULES.entitiesNeverReachTheRestLayer();
    }

    @Test
    void useCasesReadOnlyThroughSchoolScopedFinders() {
        RULES.useCasesReadOnlyThroughSchoolScopedFinders();
    }
}
