package dev.commercesuite.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link RunningSuite} for every test class that asks for it (a {@code RunningSuite} parameter of a
 * {@code @BeforeAll} method): started by the first, closed when the whole run ends. Starting the suite is the
 * slow part of these tests (about a minute here), so classes share it instead of starting their own.
 */
final class SharedSuite implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSuite.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // the root store closes what it holds (RunningSuite is AutoCloseable) once every class has run
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(RunningSuite.class, key -> start(),
                RunningSuite.class);
    }

    private static RunningSuite start() {
        try {
            return RunningSuite.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
