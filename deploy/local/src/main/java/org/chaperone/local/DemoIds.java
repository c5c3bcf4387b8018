package org.chaperone.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The ids consent-service gave the demo pupils and guardians, by school and MIS id, and those scheduling-service
 * gave the demo sessions, by title. Saved after loading so that {@code token parent} can name a real guardian;
 * stale once the stack stops, since the database is fresh each start.
 */
public record DemoIds(Map<String, SchoolIds> schools) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record SchoolIds(Map<String, UUID> pupils, Map<String, UUID> guardians, Map<String, UUID> sessions) {

        public SchoolIds {
            sessions = sessions == null ? new TreeMap<>() : sessions;
        }
    }

    public static DemoIds empty() {
        return new DemoIds(new TreeMap<>());
    }

    public static Optional<DemoIds> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), DemoIds.class)) : Optional.empty();
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
    }

    public SchoolIds school(String schoolId) {
        return schools.computeIfAbsent(schoolId,
                id -> new SchoolIds(new TreeMap<>(), new TreeMap<>(), new TreeMap<>()));
    }

    public Optional<UUID> guardian(String schoolId, String misId) {
        return Optional.ofNullable(schools.get(schoolId)).map(ids -> ids.guardians().get(misId));
    }
}
