package org.chaperone.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the objects of one built overlay: every object against its schema (the Kubernetes API through the
 * fabric8 model, the Strimzi, CloudNativePG and Prometheus Operator resources against the JSON Schemas in
 * src/test/resources/schemas), unknown fields included, then the deployment invariants of issue 7.
 * It reports findings rather than stopping at the first, so a broken overlay shows everything wrong with it.
 */
final class ManifestChecker {

    /** Production holds the durability rules (3 replicas, min ISR 2, 3 PostgreSQL instances, backups, monitoring). */
    enum Profile { DEV, PRODUCTION }

    /** Kubernetes core kinds, parsed with the fabric8 model. Anything not here or in the schemas is unknown. */
    private static final Map<String, Class<?>> CORE_KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final Pattern SENSITIVE_NAME = Pattern.compile("(?i)(?!.*PUBLIC_KEY).*(PASSWORD|SECRET|TOKEN|JAAS|CREDENTIAL|PRIVATE|_KEY$).*");
    private static final Set<String> MEMORY_AND_CPU = Set.of("cpu", "memory");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    /** fabric8 classes keep unknown fields in an "additionalProperties" map; without the any-setter they surface. */
    private final ObjectMapper strict = new ObjectMapper();
    private final JsonSchemaFactory schemaFactory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> schemas = new HashMap<>();
    private final Topology topology;

