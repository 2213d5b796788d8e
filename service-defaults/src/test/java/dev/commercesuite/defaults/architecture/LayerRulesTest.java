package dev.commercesuite.defaults.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;

import dev.commercesuite.defaults.testing.LayerRules;

class LayerRulesTest {

    private static final String SAMPLE = "dev.commercesuite.defaults.architecture.sample";

    @Test
    void repositoryReachingUpIntoRestIsReported() {
        JavaClasses sample = new ClassFileImporter().importPackages(SAMPLE);

        EvaluationResult result = LayerRules.layers(SAMPLE).evaluate(sample);

        assertTrue(result.hasViolation());
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(report.contains("GreetingStore") && report.contains("GreetingRequest"), report);
        assertFalse(report.contains("Greetings.greet"), "a service calling its repository is allowed:\n" + report);
    }
}
