package org.chaperone.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the overlays are, and the one guard every kustomize-building test passes first. */
final class Overlays {

    private Overlays() {
    }

    /** deploy/k8s, whether Maven runs the tests from the module or the reactor root. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {here, here.resolve("deploy/k8s")}) {
            if (Files.isDirectory(candidate.resolve("overlays/production"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("deploy/k8s/overlays not found from " + here);
    }

    static Path overlay(String name) {
        return root().resolve("overlays").resolve(name);
    }

    /** Skips (never passes) a test when kubectl is missing: the report then shows it as skipped, with this reason. */
    static void assumeKubectl() {
        assumeTrue(Kustomize.kubectl() != null,
                "SKIPPED: kubectl is not on PATH, so the overlays cannot be built with kustomize here;"
                        + " install kubectl (its built-in kustomize works offline) to run the manifest checks");
    }
}
