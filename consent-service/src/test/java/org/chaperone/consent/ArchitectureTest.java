package org.chaperone.consent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps consent-service's layers one-way: rest → service → repository → domain. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.chaperone.consent");

    /** Panache finders that take no school scope: calling them from a use case would bypass tenancy. */
    static final Set<String> UNSCOPED = Set.of("findById", "findByIdOptional", "findAll", "listAll", "streamAll",
            "find", "list", "stream", "count", "delete", "deleteAll", "deleteById", "update");

    @Test
    void layersAreOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("REST").definedBy("org.chaperone.consent.rest..")
                .layer("Service").definedBy("org.chaperone.consent.service..")
                .layer("Event").definedBy("org.chaperone.consent.event..")
                .layer("Repository").definedBy("org.chaperone.consent.repository..")
                .layer("Domain").definedBy("org.chaperone.consent.domain..")
                .layer("Config").definedBy("org.chaperone.consent.config..")
                .whereLayer("REST").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("REST")
                .whereLayer("Event").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("REST", "Service", "Event", "Repository")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("org.chaperone.consent.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.chaperone.consent.rest..",
                        "org.chaperone.consent.service..", "org.chaperone.consent.repository..",
                        "org.chaperone.consent.event..", "org.chaperone.runtime..", "org.chaperone.events..",
                        "io.quarkus..")
                .check(CLASSES);
    }

    @Test
    void entitiesNeverReachTheRestLayer() {
        noClasses().that().resideInAPackage("org.chaperone.consent.rest..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .check(CLASSES);
    }

    @Test
    void useCasesReadOnlyThroughSchoolScopedFinders() {
        noClasses().that().resideInAPackage("org.chaperone.consent.service..")
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("an unscoped Panache finder") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return UNSCOPED.contains(call.getName()) && call.getTarget().resolveMember()
                                .map(method -> method.getOwner().isEquivalentTo(PanacheRepositoryBase.class))
                                .orElse(false);
                    }
                })
                .check(CLASSES);
    }
}
