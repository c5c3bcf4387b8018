package org.chaperone.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker as a child process (so a crash test can {@code kill -9} it), from the Kafka jars
 * Maven copied to {@code target/lib}: one node, broker and KRaft controller in one, every replication factor 1,
 * on a fresh log directory each start.
 */
public final class LocalKafka {

    public static final int PORT = 19092;
    public static final int CONTROLLER_PORT = 19093;
    public static final String BOOTSTRAP = "localhost:" + PORT;
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private LocalKafka() {
    }

    /**
     * Writes {@code server.properties} into a fresh {@code home} and formats its log directory with a new
     * cluster id (a short-lived child process); returns the configuration file.
     */
    public static Path format(Path home, Path lib, Path log) throws IOException, InterruptedException {
        FileTree.deleteIfExists(home);
        Path logDir = home.resolve("log");
        Files.createDirectories(logDir);
        Path config = home.resolve("server.properties");
        Files.writeString(config, serverProperties(logDir), StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        ChildProcess format = ChildProcess.start("kafka-storage-format",
                jvm(lib, "kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", config.toString()),
                Map.of(), home, log);
        int exit = format.waitFor(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IOException("Formatting the Kafka log directory failed (exit " + exit + "); "
                    + log + " ends:\n" + format.logTail(15));
        }
        return config;
    }

    /** Starts the broker on a formatted {@code config}; see {@link #awaitAccepting}. */
    public static ChildProcess launch(Path config, Path lib, Path log) throws IOException {
        return ChildProcess.start("kafka", jvm(lib, "kafka.Kafka", config.toString()), Map.of(), config.getParent(),
                log);
    }

    public static void awaitAccepting(ChildProcess broker) throws IOException, InterruptedException {
        if (!Ports.awaitAccepting(PORT, START_TIMEOUT, broker::isAlive)) {
            throw new IOException("Kafka did not accept connections on " + BOOTSTRAP + " within "
                    + START_TIMEOUT.toSeconds() + " s" + (broker.isAlive() ? "" : " (it exited)") + "; "
                    + broker.log() + " ends:\n" + broker.logTail(20));
        }
    }

    private static List<String> jvm(Path lib, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                // log4j2's default configuration, which logs to the console (our log file), at INFO
                "-Dlog4j2.level=INFO",
                "-cp", lib.toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /** A single-node KRaft configuration: broker and controller in one process. */
    static String serverProperties(Path logDir) {
        return String.join("\n",
                "# Written by the Chaperone local stack on every start; edits are lost.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + CONTROLLER_PORT,
                "listeners=PLAINTEXT://localhost:" + PORT + ",CONTROLLER://localhost:" + CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://localhost:" + PORT,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "# one machine, one developer: no need to wait for more consumers before the first rebalance",
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
