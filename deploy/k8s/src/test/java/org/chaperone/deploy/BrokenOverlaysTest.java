package org.chaperone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.chaperone.deploy.ManifestChecker.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks catch what they are for: each case builds the production overlay with one mistake patched in
 * (a kustomize overlay on top of overlays/production, in a temporary directory) and expects the checker to
 * report that mistake, and only findings about the object it broke.
 */
class BrokenOverlaysTest {

    private final ManifestChecker checker = new ManifestChecker(Topology.chaperone());

    @TempDir
    Path temp;

    @Test
    void anUnknownFieldFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: Deployment, name: consent-service}
                  patch: |-
                    - op: add
                      path: /spec/template/spec/containers/0/imagee
                      value: registry.example.org/chaperone/consent-service:0.1.0
                """);

        assertThat(findings).containsExactly(
                "Deployment/consent-service: unknown field /spec/template/spec/containers/0/imagee"
                        + " (not in the Kubernetes Deployment schema)");
    }

    @Test
    void anUnknownFieldInAnOperatorResourceFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: KafkaTopic, name: chaperone.consent.v1}
                  patch: |-
                    - op: add
                      path: /spec/replicaz
                      value: 3
                """);

        assertThat(findings).singleElement().asString()
                .startsWith("KafkaTopic/chaperone.consent.v1: schema kafka.strimzi.io/v1 KafkaTopic")
                .contains("replicaz");
    }

    @Test
    void aMissingProbeFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: Deployment, name: scheduling-service}
                  patch: |-
                    - op: remove
                      path: /spec/template/spec/containers/0/readinessProbe
                """);

        assertThat(findings).containsExactly(
                "Deployment/scheduling-service container scheduling-service: missing readinessProbe (/q/health/ready)");
    }

    @Test
    void theLatestTagFails() throws IOException {
        List<String> findings = checkProductionWith("""
                images:
                - name: registry.example.org/chaperone/gateway
                  newTag: latest
                """);

        assertThat(findings).containsExactly("Deployment/gateway container gateway: image "
                + "registry.example.org/chaperone/gateway:latest is not pinned: tag latest");
    }

    @Test
    void anImageWithoutATagFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: Deployment, name: incident-service}
                  patch: |-
                    - op: replace
                      path: /spec/template/spec/containers/0/image
                      value: registry.example.org/chaperone/incident-service
                """);

        assertThat(findings).containsExactly("Deployment/incident-service container incident-service: image "
                + "registry.example.org/chaperone/incident-service is not pinned: no tag (that is latest)");
    }

    @Test
    void aProductionTopicWithReplicationFactorOneFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: KafkaTopic, name: chaperone.incident.v1}
                  patch: |-
                    - op: replace
                      path: /spec/replicas
                      value: 1
                """);

        assertThat(findings).containsExactly(
                "KafkaTopic/chaperone.incident.v1: replication factor (replicas) is 1, PRODUCTION needs 3");
    }

    @Test
    void aKafkaUserReadingATopicItDoesNotConsumeFails() throws IOException {
        List<String> findings = checkProductionWith("""
                patches:
                - target: {kind: KafkaUser, name: consent-service}
                  patch: |-
                    - op: add
                      path: /spec/authorization/acls/-
                      value:
                        resource: {type: topic, name: chaperone.incident.v1, patternType: literal}
                        operations: [Read]
                """);

        assertThat(findings).containsExactly(
                "KafkaUser/consent-service: ACLs beyond least privilege: [topic chaperone.incident.v1 Read]");
    }

    @Test
    void anInlinedSecretFails() throws IOException {
        Files.writeString(temp.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: consent-db-credentials
                stringData:
                  username: consent
                  password: hunter2
                """);
        List<String> findings = checkProductionWith("""
                resources:
                - secret.yaml
                """);

        assertThat(findings).containsExactly(
                "Secret/consent-db-credentials: a Secret is defined in the manifests; secrets are referenced, never inlined");
    }

    /** Builds overlays/production with the given kustomization lines on top, and checks it as production. */
    private List<String> checkProductionWith(String kustomization) throws IOException {
        Overlays.assumeKubectl();
        // kustomize takes no absolute paths for bases: name overlays/production relative to the temp dir.
        String production = temp.relativize(Overlays.overlay("production")).toString();
        String text = """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                - %s
                """.formatted(production);
        if (kustomization.startsWith("resources:")) {
            text += kustomization.substring("resources:\n".length());
        } else {
            text += kustomization;
        }
        Files.writeString(temp.resolve("kustomization.yaml"), text);
        return checker.check(Kustomize.build(temp), Profile.PRODUCTION);
    }
}
