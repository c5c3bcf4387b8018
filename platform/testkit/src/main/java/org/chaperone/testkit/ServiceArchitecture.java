package org.chaperone.testkit;

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

/**
 * The house architecture of a service, as ArchUnit rules each service's test runs on its own classes:
 * {@code rest → service → repository → domain} one-way, {@code event} (outbox writes and consumers) beside
 * {@code service}, a domain that depends on nothing else of ours, entities that never reach {@code rest}, and
 * use cases that read only through school-scoped finders.
 */
public final class ServiceArchitecture {

    /** Panache finders that take no school scope: calling them from a use case would bypass tenancy. */
    static final Set<String> UNSCOPED = Set.of("findById", "findByIdOptional", "findAll", "listAll", "streamAll",
            "find", "list", "stream", "count", "delete", "deleteAll", "deleteById", "update");

    private final String base;
    private final JavaClasses classes;

    private ServiceArchitecture(String base) {
        this.base = base;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
    }

    /** The rules for the service whose classes live under {@code basePackage}, e.g. {@code org.chaperone.consent}. */
    public static ServiceArchitecture of(String basePackage) {
        return new ServiceArchitecture(basePackage);
    }

    public void layersAreOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("REST").definedBy(base + ".rest..")
                .layer("Service").definedBy(base + ".service..")
                .layer("Event").definedBy(base + ".event..")
                .layer("Repository").definedBy(base + ".repository..")
                .layer("Domain").definedBy(base + ".domain..")
                .layer("Config").definedBy(base + ".config..")
                .whereLayer("REST").mayNotBeAccessedByAnyLayer()
                // Consumers in event/ call use cases, as resources in rest/ do.
                .whereLayer("Service").mayOnlyBeAccessedByLayers("REST", "Event")
                .whereLayer("Event").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Service")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("REST", "Service", "Event", "Repository")
                .check(classes);
    }

    public void domainDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".rest..", base + ".service..",
                        base + ".repository..", base + ".event..", "org.chaperone.runtime..", "org.chaperone.events..",
                        "io.quarkus..")
                .check(classes);
    }

    public void entitiesNeverReachTheRestLayer() {
        noClasses().that().resideInAPackage(base + ".rest..")
                .should().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .check(classes);
    }

    public void useCasesReadOnlyThroughSchoolScopedFinders() {
        noClasses().that().resideInAPackage(base + ".service..")
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("an unscoped Panache finder") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return UNSCOPED.contains(call.getName()) && call.getTarget().resolveMember()
                                .map(method -> method.getOwner().isEquivalentTo(PanacheRepositoryBase.class))
                                .orElse(false);
                    }
                })
                .check(classes);
    }
}
