package org.chaperone.testkit;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * One real Apache Kafka broker (KRaft, in this JVM) per test JVM. Its ports are fixed at first start so that
 * a test can {@link #stop()} it and {@link #start()} it again at the same address, as a broker outage.
 */
public final class TestBroker {

    private static final String CLUSTER_ID = "chaperone-test-cluster";
    private static EmbeddedKafkaBroker broker;
    private static int kafkaPort;
    private static int controllerPort;
    private static boolean hookAdded;

    private TestBroker() {
    }

    public static synchronized String bootstrapServers() {
        start();
        return "localhost:" + kafkaPort;
    }

    /** Starts the broker unless it runs; after {@link #stop()} it comes back on the same port, empty. */
    public static synchronized void start() {
        if (broker != null) {
            return;
        }
        if (kafkaPort == 0) {
            kafkaPort = freePort();
            controllerPort = freePort();
        }
        broker = new EmbeddedKafkaBroker()
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withKafkaHost("localhost")
                .withClusterId(CLUSTER_ID)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("auto.create.topics.enable", "true");
                    p.put("num.partitions", "3");
                    p.put("group.initial.rebalance.delay.ms", "0");
                    p.put("offsets.topic.num.partitions", "1");
                })
                .start();
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestBroker::stop, "embedded-kafka-stop"));
            hookAdded = true;
        }
    }

    /** Stops the broker, as an outage: clients see it gone until {@link #start()}. */
    public static synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    public static synchronized boolean isRunning() {
        return broker != null && broker.isRunning();
    }

    public static Map<String, String> quarkusConfig() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
