package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chaperone.local.DemoTrust.Guardian;
import org.chaperone.local.DemoTrust.School;
import org.chaperone.local.DemoTrust.StaffMember;
import org.chaperone.local.NotificationDemoData.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the notification demo loader sends for the demo trust, and how it sends it. */
class NotificationDemoDataTest {

    /** ContactPointBody.email's pattern in docs/api/notification-service.yaml (a dot in the domain). */
    private static final Pattern API_EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9]"
            + "(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** RotaBody's properties in the same document. */
    private static final Set<String> ROTA_PROPERTIES = Set.of("dsl", "deputyDsls", "headteacher", "slt",
            "outOfHoursCover", "escalation");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoTrust trust = DemoTrust.load();
    private final DemoIds ids = everyGuardianWithAnId(trust);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyMemberOfStaffAndTheTrustLeadHasAnAddressAtEverySchool() {
        List<Call> calls = NotificationDemoData.calls(trust, ids);
        StaffMember lead = trust.trustSafeguardingLead();
        for (School school : trust.schools()) {
            List<String> staff = new ArrayList<>(school.staff().stream().map(StaffMember::subject).toList());
            staff.add(lead.subject());
            assertThat(contactPoints(calls, school.id(), "STAFF")).as(school.id())
                    .containsOnlyKeys(staff)
                    .containsEntry(lead.subject(), lead.subject() + ".example");
        }
        assertThat(contactPoints(calls, "linden-primary", "STAFF"))
                .containsEntry("r.ellwood@linden-primary", "r.ellwood@linden-primary.example")
                .containsEntry("s.whitcombe@linden-primary", "s.whitcombe@linden-primary.example");
    }

    @Test
    void everyGuardianWithAnIdHasAnAddressAndOnlyThey() {
        DemoIds some = DemoIds.empty();
        School linden = trust.school("linden-primary").orElseThrow();
        UUID grace = UUID.randomUUID();
        some.school("linden-primary").guardians().put("LP-G001", grace);
        List<Call> calls = NotificationDemoData.calls(trust, some);
        assertThat(contactPoints(calls, "linden-primary", "GUARDIAN"))
                .containsExactly(Map.entry(grace.toString(), "grace.okonjo@families.example"));
        assertThat(contactPoints(calls, "ash-lea", "GUARDIAN")).isEmpty();
        assertThat(contactPoints(calls, "ash-lea", "STAFF")).isNotEmpty();

        List<Call> all = NotificationDemoData.calls(trust, ids);
        for (School school : trust.schools()) {
            assertThat(contactPoints(all, school.id(), "GUARDIAN")).as(school.id())
                    .hasSize(school.guardians().size())
                    .containsOnlyKeys(school.guardians().stream()
                            .map(g -> ids.school(school.id()).guardians().get(g.misId()).toString()).toList());
        }
        assertThat(linden.guardians()).isNotEmpty();
        assertThat(NotificationDemoData.calls(trust, null)).noneMatch(call -> call.path().contains("/GUARDIAN/"));
    }

    @Test
    void addressesAreDistinctOnReservedDomainsAndAcceptedByTheApi() {
        List<String> addresses = new ArrayList<>();
        for (School school : trust.schools()) {
            school.guardians().forEach(g -> addresses.add(NotificationDemoData.guardianAddress(g)));
            school.staff().forEach(m -> addresses.add(NotificationDemoData.staffAddress(m.subject())));
        }
        trust.trust().staff().forEach(m -> addresses.add(NotificationDemoData.staffAddress(m.subject())));
        assertThat(addresses).doesNotHaveDuplicates()
                .allSatisfy(address -> assertThat(address).matches(API_EMAIL).endsWith(".example"));
        assertThat(NotificationDemoData.guardianAddress(new Guardian("X", "Zoë", "Morgan-Hale")))
                .isEqualTo("zoe.morgan-hale@families.example").matches(API_EMAIL);
        assertThatThrownBy(() -> NotificationDemoData.staffAddress("no-domain"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSchoolsRotaNamesItsDslDeputyHeadteacherAndSltWithDefaultEscalation() {
        List<Call> calls = NotificationDemoData.calls(trust, ids);
        for (School school : trust.schools()) {
            List<Call> rotas = calls.stream().filter(call -> call.path().equals("/api/v1/rota/" + school.id()))
                    .toList();
            assertThat(rotas).as(school.id()).hasSize(1);
            Map<String, Object> rota = rotas.get(0).body();
            String dsl = school.staffWithRole("dsl").orElseThrow().subject();
            String head = school.staffWithRole("headteacher").orElseThrow().subject();
            String deputy = school.staffWithRole("deputy-dsl").orElseThrow().subject();
            assertThat(ROTA_PROPERTIES).containsAll(rota.keySet());
            assertThat(rota).doesNotContainKey("escalation")
                    .containsEntry("dsl", dsl)
                    .containsEntry("headteacher", head)
                    .containsEntry("slt", List.of(head))
                    .containsEntry("deputyDsls", List.of(deputy))
                    .containsEntry("outOfHoursCover", dsl);
            Set<String> staffWithAddress = contactPoints(calls, school.id(), "STAFF").keySet();
            assertThat(staffWithAddress).as("everyone on the rota can be reached").contains(dsl, deputy, head);
        }
        assertThat(calls.stream().filter(call -> call.path().equals("/api/v1/rota/linden-primary")).findFirst()
                .orElseThrow().body()).containsEntry("dsl", "s.whitcombe@linden-primary")
                .containsEntry("headteacher", "p.lindqvist@linden-primary");
    }

    @Test
    void theTrustLeadTheServicesAreToldOfIsTheOneWithAnAddress() {
        String setting = ServiceProcess.environment(Path.of("/tmp/public.pem"))
                .get("CHAPERONE_TRUST_SAFEGUARDING_LEAD");
        assertThat(setting).isEqualTo("m.adeyemi@oakfield-trust");
        for (School school : trust.schools()) {
            assertThat(contactPoints(NotificationDemoData.calls(trust, ids), school.id(), "STAFF"))
                    .containsKey(setting);
        }
    }

    @Test
    void loadsEachSchoolAsItsMisConnectorWithOnePutPerCall() throws Exception {
        List<String[]> received = Collections.synchronizedList(new ArrayList<>());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), body});
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();

        NotificationDemoData.Loaded loaded = loader().load(trust, ids);

        List<Call> expected = NotificationDemoData.calls(trust, ids);
        int guardians = trust.schools().stream().mapToInt(s -> s.guardians().size()).sum();
        int staff = trust.schools().stream().mapToInt(s -> s.staff().size() + 1).sum();
        assertThat(loaded).isEqualTo(new NotificationDemoData.Loaded(staff, guardians, 3));
        assertThat(received).hasSize(expected.size());
        assertThat(received.stream().map(r -> r[1]).toList())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(Call::path).toList());
        for (String[] request : received) {
            assertThat(request[0]).isEqualTo("PUT");
            String school = request[1].split("/")[4];
            JsonNode claims = claims(request[2]);
            assertThat(claims.path("groups").toString()).isEqualTo("[\"school-app\"]");
            assertThat(claims.path("schools").toString()).isEqualTo("[\"" + school + "\"]");
            assertThat(claims.path("sub").asText()).isEqualTo("mis-sync@" + school);
            Call call = expected.stream().filter(c -> c.path().equals(request[1])).findFirst().orElseThrow();
            assertThat(JSON.readTree(request[3])).isEqualTo(JSON.valueToTree(call.body()));
        }
    }

    @Test
    void aRefusedCallStopsTheLoadNamingPathStatusAndAnswer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean rota = exchange.getRequestURI().getPath().startsWith("/api/v1/rota/ash-lea");
            byte[] answer = (rota ? "{\"title\":\"Bad Request\",\"field\":\"dsl\"}" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(rota ? 400 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        assertThatThrownBy(() -> loader().load(trust, ids)).isInstanceOf(IOException.class)
                .hasMessageContaining("PUT /api/v1/rota/ash-lea answered 400")
                .hasMessageContaining("\"field\":\"dsl\"");
    }

    private NotificationDemoData loader() throws Exception {
        return new NotificationDemoData(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate(), Instant.now());
    }

    /** person id -> e-mail of the contact points the calls put for {@code school} and {@code type}. */
    private static Map<String, String> contactPoints(List<Call> calls, String school, String type) {
        String prefix = "/api/v1/contact-points/" + school + "/" + type + "/";
        return calls.stream().filter(call -> call.path().startsWith(prefix))
                .peek(call -> assertThat(call.school()).isEqualTo(school))
                .peek(call -> assertThat(call.body()).containsOnlyKeys("email"))
                .collect(Collectors.toMap(call -> URLDecoder.decode(call.path().substring(prefix.length()),
                        StandardCharsets.UTF_8), call -> (String) call.body().get("email")));
    }

    private static DemoIds everyGuardianWithAnId(DemoTrust trust) {
        DemoIds ids = DemoIds.empty();
        for (School school : trust.schools()) {
            school.guardians().forEach(g -> ids.school(school.id()).guardians().put(g.misId(), UUID.randomUUID()));
        }
        return ids;
    }

    private static JsonNode claims(String authorization) throws IOException {
        assertThat(authorization).startsWith("Bearer ");
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }
}
