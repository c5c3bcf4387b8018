package org.chaperone.runtime;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The probe application's main, for {@link HousekeepingStartupTest} only: once started it ends at once (status 0), so
 * an application that should have refused to start fails that test instead of waiting forever. {@code @QuarkusTest}
 * classes start the application without calling it.
 */
@QuarkusMain
public class ProbeMain implements QuarkusApplication {

    @Override
    public int run(String... args) {
        return 0;
    }
}
