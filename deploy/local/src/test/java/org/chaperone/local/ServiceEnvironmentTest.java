package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chaperone.local.ServiceProcess.Service;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private final Path publicKey = Path.of("/work/repo/deploy/local/.data/keys/public.pem");
    private final Map<String, String> environment = ServiceProcess.environment(publicKey);

    @Test
    void servicesAreToldWhereEverythingIs() {
        assertThat(environment).containsEntry("CHAPERONE_DB_URL", "jdbc:postgresql://localhost:15432/chaperone")
                .containsEntry("CHAPERONE_DB_USER", "postgres")
                .containsEntry("CHAPERONE_DB_PASSWORD", "postgres")
                .containsEntry("CHAPERONE_KAFKA_BOOTSTRAP", "localhost:19092")
                .containsEntry("CHAPERONE_JWT_ISSUER", "https://idp.chaperone.local/dev")
                .containsEntry("CHAPERONE_JWT_AUDIENCE", "chaperone-api")
                .containsEntry("CHAPERONE_JWT_PUBLIC_KEY", publicKey.toString())
                .containsEntry("CHAPERONE_SMTP_HOST", "localhost")
                .containsEntry("CHAPERONE_SMTP_PORT", "3025")
                .containsEntry("CHAPERONE_TRUST_SAFEGUARDING_LEAD", "m.adeyemi@oakfield-trust");
        assertThat(Base64.getDecoder().decode(environment.get("CHAPERONE_PASSCODE_KEY"))).hasSize(32);
    }

    @Test
    void eachStartHasItsOwnPasscodeKey() {
        assertThat(ServiceProcess.environment(publicKey).get("CHAPERONE_PASSCODE_KEY"))
                .isNotEqualTo(environment.get("CHAPERONE_PASSCODE_KEY"));
    }

    @Test
    void everySettingAServiceRequiresWithoutADefaultIsProvided() throws Exception {
        Path repo = LocalPaths.discover().repoRoot();
        Pattern required = Pattern.compile("\\$\\{(CHAPERONE_[A-Z0-9_]+)}");
        for (Service service : ServiceProcess.SERVICES) {
            Path properties = repo.resolve(service.module()).resolve("src/main/resources/application.properties");
            if (!Files.isRegularFile(properties)) {
                continue;
            }
            Matcher matcher = required.matcher(Files.readString(properties));
            while (matcher.find()) {
                assertThat(environment).as("%s needs %s", service.module(), matcher.group(1))
                        .containsKey(matcher.group(1));
            }
        }
    }

    @Test
    void portsAreDistinctAndTheGatewayIsOn8080() {
        assertThat(ServiceProcess.SERVICES.stream().map(Service::port)).doesNotHaveDuplicates()
                .doesNotContain(LocalPostgres.PORT, LocalKafka.PORT, LocalKafka.CONTROLLER_PORT, LocalMail.SMTP_PORT,
                        LocalMail.IMAP_PORT);
        assertThat(ServiceProcess.SERVICES)
                .contains(new Service("gateway", 8080), new Service("consent-service", 8081));
    }
}
