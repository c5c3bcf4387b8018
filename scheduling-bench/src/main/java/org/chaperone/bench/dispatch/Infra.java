package org.chaperone.bench.dispatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.chaperone.testkit.TestBroker;

/**
 * The infrastructure under scheduling-service, for the benchmark: a real PostgreSQL server (the zonky binaries the
 * tests and the local stack use) with the server's default durability, as in production (fsync and synchronous
 * commit on; the tests turn both off), and the testkit's real Kafka broker (KRaft, in this JVM, 3 partitions per
 * topic). Writes what it started to {@code infra.properties} in the given directory, then runs until killed.
 * Args: directory postgres-port.
 */
public final class Infra {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path data = dir.resolve("pgdata");
        Files.createDirectories(dir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .start();
        String bootstrap = TestBroker.bootstrapServers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // exiting; the data directory is the benchmark's own
            }
        }, "postgres-stop"));

        Properties infra = new Properties();
        infra.setProperty("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        infra.setProperty("bootstrap", bootstrap);
        infra.setProperty("postgresPid", postmasterPid(data));
        infra.setProperty("infraPid", Long.toString(ProcessHandle.current().pid()));
        Path file = dir.resolve("infra.properties");
        Path partial = dir.resolve("infra.properties.part");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            infra.store(writer, "scheduling-bench infrastructure");
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("PostgreSQL on 127.0.0.1:" + port + ", Kafka on " + bootstrap + "; running until killed");
        Thread.currentThread().join();
    }

    /** pg_ctl starts the postmaster detached; its pid is the first line of postmaster.pid. */
    private static String postmasterPid(Path data) throws IOException {
        List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
        return lines.get(0).strip();
    }
}
