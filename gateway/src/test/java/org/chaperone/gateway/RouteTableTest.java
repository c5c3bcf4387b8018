package org.chaperone.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The route table against the services' own API documents (docs/api, kept by each service's snapshot test): every
 * path a service publishes is reachable through the gateway, on the route of that service, and every route leads
 * somewhere a service documents. A service that adds an API without a route here fails this test.
 */
class RouteTableTest {

    private static final Pattern ROUTE = Pattern.compile("chaperone\\.gateway\\.routes\\.\"(/api/[^\"]+)\"");
    private static final Pattern PATH = Pattern.compile("^  (/api/v1/[^:]+):\\s*$");

    @Test
    void everyDocumentedPathHasARouteToItsOwnServiceAndEveryRouteIsDocumented() throws IOException {
        Map<String, String> routes = routes();
        Map<String, List<String>> documented = documentedPaths();
        assertThat(documented).as("service documents read").containsKeys("consent", "scheduling", "incident",
                "notification");
        List<String> routesUsed = new ArrayList<>();
        documented.forEach((service, paths) -> {
            for (String path : paths) {
                String route = routes.keySet().stream().filter(prefix -> path.equals(prefix)
                        || path.startsWith(prefix + "/")).findFirst().orElse(null);
                assertThat(route).as("the route of %s (%s)", path, service).isNotNull();
                assertThat(routes.get(route)).as("the service %s goes to", route).isEqualTo(service);
                routesUsed.add(route);
            }
        });
        assertThat(routesUsed).as("routes with a documented path behind them").containsAll(routes.keySet());
    }

    private static Map<String, String> routes() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = RouteTableTest.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        Map<String, String> routes = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = ROUTE.matcher(key);
            if (m.matches()) {
                routes.put(m.group(1), properties.getProperty(key).trim());
            }
        }
        assertThat(routes).as("routes in application.properties").hasSizeGreaterThan(10);
        return routes;
    }

    private static Map<String, List<String>> documentedPaths() throws IOException {
        Map<String, List<String>> paths = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("..", "docs", "api"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("-service.yaml")).toList()) {
                String service = file.getFileName().toString().replace("-service.yaml", "");
                List<String> found = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    Matcher m = PATH.matcher(line);
                    if (m.matches()) {
                        found.add(m.group(1));
                    }
                }
                assertThat(found).as("paths in %s", file).isNotEmpty();
                paths.put(service, found);
            }
        }
        return paths;
    }
}
