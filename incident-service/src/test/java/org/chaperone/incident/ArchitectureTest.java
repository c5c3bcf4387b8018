package org.chaperone.incident;

import org.chaperone.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** Keeps incident-service's layers one-way: rest → service → repository → domain. */
class ArchitectureTest {

    static final ServiceArchitecture RULES = ServiceArchitecture.of("org.chaperone.incident");

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
