package org.chaperone.testkit;

import io.quarkus.test.junit.callback.QuarkusTestBeforeClassCallback;

/**
 * Turns {@link DocumentedStatuses} on before each {@code @QuarkusTest} class of a module whose application serves
 * an OpenAPI document (it has the smallrye-openapi extension), so that no service's tests can forget it. Found by
 * Quarkus through {@code META-INF/services}, and run in the test class's class loader: the rest-assured it
 * configures is the one the tests use.
 */
public class DocumentedStatusesRegistration implements QuarkusTestBeforeClassCallback {

    /** A class of the extension that serves {@code /q/openapi}, looked up by name: the gateway has none. */
    private static final String OPENAPI_EXTENSION = "io.quarkus.smallrye.openapi.runtime.OpenApiConstants";

    @Override
    public void beforeClass(Class<?> testClass) {
        if (servesApiDocument(testClass.getClassLoader())) {
            DocumentedStatuses.register();
        }
    }

    private static boolean servesApiDocument(ClassLoader loader) {
        try {
            Class.forName(OPENAPI_EXTENSION, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
