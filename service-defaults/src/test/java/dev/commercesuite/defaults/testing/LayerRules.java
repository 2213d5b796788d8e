package dev.commercesuite.defaults.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The structure every service keeps, checked by each service's {@code ArchitectureTest} through {@link #check}:
 * <ul>
 * <li>Layers point down: {@code rest} (resources, request/response records, mapping; {@code web} for HTML pages) and
 * {@code job} are entry points that call {@code service}; services use {@code domain}, {@code repository},
 * {@code client} and {@code config}; health checks may read repositories and clients; nothing reaches back up.</li>
 * <li>A typed REST client ({@code @RegisterRestClient}) is package-private and used only by the one bean beside it
 * that owns its fault tolerance (a method with {@code @CircuitBreaker}).</li>
 * </ul>
 * Each service's {@code ArchitectureTest} asserts that {@link #violations} finds none.
 */
public final class LayerRules {

    private static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";
    private static final String CIRCUIT_BREAKER = "org.eclipse.microprofile.faulttolerance.CircuitBreaker";

    private LayerRules() {
    }

    /** The production classes under {@code basePackage} (tests excluded). */
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

    /** Typed REST clients stay behind the one bean that wraps them with fault tolerance. */
    public static ArchRule restClientsAreWrapped() {
        return classes().that().areAnnotatedWith(REGISTER_REST_CLIENT).should().notBePublic()
                .andShould().onlyBeAccessed().byClassesThat(ownFaultTolerance())
                .because("callers go through the client bean that owns @Timeout, @Retry and @CircuitBreaker");
    }

    private static DescribedPredicate<JavaClass> ownFaultTolerance() {
        return DescribedPredicate.describe("declare a @CircuitBreaker method",
                owner -> owner.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(CIRCUIT_BREAKER))
                        || owner.isAnnotatedWith(CIRCUIT_BREAKER));
    }

    /**
     * Every dependency under {@code basePackage} that points up a layer and every typed client used around its
     * wrapper, one line each; empty when the structure holds. A service's {@code ArchitectureTest} asserts it is empty.
     */
    public static List<String> violations(String basePackage) {
        JavaClasses classes = productionClasses(basePackage);
        List<String> violations = new ArrayList<>();
        // a service with no classes yet (order-service before its first issue) has nothing to break
        for (ArchRule rule : List.<ArchRule>of(layers(basePackage), restClientsAreWrapped())) {
            violations.addAll(rule.allowEmptyShould(true).evaluate(classes).getFailureReport().getDetails());
        }
        return violations;
    }
}