    ManifestChecker(Topology topology) {
        this.topology = topology;
        strict.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated a) {
                return Boolean.FALSE;
            }
        });
    }

    /** The objects of a built overlay, as parsed and typed. */
    static final class Objects8s {
        final List<JsonNode> all = new ArrayList<>();
        final Map<String, Deployment> deployments = new java.util.TreeMap<>();
        final List<Service> services = new ArrayList<>();
        final List<ConfigMap> configMaps = new ArrayList<>();
        final List<PodDisruptionBudget> pdbs = new ArrayList<>();
        final List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
        final List<NetworkPolicy> networkPolicies = new ArrayList<>();
        final List<Ingress> ingresses = new ArrayList<>();
        /** Operator resources by kind (Kafka, KafkaTopic, Cluster, ...). */
        final Map<String, List<JsonNode>> custom = new HashMap<>();

        List<JsonNode> custom(String kind) {
            return custom.getOrDefault(kind, List.of());
        }

        long count(String kind) {
            return all.stream().filter(o -> kind.equals(o.path("kind").asText())).count();
        }
    }

    /** All findings for one overlay's output; empty means it may be applied. */
    List<String> check(String builtYaml, Profile profile) {
        List<String> findings = new ArrayList<>();
        Objects8s objects = parse(builtYaml, findings);
        checkDeployments(objects, profile, findings);
        checkExposure(objects, findings);
        checkSecretsNeverInlined(objects, findings);
        checkKafka(objects, profile, findings);
        checkPostgres(objects, profile, findings);
        if (profile == Profile.PRODUCTION) {
            checkMonitoring(objects, findings);
        }
        return findings;
    }

    Objects8s parse(String builtYaml, List<String> findings) {
        Objects8s objects = new Objects8s();
        List<JsonNode> docs;
        try (JsonParser parser = yaml.getFactory().createParser(builtYaml)) {
            docs = yaml.readValues(parser, JsonNode.class).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("the overlay's output is not YAML", e);
        }
        for (JsonNode doc : docs) {
            if (doc == null || doc.isNull() || doc.isEmpty()) {
                continue;
            }
            objects.all.add(doc);
            String apiVersion = doc.path("apiVersion").asText();
            String kind = doc.path("kind").asText();
            String id = kind + "/" + doc.path("metadata").path("name").asText();
            Class<?> coreType = CORE_KINDS.get(apiVersion + "/" + kind);
            if (coreType != null) {
                Object typed = toCoreObject(doc, coreType, id, findings);
                if (typed instanceof Deployment d) {
                    objects.deployments.put(d.getMetadata().getName(), d);
                } else if (typed instanceof Service s) {
                    objects.services.add(s);
                } else if (typed instanceof ConfigMap c) {
                    objects.configMaps.add(c);
                } else if (typed instanceof PodDisruptionBudget p) {
                    objects.pdbs.add(p);
                } else if (typed instanceof HorizontalPodAutoscaler h) {
                    objects.hpas.add(h);
                } else if (typed instanceof NetworkPolicy n) {
                    objects.networkPolicies.add(n);
                } else if (typed instanceof Ingress i) {
                    objects.ingresses.add(i);
                }
            } else if ("Secret".equals(kind)) {
                findings.add(id + ": a Secret is defined in the manifests; secrets are referenced, never inlined");
            } else {
                JsonSchema schema = schemaFor(apiVersion, kind);
                if (schema == null) {
                    findings.add(id + ": no schema known for " + apiVersion + " " + kind);
                    continue;
                }
                for (ValidationMessage message : schema.validate(doc)) {
                    findings.add(id + ": schema " + apiVersion + " " + kind + ": " + message.getMessage());
                }
                objects.custom.computeIfAbsent(kind, k -> new ArrayList<>()).add(doc);
            }
        }
        return objects;
    }

    private Object toCoreObject(JsonNode doc, Class<?> type, String id, List<String> findings) {
        List<String> unknown = new ArrayList<>();
        DeserializationProblemHandler collectUnknown = new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                    Object beanOrClass, String propertyName) throws IOException {
                String at = p.getParsingContext().pathAsPointer().toString();
                unknown.add(at.isEmpty() ? "/" + propertyName : at);
                p.skipChildren();
                return true;
            }
        };
        try {
            Object typed = strict.readerFor(type).withHandler(collectUnknown).readValue(doc);
            for (String field : unknown) {
                findings.add(id + ": unknown field " + field + " (not in the Kubernetes " + type.getSimpleName() + " schema)");
            }
            return typed;
        } catch (IOException | IllegalArgumentException e) {
            findings.add(id + ": does not match the Kubernetes " + type.getSimpleName() + " schema: " + e.getMessage());
            return null;
        }
    }

    private JsonSchema schemaFor(String apiVersion, String kind) {
        return schemas.computeIfAbsent(apiVersion + "/" + kind, key -> {
            String resource = "/schemas/" + apiVersion.replace('/', '_') + "/" + kind + ".json";
            try (InputStream in = ManifestChecker.class.getResourceAsStream(resource)) {
                return in == null ? null : schemaFactory.getSchema(strict.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(resource, e);
            }
        });
    }

    // ---- Deployments: probes, hardening, resources, pinned images, PDB + HPA + NetworkPolicy each ----

    private void checkDeployments(Objects8s o, Profile profile, List<String> findings) {
        for (String expected : topology.deployments()) {
            if (!o.deployments.containsKey(expected)) {
                findings.add("Deployment/" + expected + ": missing");
            }
        }
        boolean defaultDeny = o.networkPolicies.stream().anyMatch(ManifestChecker::isDefaultDenyAll);
        for (Deployment deployment : o.deployments.values()) {
            String id = "Deployment/" + deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (profile == Profile.DEV && !Objects.equals(deployment.getSpec().getReplicas(), 1)) {
                findings.add(id + ": dev runs one replica, not " + deployment.getSpec().getReplicas());
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                findings.add(id + ": automountServiceAccountToken must be false (no service talks to the Kubernetes API)");
            }
            var podSecurity = pod.getSecurityContext();
            if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
                findings.add(id + ": pod securityContext.runAsNonRoot must be true");
            }
            if (podSecurity == null || podSecurity.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
                findings.add(id + ": pod securityContext.seccompProfile.type must be RuntimeDefault");
            }
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                checkContainer(id + " container " + container.getName(), container, profile, findings);
            }
            if (o.pdbs.stream().noneMatch(p -> matches(p.getSpec().getSelector(), podLabels))) {
                findings.add(id + ": no PodDisruptionBudget selects its pods");
            }
            if (o.hpas.stream().noneMatch(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                    && deployment.getMetadata().getName().equals(h.getSpec().getScaleTargetRef().getName()))) {
                findings.add(id + ": no HorizontalPodAutoscaler scales it");
            }
            boolean ownPolicy = o.networkPolicies.stream()
                    .anyMatch(n -> !isEmpty(n.getSpec().getPodSelector()) && matches(n.getSpec().getPodSelector(), podLabels)
                            && n.getSpec().getPolicyTypes().contains("Ingress") && n.getSpec().getPolicyTypes().contains("Egress"));
            if (!defaultDeny || !ownPolicy) {
                findings.add(id + ": not covered by NetworkPolicies (a default deny-all plus a policy of its own"
                        + " for ingress and egress)");
            }
        }
    }

    private static void checkContainer(String id, Container c, Profile profile, List<String> findings) {
        String imageProblem = imageProblem(c.getImage(), profile);
        if (imageProblem != null) {
            findings.add(id + ": " + imageProblem);
        }
        checkProbe(id, "startupProbe", c.getStartupProbe(), "/q/health/started", findings);
        checkProbe(id, "livenessProbe", c.getLivenessProbe(), "/q/health/live", findings);
        checkProbe(id, "readinessProbe", c.getReadinessProbe(), "/q/health/ready", findings);
        ResourceRequirements resources = c.getResources();
        if (resources == null || resources.getRequests() == null || !resources.getRequests().keySet().containsAll(MEMORY_AND_CPU)) {
            findings.add(id + ": resources.requests must set cpu and memory");
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().keySet().containsAll(MEMORY_AND_CPU)) {
            findings.add(id + ": resources.limits must set cpu and memory");
        }
        var security = c.getSecurityContext();
        if (security == null) {
            findings.add(id + ": no securityContext");
            return;
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            findings.add(id + ": securityContext.allowPrivilegeEscalation must be false");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            findings.add(id + ": securityContext.readOnlyRootFilesystem must be true");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            findings.add(id + ": must not be privileged");
        }
        if (security.getRunAsUser() != null && security.getRunAsUser() == 0) {
            findings.add(id + ": runs as root (runAsUser 0)");
        }
        if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                || !security.getCapabilities().getDrop().contains("ALL")
                || (security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty())) {
            findings.add(id + ": securityContext.capabilities must drop ALL and add none");
        }
        for (EnvVar env : c.getEnv()) {
            if (SENSITIVE_NAME.matcher(env.getName()).matches() && env.getValue() != null) {
                findings.add(id + ": env " + env.getName() + " holds a literal value; secrets come from secretKeyRef");
            }
        }
    }

    private static void checkProbe(String id, String name, Probe probe, String path, List<String> findings) {
        if (probe == null) {
            findings.add(id + ": missing " + name + " (" + path + ")");
        } else if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            findings.add(id + ": " + name + " must be an HTTP GET of " + path);
        }
    }

    /** Null when the image names an exact, immutable-by-convention version (or a digest). */
    static String imageProblem(String image, Profile profile) {
        if (image == null || image.isBlank()) {
            return "no image";
        }
        if (image.contains("@sha256:")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "image " + image + " is not pinned: no tag (that is latest)";
        }
        String tag = image.substring(colon + 1);
        if (tag.equalsIgnoreCase("latest")) {
            return "image " + image + " is not pinned: tag latest";
        }
        if (profile == Profile.PRODUCTION && tag.endsWith("-SNAPSHOT")) {
            return "image " + image + " is not pinned: a SNAPSHOT tag is rebuilt in place";
        }
        return null;
    }

    // ---- Only the gateway is exposed, only over TLS ----

    private void checkExposure(Objects8s o, List<String> findings) {
        for (Service service : o.services) {
            String type = service.getSpec().getType();
            if (type != null && !"ClusterIP".equals(type)) {
                findings.add("Service/" + service.getMetadata().getName() + ": type " + type
                        + " exposes it outside the cluster; only the gateway is exposed, through the Ingress");
            }
        }
        for (Ingress ingress : o.ingresses) {
            String id = "Ingress/" + ingress.getMetadata().getName();
            if (ingress.getSpec().getTls() == null || ingress.getSpec().getTls().isEmpty()
                    || ingress.getSpec().getTls().stream().anyMatch(t -> t.getSecretName() == null || t.getHosts().isEmpty())) {
                findings.add(id + ": must terminate TLS (tls with hosts and a certificate Secret)");
            }
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (ingress.getSpec().getTls() != null
                        && ingress.getSpec().getTls().stream().noneMatch(t -> t.getHosts().contains(rule.getHost()))) {
                    findings.add(id + ": host " + rule.getHost() + " is served without TLS");
                }
                rule.getHttp().getPaths().forEach(path -> {
                    String backend = path.getBackend().getService() == null ? null : path.getBackend().getService().getName();
                    if (!Topology.GATEWAY.equals(backend)) {
                        findings.add(id + ": routes to " + backend + "; only the gateway is exposed");
                    }
                });
            }
        }
    }

    private static void checkSecretsNeverInlined(Objects8s o, List<String> findings) {
        for (ConfigMap configMap : o.configMaps) {
            if (configMap.getData() == null) {
                continue;
            }
            configMap.getData().keySet().stream().filter(k -> SENSITIVE_NAME.matcher(k).matches()).forEach(k -> findings.add(
                    "ConfigMap/" + configMap.getMetadata().getName() + ": key " + k + " looks like a secret; use a Secret reference"));
        }
    }

    // ---- Kafka: durability, a topic per producer, a least-privilege user per service ----

    private void checkKafka(Objects8s o, Profile profile, List<String> findings) {
        List<JsonNode> kafkas = o.custom("Kafka");
        if (kafkas.size() != 1) {
            findings.add("Kafka: expected one Kafka cluster, found " + kafkas.size());
            return;
        }
        JsonNode kafka = kafkas.get(0);
        JsonNode config = kafka.path("spec").path("kafka").path("config");
        int replication = profile == Profile.PRODUCTION ? 3 : 1;
        int minIsr = profile == Profile.PRODUCTION ? 2 : 1;
        expectConfig("Kafka/" + name(kafka), config, "unclean.leader.election.enable", "false", findings);
        expectConfig("Kafka/" + name(kafka), config, "default.replication.factor", String.valueOf(replication), findings);
        expectConfig("Kafka/" + name(kafka), config, "min.insync.replicas", String.valueOf(minIsr), findings);
        expectConfig("Kafka/" + name(kafka), config, "offsets.topic.replication.factor", String.valueOf(replication), findings);
        if (!"simple".equals(kafka.path("spec").path("kafka").path("authorization").path("type").asText())) {
            findings.add("Kafka/" + name(kafka) + ": authorization must be on (type simple), or ACLs mean nothing");
        }
        for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
            if (!listener.path("tls").asBoolean() || listener.path("authentication").path("type").isMissingNode()) {
                findings.add("Kafka/" + name(kafka) + ": listener " + listener.path("name").asText()
                        + " must use TLS and authenticate its clients");
            }
        }
        int brokers = 0;
        int controllers = 0;
        for (JsonNode pool : o.custom("KafkaNodePool")) {
            int replicas = pool.path("spec").path("replicas").asInt();
            for (JsonNode role : pool.path("spec").path("roles")) {
                brokers += "broker".equals(role.asText()) ? replicas : 0;
                controllers += "controller".equals(role.asText()) ? replicas : 0;
            }
        }
        int expectedNodes = profile == Profile.PRODUCTION ? 3 : 1;
        if (brokers != expectedNodes || controllers != expectedNodes) {
            findings.add("KafkaNodePool: expected " + expectedNodes + " broker(s) and " + expectedNodes
                    + " controller(s) (KRaft), found " + brokers + " and " + controllers);
        }

        Map<String, JsonNode> topics = new HashMap<>();
        for (JsonNode topic : o.custom("KafkaTopic")) {
            String topicName = topic.path("spec").path("topicName").asText(name(topic));
            topics.put(topicName, topic);
            String id = "KafkaTopic/" + topicName;
            int replicas = topic.path("spec").path("replicas").asInt(-1);
            if (replicas != replication) {
                findings.add(id + ": replication factor (replicas) is " + replicas + ", " + profile + " needs " + replication);
            }
            expectConfig(id, topic.path("spec").path("config"), "min.insync.replicas", String.valueOf(minIsr), findings);
            if (topic.path("spec").path("partitions").asInt(0) < 1) {
                findings.add(id + ": partitions must be set");
            }
            if (topic.path("spec").path("config").path("retention.ms").isMissingNode()) {
                findings.add(id + ": retention.ms must be chosen, not left to the broker default");
            }
        }
        for (String topic : topology.topics()) {
            if (!topics.containsKey(topic)) {
                findings.add("KafkaTopic/" + topic + ": missing");
            }
        }

        Map<String, JsonNode> users = new HashMap<>();
        o.custom("KafkaUser").forEach(u -> users.put(name(u), u));
        for (Topology.Service service : topology.services().values()) {
            JsonNode user = users.get(service.name());
            String id = "KafkaUser/" + service.name();
            if (user == null) {
                findings.add(id + ": missing; every service has its own Kafka user");
                continue;
            }
            if (user.path("spec").path("authentication").path("type").isMissingNode()) {
                findings.add(id + ": no authentication");
            }
            Set<String> expected = new TreeSet<>();
            expected.add("topic " + service.producesTopic() + " Write");
            service.consumesTopics().forEach(t -> expected.add("topic " + t + " Read"));
            if (!service.consumesTopics().isEmpty()) {
                expected.add("group " + service.consumerGroup() + " Read");
            }
            Set<String> actual = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                if ("deny".equals(acl.path("type").asText())) {
                    continue;
                }
                if ("prefix".equals(resource.path("patternType").asText())) {
                    findings.add(id + ": prefix ACL on " + resource.path("name").asText() + " grants more than named resources");
                }
                for (JsonNode operation : acl.path("operations")) {
                    actual.add(resource.path("type").asText() + " " + resource.path("name").asText() + " " + operation.asText());
                }
            }
            Set<String> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            Set<String> lacking = new TreeSet<>(expected);
            lacking.removeAll(actual);
            if (!extra.isEmpty()) {
                findings.add(id + ": ACLs beyond least privilege: " + extra);
            }
            if (!lacking.isEmpty()) {
                findings.add(id + ": ACLs missing: " + lacking);
            }
        }
        users.keySet().stream().filter(u -> !topology.services().containsKey(u))
                .forEach(u -> findings.add("KafkaUser/" + u + ": not a Chaperone service"));
    }

    private static void expectConfig(String id, JsonNode config, String key, String expected, List<String> findings) {
        JsonNode value = config.path(key);
        if (value.isMissingNode() || !expected.equals(value.asText())) {
            findings.add(id + ": " + key + " must be " + expected + ", is " + (value.isMissingNode() ? "unset" : value.asText()));
        }
    }

    // ---- PostgreSQL: instances, a database and owner per service, backups ----

    private void checkPostgres(Objects8s o, Profile profile, List<String> findings) {
        List<JsonNode> clusters = o.custom("Cluster");
        if (clusters.size() != 1) {
            findings.add("Cluster: expected one CloudNativePG cluster, found " + clusters.size());
            return;
        }
        JsonNode cluster = clusters.get(0);
        String id = "Cluster/" + name(cluster);
        int instances = cluster.path("spec").path("instances").asInt();
        int expectedInstances = profile == Profile.PRODUCTION ? 3 : 1;
        if (instances != expectedInstances) {
            findings.add(id + ": " + profile + " runs " + expectedInstances + " instance(s), not " + instances);
        }
        String imageProblem = imageProblem(cluster.path("spec").path("imageName").asText(null), profile);
        if (imageProblem != null) {
            findings.add(id + ": " + imageProblem);
        }
        if (cluster.path("spec").path("enableSuperuserAccess").asBoolean(true)) {
            findings.add(id + ": enableSuperuserAccess must be false (no superuser password Secret)");
        }
        Map<String, JsonNode> roles = new HashMap<>();
        cluster.path("spec").path("managed").path("roles").forEach(r -> roles.put(r.path("name").asText(), r));
        Map<String, JsonNode> databases = new HashMap<>();
        o.custom("Database").forEach(d -> databases.put(d.path("spec").path("name").asText(), d));
        for (Topology.Service service : topology.services().values()) {
            JsonNode role = roles.get(service.database());
            if (role == null || !role.path("login").asBoolean() || role.path("passwordSecret").path("name").isMissingNode()
                    || role.path("superuser").asBoolean(false)) {
                findings.add(id + ": needs a managed login role " + service.database()
                        + " (not superuser) with its password from a Secret");
            }
            JsonNode database = databases.get(service.database());
            if (database == null) {
                findings.add("Database/" + service.database() + ": missing");
            } else if (!service.database().equals(database.path("spec").path("owner").asText())
                    || !name(cluster).equals(database.path("spec").path("cluster").path("name").asText())) {
                findings.add("Database/" + service.database() + ": must be owned by role " + service.database()
                        + " on cluster " + name(cluster));
            }
        }
        if (profile == Profile.PRODUCTION) {
            if (cluster.path("spec").path("postgresql").path("synchronous").isMissingNode()) {
                findings.add(id + ": production commits must reach a standby (postgresql.synchronous)");
            }
            boolean scheduled = o.custom("ScheduledBackup").stream()
                    .anyMatch(b -> name(cluster).equals(b.path("spec").path("cluster").path("name").asText()));
            if (!scheduled) {
                findings.add(id + ": no ScheduledBackup");
            }
            boolean archived = false;
            for (JsonNode plugin : cluster.path("spec").path("plugins")) {
                String store = plugin.path("parameters").path("barmanObjectName").asText();
                if (plugin.path("isWALArchiver").asBoolean()
                        && o.custom("ObjectStore").stream().anyMatch(s -> store.equals(name(s)))) {
                    archived = true;
                }
            }
            if (!archived && cluster.path("spec").path("backup").path("barmanObjectStore").isMissingNode()) {
                findings.add(id + ": no WAL archive to object storage (barman-cloud plugin with an ObjectStore)");
            }
        }
    }

    // ---- Production monitoring: a ServiceMonitor per service ----

    private void checkMonitoring(Objects8s o, List<String> findings) {
        for (String deployment : topology.deployments()) {
            Service service = o.services.stream().filter(s -> deployment.equals(s.getMetadata().getName())).findFirst().orElse(null);
            if (service == null) {
                findings.add("Service/" + deployment + ": missing");
                continue;
            }
            Map<String, String> labels = service.getMetadata().getLabels() == null ? Map.of() : service.getMetadata().getLabels();
            boolean monitored = o.custom("ServiceMonitor").stream().anyMatch(m -> {
                Map<String, String> wanted = new HashMap<>();
                m.path("spec").path("selector").path("matchLabels").fields()
                        .forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
                return !wanted.isEmpty() && labels.entrySet().containsAll(wanted.entrySet());
            });
            if (!monitored) {
                findings.add("Service/" + deployment + ": no ServiceMonitor scrapes it");
            }
        }
    }

    // ---- helpers ----

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    private static boolean isDefaultDenyAll(NetworkPolicy policy) {
        var spec = policy.getSpec();
        return isEmpty(spec.getPodSelector()) && spec.getPolicyTypes().contains("Ingress") && spec.getPolicyTypes().contains("Egress")
                && spec.getIngress().isEmpty() && spec.getEgress().isEmpty();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null && !have.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                String value = have.get(requirement.getKey());
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && requirement.getValues().contains(value);
                    case "NotIn" -> value == null || !requirement.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
