package org.chaperone.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One Chaperone service, run from its Quarkus fast-jar as a child process. */
public final class ServiceProcess {

    /** A service module and its fixed port. */
    public record Service(String module, int port) {

        public String url() {
            return "http://localhost:" + port;
        }
    }

    /** The one entry point for apps: it routes {@code /api/v1/...} to the services behind it. */
    public static final Service GATEWAY = new Service("gateway", 8080);
    /** Holds the pupils and guardians the demo data loads. */
    public static final Service CONSENT = new Service("consent-service", 8081);
    /** Holds the demo policies, staff register and sessions. */
    public static final Service SCHEDULING = new Service("scheduling-service", 8082);
    /** Takes concerns (R12) and keeps the DSL's chronology. */
    public static final Service INCIDENT = new Service("incident-service", 8083);
    /** Holds the demo contact points and safeguarding rotas; sends the mail. */
    public static final Service NOTIFICATION = new Service("notification-service", 8084);

    /** All of them, started side by side. */
    public static final List<Service> SERVICES = List.of(
            GATEWAY,
            CONSENT,
            SCHEDULING,
            INCIDENT,
            NOTIFICATION);

    /** Small heaps and a quick JIT: five JVMs and a broker share two cores in development. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final ChildProcess process;

    private ServiceProcess(Service service, ChildProcess process) {
        this.service = service;
        this.process = process;
    }

    public static ServiceProcess start(Service service, Path jar, Map<String, String> environment,
            Path workingDirectory, Path log) throws IOException {
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        return new ServiceProcess(service, ChildProcess.start(service.module(), command, env, workingDirectory, log));
    }

    /**
     * What every service is told about the stack: database, broker, token verification, mail, the AES-256 key
     * scheduling-service encrypts meeting passcodes with (new each start, like the database it protects), and who
     * the trust's safeguarding lead is (the demo trust's, for notification-service's escalations and R14 alerts).
     */
    public static Map<String, String> environment(Path publicKey) {
        byte[] passcodeKey = new byte[32];
        new SecureRandom().nextBytes(passcodeKey);
        return Map.ofEntries(
                Map.entry("CHAPERONE_PASSCODE_KEY", Base64.getEncoder().encodeToString(passcodeKey)),
                Map.entry("CHAPERONE_DB_URL", LocalPostgres.jdbcUrl()),
                Map.entry("CHAPERONE_DB_USER", LocalPostgres.USER),
                Map.entry("CHAPERONE_DB_PASSWORD", LocalPostgres.PASSWORD),
                Map.entry("CHAPERONE_KAFKA_BOOTSTRAP", LocalKafka.BOOTSTRAP),
                Map.entry("CHAPERONE_JWT_ISSUER", DevTokens.ISSUER),
                Map.entry("CHAPERONE_JWT_AUDIENCE", DevTokens.AUDIENCE),
                Map.entry("CHAPERONE_JWT_PUBLIC_KEY", publicKey.toAbsolutePath().toString()),
                Map.entry("CHAPERONE_SMTP_HOST", "localhost"),
                Map.entry("CHAPERONE_SMTP_PORT", String.valueOf(LocalMail.SMTP_PORT)),
                Map.entry("CHAPERONE_TRUST_SAFEGUARDING_LEAD", DemoTrust.load().trustSafeguardingLead().subject()));
    }

    public Service service() {
        return service;
    }

    public ChildProcess process() {
        return process;
    }

    /**
     * Waits until {@code /q/health/ready} answers 200. Fails at once if the process exits, or after
     * {@code timeout}.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new NotReadyException(service.module() + " exited during start-up");
            }
            try {
                HttpResponse<String> response = HTTP.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                last = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            Thread.sleep(250);
        }
        throw new NotReadyException(service.module() + " not ready within " + timeout.toSeconds() + " s; last: "
                + (last.length() > 300 ? last.substring(0, 300) + "..." : last));
    }

    public static final class NotReadyException extends RuntimeException {

        NotReadyException(String message) {
            super(message);
        }
    }
}
