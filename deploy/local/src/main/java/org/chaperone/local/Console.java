package org.chaperone.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What the launcher tells the person who started it: one aligned line per step, problems on stderr. */
public final class Console {

    private final Instant jvmStart;
    private final Path workingDirectory = Path.of("").toAbsolutePath();

    public Console(Instant jvmStart) {
        this.jvmStart = jvmStart;
    }

    synchronized void line(String text) {
        System.out.println(text);
        System.out.flush();
    }

    void step(String what, String text) {
        line(String.format(Locale.ROOT, "  %-22s %s", what, text));
    }

    void step(String what, String text, Instant since) {
        Duration took = Duration.between(since, Instant.now());
        line(String.format(Locale.ROOT, "  %-22s %s (%s)", what, text, seconds(took)));
    }

    synchronized void problem(String text) {
        System.out.flush();
        System.err.println();
        System.err.println("!! " + text.replace("\n", "\n   "));
        System.err.flush();
    }

    void banner(String text) {
        line("");
        line(text);
    }

    /** Seconds since this JVM started: the time to ready as a person sees it (the build not counted). */
    Duration sinceStart() {
        return Duration.between(jvmStart, Instant.now());
    }

    /** A path relative to where the command was run, when it lies below it; absolute otherwise. */
    String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
