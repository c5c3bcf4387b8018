package org.chaperone.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * A process the stack started (the broker, a service), its output appended to a log file. Stopping asks politely
 * (SIGTERM), waits, then kills it and anything it started.
 */
public final class ChildProcess {

    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return new ChildProcess(name, log, builder.start());
    }

    /** The {@code java} of the JVM running the stack, so children use the same Java. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** Runs {@code action} with the exit code when the process ends, whoever ended it. */
    public void onExit(IntConsumer action) {
        process.onExit().thenAccept(ended -> action.accept(ended.exitValue()));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /** {@code kill -9}: SIGKILL to it and anything it started, then waits until it is gone. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still running 30 s after SIGKILL");
        }
    }

    /** Sends SIGTERM now; {@link #awaitStopped} waits for it. */
    public void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Waits up to {@code grace} after {@link #requestStop}, then kills whatever is left (SIGKILL). */
    public boolean awaitStopped(Duration grace) {
        boolean stopped;
        try {
            stopped = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        List<ProcessHandle> left = new ArrayList<>(process.descendants().toList());
        if (!stopped) {
            left.add(process.toHandle());
        }
        left.forEach(ProcessHandle::destroyForcibly);
        if (!stopped) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stopped;
    }

    /** The end of the log, for telling why a process failed. */
    public String logTail(int lines) {
        return tail(log, lines);
    }

    /** Why a process failed: the first ERROR line of its log if any (a stack trace's end rarely says), then its end. */
    public String failureExcerpt() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            Optional<String> firstError = lines.filter(line -> line.contains(" ERROR ")).findFirst();
            if (firstError.isPresent()) {
                String error = firstError.get();
                return "    " + (error.length() > 400 ? error.substring(0, 400) + "..." : error) + "\n    ...\n"
                        + tail(log, 12);
            }
        } catch (IOException | UncheckedIOException e) {
            // unreadable or not text: the tail says what it can
        }
        return tail(log, 25);
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            in.seek(from);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\n");
            StringBuilder text = new StringBuilder();
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                text.append("    ").append(all[i]).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")\n";
        }
    }
}
