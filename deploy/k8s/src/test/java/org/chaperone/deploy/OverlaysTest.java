package org.chaperone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.chaperone.deploy.ManifestChecker.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every overlay builds and passes the schema and invariant checks; production holds what issue 7 lists. */
class OverlaysTest {

    private final ManifestChecker checker = new ManifestChecker(Topology.chaperone());

    @ParameterizedTest(name = "overlays/{0} builds and passes every check")
    @CsvSource({"dev, DEV", "production, PRODUCTION"})
    void overlayPassesEveryCheck(String overlay, Profile profile) {
        Overlays.assumeKubectl();
        String built = Kustomize.build(Overlays.overlay(overlay));

        assertThat(checker.check(built, profile)).isEmpty();
    }

    @Test
    void productionHoldsKafkaPostgresNetworkingAndScaling() {
        Overlays.assumeKubectl();
        var objects = checker.parse(Kustomize.build(Overlays.overlay("production")), new ArrayList<>());

        assertThat(objects.count("Kafka")).isEqualTo(1);
        assertThat(objects.custom("KafkaNodePool")).extracting(p -> p.path("spec").path("replicas").asInt()).containsOnly(3);
        assertThat(objects.custom("KafkaTopic")).extracting(t -> t.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(Topology.chaperone().topics());
        assertThat(objects.custom("KafkaUser")).extracting(u -> u.path("metadata").path("name").asText())
                .containsExactlyInAnyOrderElementsOf(Topology.chaperone().services().keySet());
        assertThat(objects.custom("Cluster")).singleElement()
                .satisfies(c -> assertThat(c.path("spec").path("instances").asInt()).isEqualTo(3));
        assertThat(objects.custom("Database")).hasSize(4);
        assertThat(objects.count("ScheduledBackup")).isEqualTo(1);
        assertThat(objects.count("ObjectStore")).isEqualTo(1);
        assertThat(objects.networkPolicies).extracting(n -> n.getMetadata().getName()).contains("default-deny-all");
        assertThat(objects.pdbs).hasSize(5);
        assertThat(objects.hpas).hasSize(5);
        assertThat(objects.custom("ServiceMonitor")).hasSize(5);
        assertThat(objects.ingresses).singleElement()
                .satisfies(i -> assertThat(i.getSpec().getTls()).isNotEmpty());
        assertThat(objects.deployments.values()).allSatisfy(d ->
                assertThat(d.getMetadata().getNamespace()).isEqualTo("chaperone"));
    }

    @Test
    void devIsOneOfEverything() {
        Overlays.assumeKubectl();
        var objects = checker.parse(Kustomize.build(Overlays.overlay("dev")), new ArrayList<>());

        assertThat(objects.custom("KafkaNodePool")).singleElement().satisfies(pool -> {
            assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(1);
            List<String> roles = new ArrayList<>();
            pool.path("spec").path("roles").forEach(r -> roles.add(r.asText()));
            assertThat(roles).containsExactlyInAnyOrder("controller", "broker");
        });
        assertThat(objects.custom("Cluster")).singleElement()
                .satisfies(c -> assertThat(c.path("spec").path("instances").asInt()).isEqualTo(1));
        assertThat(objects.hpas).allSatisfy(h -> assertThat(h.getSpec().getMaxReplicas()).isEqualTo(1));
        assertThat(objects.count("ScheduledBackup")).isZero();
        assertThat(objects.custom("KafkaTopic")).extracting((JsonNode t) -> t.path("spec").path("replicas").asInt()).containsOnly(1);
    }

    @Test
    void imagesArePinnedOnlyByAnExactTagOrDigest() {
        assertThat(ManifestChecker.imageProblem("registry.example.org/chaperone/gateway:0.1.0", Profile.PRODUCTION)).isNull();
        assertThat(ManifestChecker.imageProblem("registry.example.org/chaperone/gateway@sha256:"
                + "0".repeat(64), Profile.PRODUCTION)).isNull();
        assertThat(ManifestChecker.imageProblem("registry.example.org/chaperone/gateway:latest", Profile.DEV)).contains("latest");
        assertThat(ManifestChecker.imageProblem("registry.example.org:5000/chaperone/gateway", Profile.DEV)).contains("no tag");
        assertThat(ManifestChecker.imageProblem("registry.example.org/chaperone/gateway:0.1.0-SNAPSHOT", Profile.PRODUCTION))
                .contains("SNAPSHOT");
    }
}
