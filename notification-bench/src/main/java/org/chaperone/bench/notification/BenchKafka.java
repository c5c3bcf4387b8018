package org.chaperone.bench.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.chaperone.local.ChildProcess;
import org.chaperone.local.Ports;

/**
 * A real Kafka broker as a child process, as deploy/local's {@code LocalKafka} starts it (one KRaft node, broker and
 * controller in one, replication factor 1, 3 partitions, fresh log directory, the same JVM settings), but on the
 * benchmark's own ports on 127.0.0.1 so that it can run beside a local stack.
 */
final class BenchKafka {

    private BenchKafka() {
    }

    static ChildProcess start(Path home, Path lib, Path log, int port, int controllerPort)
            throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("log"));
        Path config = home.resolve("server.properties");
        Files.writeString(config, serverProperties(home.resolve("log"), port, controllerPort), StandardCharsets.UTF_8);
        ChildProcess format = ChildProcess.start("kafka-storage-format", jvm(lib, "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()), Map.of(), home, log);
        int exit = format.waitFor(Duration.ofSeconds(90));
        if (exit != 0) {
            throw new IOException("Formatting the Kafka log directory failed (exit " + exit + "); see " + log);
        }
        ChildProcess broker = ChildProcess.start("kafka", jvm(lib, "kafka.Kafka", config.toString()), Map.of(), home,
                log);
        if (!Ports.awaitAccepting(port, Duration.ofSeconds(90), broker::isAlive)) {
            throw new IOException("Kafka did not accept connections on 127.0.0.1:" + port + "; " + log + " ends:\n"
                    + broker.logTail(20));
        }
        return broker;
    }

    private static List<String> jvm(Path lib, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-Xms64m", "-Xmx256m",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dlog4j2.level=INFO",
                "-cp", lib.toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static String serverProperties(Path logDir, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
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
                "group.initial.rebalance.delay.ms=0",
                "");
    }
}
