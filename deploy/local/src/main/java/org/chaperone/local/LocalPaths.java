package org.chaperone.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps things. Everything it writes lives under {@code deploy/local/.data/}, which git
 * ignores (the end-to-end tests give a directory of their own): the dev key pair (kept between runs), the broker's log directory and PostgreSQL's data directory
 * (both fresh on every start), the logs, and the ids the demo data was given.
 */
public record LocalPaths(Path repoRoot, Path data) {

    /** The developer's stack: everything under {@code deploy/local/.data/}. */
    public LocalPaths(Path repoRoot) {
        this(repoRoot, repoRoot.resolve("deploy/local/.data"));
    }

    /** Set by the {@code run} and {@code token} scripts; otherwise found from the working directory. */
    public static final String ROOT_PROPERTY = "chaperone.root";

    public static LocalPaths discover() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return new LocalPaths(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/pom.xml"))) {
                return new LocalPaths(dir);
            }
        }
        throw new IllegalStateException("Cannot find the Chaperone repository (no deploy/local/pom.xml above "
                + Path.of("").toAbsolutePath() + "); run from inside it or set -D" + ROOT_PROPERTY);
    }

    public Path module() {
        return repoRoot.resolve("deploy/local");
    }

    public Path keys() {
        return data().resolve("keys");
    }

    public Path logs() {
        return data().resolve("logs");
    }

    public Path kafka() {
        return data().resolve("kafka");
    }

    public Path postgres() {
        return data().resolve("postgres");
    }

    /** The Maven-copied runtime classpath: Kafka's own jars, among others. */
    public Path lib() {
        return module().resolve("target/lib");
    }

    /** Ids the services gave the demo records, so {@code token parent} can name a real guardian. */
    public Path demoIds() {
        return data().resolve("demo-ids.json");
    }

    /** Pids of the child processes of the running stack, to name leftovers if a launcher was killed hard. */
    public Path pids() {
        return data().resolve("pids");
    }

    public Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }
}
