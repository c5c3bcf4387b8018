package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    private final Path logDir = Path.of("/work/repo/deploy/local/.data/kafka/log");

    private Properties rendered() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(LocalKafka.serverProperties(logDir)));
        return properties;
    }

    @Test
    void oneNodeIsBrokerAndControllerOnLocalhostPorts() throws Exception {
        Properties properties = rendered();
        assertThat(properties.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(properties.getProperty("node.id")).isEqualTo("1");
        assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@localhost:19093");
        assertThat(properties.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093");
        assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://localhost:19092");
        assertThat(properties.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(properties.getProperty("listener.security.protocol.map"))
                .contains("CONTROLLER:PLAINTEXT").contains("PLAINTEXT:PLAINTEXT");
        assertThat(properties.getProperty("log.dirs")).isEqualTo(logDir.toString());
        assertThat(LocalKafka.BOOTSTRAP).isEqualTo("localhost:19092");
    }

    @Test
    void everyReplicationFactorAndMinimumInSyncIsOneOnASingleNode() throws Exception {
        Properties properties = rendered();
        assertThat(properties.stringPropertyNames()).contains("default.replication.factor",
                "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
                "share.coordinator.state.topic.replication.factor", "min.insync.replicas",
                "transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr");
        properties.stringPropertyNames().stream()
                .filter(name -> name.endsWith("replication.factor") || name.endsWith("min.isr")
                        || name.equals("min.insync.replicas"))
                .forEach(name -> assertThat(properties.getProperty(name)).as(name).isEqualTo("1"));
    }

    @Test
    void topicsAppearOnFirstUseWithThreePartitions() throws Exception {
        Properties properties = rendered();
        assertThat(properties.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(properties.getProperty("num.partitions")).isEqualTo("3");
    }
}
