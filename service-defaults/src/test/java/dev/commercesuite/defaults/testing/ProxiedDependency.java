package dev.commercesuite.defaults.testing;

import java.lang.annotation.Annotation;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A test resource that puts a {@link TcpProxy} between the service and one of its real dependencies, and injects
 * the proxy into the test field carrying the resource's marker annotation.
 */
abstract class ProxiedDependency implements QuarkusTestResourceLifecycleManager {

    protected TcpProxy proxy;

    /** The annotation that marks the test field receiving the proxy. */
    protected abstract Class<? extends Annotation> marker();

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(marker(), TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
