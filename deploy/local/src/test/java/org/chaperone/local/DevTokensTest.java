package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chaperone.local.DevTokens.TokenRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    static Path repo;
    static DevKeys keys;
    static DemoTrust trust;
    static LocalPaths paths;

    @BeforeAll
    static void keys() throws Exception {
        paths = new LocalPaths(repo);
        keys = DevKeys.loadOrCreate(paths.keys());
        trust = DemoTrust.load();
    }

    @Test
    void aTeachersTokenCarriesExactlyTheClaimsServicesVerify() throws Exception {
        TokenRequest request = DevToken.request(new String[] {"teacher"}, trust, paths);
        String token = DevTokens.mint(request, keys.privateKey(), NOW);

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("https://idp.chaperone.local/dev");
        assertThat(claims.get("aud").asText()).isEqualTo("chaperone-api");
        assertThat(claims.get("sub").asText()).isEqualTo("r.ellwood@linden-primary");
        assertThat(claims.get("upn").asText()).isEqualTo(claims.get("sub").asText());
        assertThat(strings(claims.get("groups"))).containsExactly("staff");
        assertThat(claims.get("schools").isArray()).isTrue();
        assertThat(strings(claims.get("schools"))).containsExactly("linden-primary");
        assertThat(claims.has("guardian_id")).isFalse();
        assertThat(claims.get("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(Duration.ofHours(8).toSeconds());
        assertThat(verifies(token, keys.publicKey())).isTrue();
    }

    @Test
    void aParentsTokenNamesTheGuardian() throws Exception {
        UUID guardian = UUID.fromString("6a1f3e2c-96a4-4c5e-9b0e-2f2d8c1b7a11");
        String token = DevTokens.mint(DevToken.request(
                new String[] {"parent", "--guardian", guardian.toString(), "--school", "ash-lea"}, trust, paths),
                keys.privateKey(), NOW);

        JsonNode claims = part(token, 1);
        assertThat(strings(claims.get("groups"))).containsExactly("parent");
        assertThat(strings(claims.get("schools"))).containsExactly("ash-lea");
        assertThat(claims.get("guardian_id").asText()).isEqualTo(guardian.toString());
        assertThat(claims.get("sub").asText()).isEqualTo("parent-" + guardian);
    }

    @Test
    void aParentTokenWithoutAGuardianUsesTheDemoIdsOfTheRunningStack() throws Exception {
        assertThatThrownBy(() -> DevToken.request(new String[] {"parent"}, trust, new LocalPaths(repo.resolve("none"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--guardian");

        UUID grace = UUID.randomUUID();
        DemoIds ids = DemoIds.empty();
        ids.school("linden-primary").guardians().put(trust.firstSchool().demoParent().misId(), grace);
        ids.write(paths.demoIds());
        JsonNode claims = part(DevTokens.mint(DevToken.request(new String[] {"parent"}, trust, paths),
                keys.privateKey(), NOW), 1);
        assertThat(claims.get("guardian_id").asText()).isEqualTo(grace.toString());
    }

    @Test
    void trustRolesActForAllThreeSchools() throws Exception {
        JsonNode claims = part(DevTokens.mint(DevToken.request(new String[] {"trust-safeguarding-lead"}, trust, paths),
                keys.privateKey(), NOW), 1);
        assertThat(strings(claims.get("groups"))).containsExactly("trust-safeguarding-lead");
        assertThat(strings(claims.get("schools"))).containsExactly("linden-primary", "ash-lea", "avanti-house");
    }

    @Test
    void optionsChooseSchoolSubjectAndLifetime() throws Exception {
        String[] args = {"dsl", "--school", "avanti-house", "--sub", "deputy.cover", "--hours", "1"};
        JsonNode claims = part(DevTokens.mint(DevToken.request(args, trust, paths), keys.privateKey(), NOW), 1);
        assertThat(claims.get("sub").asText()).isEqualTo("deputy.cover");
        assertThat(strings(claims.get("schools"))).containsExactly("avanti-house");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);

        TokenRequest dsl = DevToken.request(new String[] {"dsl", "--school", "ash-lea"}, trust, paths);
        assertThat(dsl.subject()).isEqualTo("b.ferrante@ash-lea");
        TokenRequest app = DevToken.request(new String[] {"school-app"}, trust, paths);
        assertThat(app.subject()).isEqualTo("mis-sync@linden-primary");
        assertThat(app.roles()).containsExactly("school-app");
    }

    @Test
    void mistakesOnTheCommandLineAreExplained() {
        assertThatThrownBy(() -> DevToken.request(new String[] {"janitor"}, trust, paths))
                .hasMessageContaining("Unknown role 'janitor'");
        assertThatThrownBy(() -> DevToken.request(new String[] {"teacher", "--school"}, trust, paths))
                .hasMessageContaining("--school needs a value");
        assertThatThrownBy(() -> DevToken.request(new String[] {"teacher", "--guardian", UUID.randomUUID().toString()},
                trust, paths)).hasMessageContaining("parent");
        assertThatThrownBy(() -> DevToken.request(new String[] {"parent", "--guardian", "grace"}, trust, paths))
                .hasMessageContaining("UUID");
        assertThatThrownBy(() -> DevToken.request(new String[] {"teacher", "--hours", "0"}, trust, paths))
                .hasMessageContaining("positive");
    }

    @Test
    void aTamperedOrForeignlySignedTokenDoesNotVerify() throws Exception {
        String token = DevTokens.mint(new TokenRequest("someone", List.of("staff"), List.of("linden-primary"), null,
                null), keys.privateKey(), NOW);
        String[] parts = token.split("\\.");
        String widened = base64Url(JSON.writeValueAsBytes(Map.of("sub", "someone", "groups", List.of("trust-admin"))));
        assertThat(verifies(parts[0] + "." + widened + "." + parts[2], keys.publicKey())).isFalse();

        DevKeys other = DevKeys.loadOrCreate(repo.resolve("other-keys"));
        assertThat(verifies(token, other.publicKey())).isFalse();
    }

    @Test
    void theKeyPairIsMadeOnceAndReadBackFromPem() throws Exception {
        DevKeys again = DevKeys.loadOrCreate(paths.keys());
        assertThat(again.privateKey().getEncoded()).isEqualTo(keys.privateKey().getEncoded());
        assertThat(again.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(Files.readString(paths.keys().resolve("private.pem")))
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(again.publicKeyFile())).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Files.getPosixFilePermissions(paths.keys().resolve("private.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
    }

    private static JsonNode part(String token, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
    }

    private static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static boolean verifies(String token, PublicKey key) throws GeneralSecurityException {
        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
