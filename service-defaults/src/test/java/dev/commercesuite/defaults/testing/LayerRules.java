package dev.commercesuite.defaults.testing;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The layer rule every service keeps: {@code rest} (resources, request/response records, mapping; {@code web} for
 * HTML pages) and {@code job} are entry points that call {@code service}; services use {@code domain},
 * {@code repository}, {@code client} and {@code config}; nothing below reaches back up. A service's
 * {@code ArchitectureTest} calls {@link #check(String)} with its base package.
 */
public final class LayerRules {

    private LayerRules() {
    }

    /** The service's production classes under {@code basePackage} (tests excluded). */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    public static LayeredArchitecture layers(String basePackage) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Rest").definedBy(basePackage + ".rest..", basePackage + ".web..")
                .layer("Job").definedBy(basePackage + ".job..")
                .layer("Health").definedBy(basePackage + ".health..")
                .layer("Service").definedBy(basePackage + ".service..")
                .layer("Client").definedBy(basePackage + ".client..")
                .layer("Repository").definedBy(basePackage + ".repository..")
                .layer("Domain").definedBy(basePackage + ".domain..")
                .layer("Config").definedBy(basePackage + ".config..")
                .whereLayer("Rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("Job").mayNotBeAccessedByAnyLayer()
                .whereLayer("Health").mayNotBeAccessedByAnyLayer()
                .whereLayer("Service").mayOnlyBeAccessedByLayers("Rest", "Job", "Health")
                .whereLayer("Client").mayOnlyBeAccessedByLayers("Service", "Health")
                .whereLayer("Repository").mayOnlyBeAccessedByLayers("Service", "Health")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Rest", "Job", "Health", "Service", "Client",
                        "Repository")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Service", "Client", "Job", "Health");
    }

    /** Fails with every dependency that points up a layer. */
    public static void check(String basePackage) {
        // a service with no classes yet (order-service before its first issue) has nothing to break
        layers(basePackage).allowEmptyShould(true).check(productionClasses(basePackage));
    }
}
