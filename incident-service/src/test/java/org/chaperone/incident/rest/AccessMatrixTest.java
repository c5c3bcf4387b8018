package org.chaperone.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The role × action × whose-concern table in docs/architecture.md ("Who may do what (incident-service)"), run cell by
 * cell against the service: each caller gets exactly the status the table says and, for lists, files and the review,
 * exactly the concerns it names. The table must have a row for every endpoint of the service, and only for those.
 */
@QuarkusTest
class AccessMatrixTest {

    static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");
    static final String START = "<!-- access-matrix:start -->";
    static final String END = "<!-- access-matrix:end -->";
    static final int FIRST_CALLER = 2;
    /**
     * A row's fixture is shared by its cells until one of them changes it (a write that succeeded): reads, refusals
     * and 404s change nothing, and sharing keeps this test from raising hundreds of concerns it does not need.
     */
    static final Map<String, Fixture> FIXTURES = new HashMap<>();

    /** One row of the table: an endpoint, whose concern (or pupil, school) it is called on, and one cell per caller. */
    record Row(String method, String path, String whose, Map<String, String> cells) {
        String label() {
            return method + " " + path + " (" + whose + ")";
        }
    }

    static List<Row> table() {
        List<String> lines;
        try {
            lines = Files.readAllLines(ARCHITECTURE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + ARCHITECTURE.toAbsolutePath(), e);
        }
        int start = lines.indexOf(START);
        int end = lines.indexOf(END);
        assertThat(start).as("the access table's start marker in docs/architecture.md").isNotNegative();
        assertThat(end).as("its end marker").isGreaterThan(start + 2);
        List<String> header = cells(lines.get(start + 1));
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 3, end)) {
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSameSizeAs(header);
            String[] endpoint = cells.get(0).split(" ", 2);
            Map<String, String> byCaller = new HashMap<>();
            for (int i = FIRST_CALLER; i < cells.size(); i++) {
                byCaller.put(header.get(i), cells.get(i));
            }
            rows.add(new Row(endpoint[0], endpoint[1], cells.get(1), byCaller));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        return Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }

    static Stream<Arguments> everyCell() {
        return table().stream().flatMap(row -> row.cells().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(cell -> Arguments.of(row.label(), cell.getKey(), cell.getValue(), row)));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("everyCell")
    void eachCallerGetsWhatTheTableSays(String label, String caller, String expected, Row row) {
        Fixture fixture = FIXTURES.computeIfAbsent(label, key -> new Fixture(row));
        String[] expectation = expected.split(":", 2);
        int status = Integer.parseInt(expectation[0].strip());

        Response response = fixture.call(row, fixture.token(caller));
        if (!row.method().equals("GET") && response.statusCode() < 300) {
            FIXTURES.remove(label);
        }

        response.then().statusCode(status);
        if (status >= 400) {
            response.then().contentType("application/problem+json");
            assertThat(response.asString()).doesNotContain(SchoolConcerns.NARRATIVE);
        }
        if (expectation.length == 2) {
            Set<String> listed = new TreeSet<>(Arrays.asList(expectation[1].strip().split(" ")));
            assertThat(fixture.concernsIn(row, response)).as("concerns %s holds", label).isEqualTo(listed);
        }
    }

    @Test
    void theTableHasARowForEveryEndpointAndOnlyForThose() throws IOException {
        JsonNode openapi = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString());
        Set<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    endpoints.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey().replaceFirst("^/api/v1", "")));
        }
        Set<String> documented = new TreeSet<>();
        table().forEach(row -> documented.add(row.method() + " " + row.path()));
        assertThat(documented).isEqualTo(endpoints);
    }

    /**
     * A school of its own for one cell: pupil {@code P}, a disclosure {@code D} about them and a staff-conduct concern
     * {@code S} about them naming {@code X}, both raised by the teacher; and what the row's request needs besides.
     */
    static final class Fixture {
        final SchoolConcerns school = SchoolConcerns.fresh();
        final SchoolConcerns other = SchoolConcerns.fresh();
        final String named = "staff-x-" + school.school;
        final UUID pupil = UUID.randomUUID();
        final UUID disclosure;
        final UUID conduct;
        final Map<String, Object> body;

        Fixture(Row row) {
            disclosure = school.disclosureAbout(pupil);
            conduct = school.staffConductAbout(named, pupil);
            body = body(row);
            if (row.path().endsWith("/reopening")) {
                close(disclosure);
                close(conduct);
            }
        }

        private void close(UUID concern) {
            school.as(SchoolConcerns.trustLead()).body(Map.of("outcome", "UNFOUNDED", "rationale", "To reopen"))
                    .post("/api/v1/concerns/{id}/closure", concern).then().statusCode(200);
        }

        /** What the row's request sends: a concern to link is one the caller who may act on the row's concern sees. */
        private Map<String, Object> body(Row row) {
            String path = row.path();
            if (path.equals("/concerns")) {
                return school.concern("DISCLOSURE", false, List.of(UUID.randomUUID()));
            }
            if (path.endsWith("/risk-assessments")) {
                return Map.of("severity", "HIGH", "rationale", "Matrix");
            }
            if (path.endsWith("/actions")) {
                return Map.of("action", "SPOKE_WITH_PUPIL", "reason", "Matrix");
            }
            if (path.endsWith("/closure")) {
                return Map.of("outcome", "NO_FURTHER_ACTION", "rationale", "Matrix");
            }
            if (path.endsWith("/reopening")) {
                return Map.of("reason", "Matrix");
            }
            if (path.endsWith("/linked-concerns")) {
                UUID another = row.whose().equals("S") ? school.staffConductAbout("staff-y-" + school.school, pupil)
                        : school.disclosureAbout(UUID.randomUUID());
                return Map.of("concernId", another, "reason", "Matrix");
            }
            if (path.endsWith("/linked-pupils")) {
                UUID sibling = UUID.randomUUID();
                school.dateOfBirth(sibling, LocalDate.now().minusYears(6));
                return Map.of("pupilId", sibling, "reason", "Matrix");
            }
            if (path.endsWith("/date-of-birth")) {
                return Map.of("schoolId", school.school, "dateOfBirth", LocalDate.now().minusYears(9).toString());
            }
            return null;
        }

        String token(String caller) {
            return switch (caller) {
                case "staff" -> school.teacher();
                case "slt" -> school.staff("slt-" + school.school, "slt");
                case "office" -> school.office();
                case "parent" -> school.parent(UUID.randomUUID());
                case "dsl" -> school.dsl();
                case "deputy-dsl" -> school.deputyDsl();
                case "headteacher" -> school.headteacher();
                case "trust-safeguarding-lead" -> SchoolConcerns.trustLead();
                case "school-app" -> school.schoolApp();
                case "other dsl" -> Tokens.staff("dsl-" + other.school, other.school, "dsl");
                case "X" -> school.staff(named, "dsl", "headteacher");
                default -> throw new IllegalArgumentException("no caller " + caller + " in the table's header");
            };
        }

        Response call(Row row, String token) {
            UUID concern = row.whose().equals("S") ? conduct : disclosure;
            String path = "/api/v1" + row.path().replace("{incidentId}", concern.toString())
                    .replace("{pupilId}", pupil.toString());
            var request = school.as(token);
            if (row.method().equals("GET")) {
                request.queryParam("schoolId", school.school).queryParam("reason", "access matrix");
            }
            if (body != null) {
                request.body(body);
            }
            return request.request(row.method(), path);
        }

        /** Which of D and S a list, pupil chronology, file or review answered (and no other concern). */
        Set<String> concernsIn(Row row, Response response) {
            Map<String, String> names = Map.of(disclosure.toString(), "D", conduct.toString(), "S");
            Set<String> found = new TreeSet<>();
            if (row.path().endsWith(".html")) {
                names.forEach((id, name) -> {
                    if (response.asString().contains(id)) {
                        found.add(name);
                    }
                });
                return found;
            }
            String ids = row.path().equals("/concerns") ? "id"
                    : row.path().endsWith("/retention-review") ? "incidentId" : "concerns.id";
            List<String> listed = response.path(ids);
            listed.forEach(id -> found.add(names.getOrDefault(id, "other:" + id)));
            return found;
        }
    }
}
