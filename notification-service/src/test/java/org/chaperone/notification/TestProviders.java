package org.chaperone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The SMS gateway and the app push webhooks as WireMock over TLS, with a certificate made for this JVM and trusted
 * by it, so that the channels speak HTTPS exactly as in production. Each provider answers 202 to any POST. The SMS
 * gateway is configured as {@code localhost} (operator configuration, resolved as usual); registered URLs use the
 * address.
 */
public class TestProviders implements QuarkusTestResourceLifecycleManager {

    public static final String SMS_SECRET = secret();
    public static final String PUSH_SECRET = secret();
    /**
     * A name only {@link TestDns} knows (127.0.0.1), in the certificate too: a post to it succeeds only if it goes to
     * the address the guard checked (no network here resolves it) and TLS still verifies the name.
     */
    public static final String PINNED_HOST = "pinned.chaperone.test";
    private static final String PASSWORD = "changeit";
    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            Path dir = tempDir();
            Path keystore = dir.resolve("wiremock.p12");
            Path cert = dir.resolve("wiremock.crt");
            Path truststore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "wiremock", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,dns:" + PINNED_HOST + ",ip:127.0.0.1", "-validity", "3", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            keytool("-exportcert", "-alias", "wiremock", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "wiremock", "-file", cert.toString(), "-keystore",
                    truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
            System.setProperty("javax.net.ssl.trustStore", truststore.toString());
            System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
            System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
            server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort()
                    .keystorePath(keystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD)
                    .keystoreType("PKCS12"));
            server.start();
            server.stubFor(post(urlPathMatching("/.*")).willReturn(aResponse().withStatus(202)));
        }
        return Map.of(
                "chaperone.notification.sms.url", "https://localhost:" + server.httpsPort() + "/sms",
                "chaperone.notification.sms.secret", SMS_SECRET,
                "chaperone.notification.push.secret", PUSH_SECRET);
    }

    @Override
    public void stop() {
        // Shared by every test of the JVM; it dies with it.
    }

    /**
     * The https base URL of the stand-in, for a person's app webhook or a school's status webhook: by address, the
     * one address the test profile allows registered URLs to reach ({@code localhost} is refused as a name).
     */
    public static String baseUrl() {
        return "https://127.0.0.1:" + server.httpsPort();
    }

    /** The stand-in's port, for URLs under other host names. */
    public static int httpsPort() {
        return server.httpsPort();
    }

    /** Calls to paths matching {@code pathRegex} are refused with 503 from now on (until {@link #restore}). */
    public static StubMapping refuse(String pathRegex) {
        return server.stubFor(post(urlPathMatching(pathRegex)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
    }

    /** Calls to paths matching {@code pathRegex} are answered 202 after {@code millis} (until {@link #restore}). */
    public static StubMapping slow(String pathRegex, int millis) {
        return server.stubFor(post(urlPathMatching(pathRegex)).atPriority(1)
                .willReturn(aResponse().withStatus(202).withFixedDelay(millis)));
    }

    /** Takes back a {@link #refuse} or {@link #slow}: the paths are answered 202 at once again. */
    public static void restore(StubMapping stub) {
        server.removeStub(stub);
    }

    /** Every request the providers received so far. */
    public static List<LoggedRequest> received() {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("chaperone-providers");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
