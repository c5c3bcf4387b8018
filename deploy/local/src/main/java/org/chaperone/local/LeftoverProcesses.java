package org.chaperone.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pids of a running stack, written to {@code .data/pids}. Ctrl-C stops everything, but a launcher killed with
 * {@code kill -9} cannot: the next start then names what is still running instead of failing on busy ports.
 */
public final class LeftoverProcesses {

    private LeftoverProcesses() {
    }

    public static void record(Path file, Map<Long, String> processes) throws IOException {
        StringBuilder text = new StringBuilder();
        processes.forEach((pid, name) -> text.append(pid).append(' ').append(name).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    public static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless: the next start checks each pid before naming it
        }
    }

    /**
     * The recorded processes that still run a command naming {@code marker} (the repository path), so a
     * recycled pid is not mistaken for a leftover.
     */
    public static List<String> stillRunning(Path file, String marker) throws IOException {
        List<String> running = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return running;
        }
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.strip().split(" ", 2);
            if (parts.length < 2) {
                continue;
            }
            Optional<ProcessHandle> process;
            try {
                process = ProcessHandle.of(Long.parseLong(parts[0]));
            } catch (NumberFormatException e) {
                continue;
            }
            if (process.filter(ProcessHandle::isAlive)
                    .flatMap(handle -> handle.info().commandLine())
                    .filter(command -> command.contains(marker)).isPresent()) {
                running.add(parts[0] + " (" + parts[1] + ")");
            }
        }
        return running;
    }
}
