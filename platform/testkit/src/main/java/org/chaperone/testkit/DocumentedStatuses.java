package org.chaperone.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a service's OpenAPI document to what the service really answers: every 2xx that a test's request gets
 * from the application under test must be a response the document gives for that operation, and a
 * {@code Location} header sent with it must be declared there too. The first undocumented answer fails the
 * test that got it, naming the operation, the status and what the document gives instead.
 *
 * <p>A rest-assured filter, registered for every {@code @QuarkusTest} of a module whose application serves an
 * OpenAPI document ({@link DocumentedStatusesRegistration}), so the tests that already call every endpoint check
 * its documented success statuses as they go; {@link ApiSnapshot} then keeps the document itself in review.
 * Requests to other servers (stubs, mail) and to {@code /q/} are not checked; neither are {@code HEAD} and
 * {@code OPTIONS}, which JAX-RS answers by itself.
 */
public final class DocumentedStatuses implements Filter {

    /** Where Quarkus serves the generated document (as {@link ApiSnapshot} reads it). */
    static final String DOCUMENT_PATH = "/q/openapi?format=json";
    private static final Set<String> UNCHECKED_METHODS = Set.of("HEAD", "OPTIONS");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}/]+}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** The document of each application seen (scheme, host and port), read at its first 2xx. */
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();

    private DocumentedStatuses() {
    }

    /**
     * Checks every rest-assured request of this test JVM from now on (once, however often called). The documents
     * read so far are forgotten, since the next test class may run on a restarted application.
     */
    public static synchronized void register() {
        DOCUMENTS.clear();
        if (RestAssured.filters().stream().noneMatch(DocumentedStatuses.class::isInstance)) {
            RestAssured.filters(new DocumentedStatuses());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        int status = response.statusCode();
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (status < 200 || status > 299 || UNCHECKED_METHODS.contains(method)) {
            return response;
        }
        URI uri = URI.create(request.getURI());
        if (!isApplicationUnderTest(uri) || uri.getRawPath().startsWith("/q/")) {
            return response;
        }
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        JsonNode document = DOCUMENTS.computeIfAbsent(origin, DocumentedStatuses::read);
        Optional<String> undocumented = undocumented(document, method, uri.getRawPath(), status,
                response.getHeader("Location") != null);
        if (undocumented.isPresent()) {
            throw new AssertionError(undocumented.get());
        }
        return response;
    }

    /**
     * Why an answer is not what {@code document} says the operation answers, or nothing when it is.
     *
     * @param rawPath  the request's path as sent (percent-encoded)
     * @param location whether the answer carried a {@code Location} header
     */
    static Optional<String> undocumented(JsonNode document, String method, String rawPath, int status,
            boolean location) {
        JsonNode paths = document.path("paths");
        Optional<String> template = template(iterable(paths.fieldNames()), rawPath);
        String verb = method.toUpperCase(Locale.ROOT);
        JsonNode operation = template.map(t -> paths.path(t).path(verb.toLowerCase(Locale.ROOT)))
                .orElse(null);
        if (operation == null || operation.isMissingNode()) {
            return Optional.of(verb + " " + rawPath + " answered " + status
                    + ", but the OpenAPI document has no operation for it");
        }
        String operationName = verb + " " + template.get();
        JsonNode responses = operation.path("responses");
        String code = String.valueOf(status);
        JsonNode documented = responses.has(code) ? responses.get(code) : responses.path("2XX");
        if (documented.isMissingNode()) {
            return Optional.of(operationName + " answered " + status + ", but its OpenAPI document gives only "
                    + codes(responses) + ": declare it with @APIResponse(responseCode = \"" + code
                    + "\") on the resource method (and every other status it answers)");
        }
        if (location && !hasHeader(documented, "Location")) {
            return Optional.of(operationName + " answered " + status + " with a Location header, which its "
                    + "OpenAPI document does not declare: add headers = @Header(name = \"Location\") to the "
                    + "@APIResponse of " + code);
        }
        return Optional.empty();
    }

    /**
     * The documented path that a request's path is an instance of; where several are, the one whose first variable
     * comes latest, so that a literal segment wins over a variable ({@code /consent-requests/pending} over
     * {@code /consent-requests/{requestId}}).
     */
    static Optional<String> template(Iterable<String> documentedPaths, String rawPath) {
        String[] actual = segments(rawPath);
        String best = null;
        boolean[] bestVariables = null;
        for (String candidate : documentedPaths) {
            String[] parts = segments(candidate);
            if (parts.length != actual.length) {
                continue;
            }
            boolean[] variables = new boolean[parts.length];
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                variables[i] = VARIABLE.matcher(parts[i]).find();
                matches = variables[i] ? segmentPattern(parts[i]).matcher(actual[i]).matches()
                        : parts[i].equals(actual[i]);
            }
            if (matches && (best == null || moreLiteral(variables, bestVariables))) {
                best = candidate;
                bestVariables = variables;
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean isApplicationUnderTest(URI uri) {
        URI base = URI.create(RestAssured.baseURI);
        return uri.getPort() == RestAssured.port && Objects.equals(uri.getHost(), base.getHost());
    }

    private static JsonNode read(String origin) {
        URI location = URI.create(origin + DOCUMENT_PATH);
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(location).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("The OpenAPI document at " + location + " answered " + answer.statusCode());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("The OpenAPI document at " + location + " cannot be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while reading the OpenAPI document at " + location, e);
        }
    }

    private static String[] segments(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.split("/", -1);
    }

    private static Pattern segmentPattern(String templateSegment) {
        StringBuilder regex = new StringBuilder();
        Matcher variable = VARIABLE.matcher(templateSegment);
        int end = 0;
        while (variable.find()) {
            regex.append(Pattern.quote(templateSegment.substring(end, variable.start()))).append("[^/]+");
            end = variable.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(templateSegment.substring(end))).toString());
    }

    /** Whether the first segment where two templates differ is literal in {@code a} and a variable in {@code b}. */
    private static boolean moreLiteral(boolean[] a, boolean[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return !a[i];
            }
        }
        return false;
    }

    private static boolean hasHeader(JsonNode response, String name) {
        for (String header : iterable(response.path("headers").fieldNames())) {
            if (header.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> codes(JsonNode responses) {
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        codes.sort(null);
        return codes;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        List<T> all = new ArrayList<>();
        iterator.forEachRemaining(all::add);
        return all;
    }
}
