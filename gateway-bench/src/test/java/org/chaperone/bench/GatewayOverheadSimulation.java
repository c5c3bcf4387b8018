package org.chaperone.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One repetition of the gateway benchmark: for each target (direct to the backend, through nginx, through the
 * gateway) in the given order, the same GET /api/v1/pupils?schoolId=... with a bearer token:
 * <ol>
 *   <li>warm-up: {@code bench.satUsers} users in closed loops for {@code bench.warmupSeconds};</li>
 *   <li>saturation: the same for {@code bench.satSeconds}: throughput, and CPU time per request of every process
 *       named in {@code bench.cpu} (read from /proc before and after);</li>
 *   <li>fixed rate (open model): {@code constantUsersPerSec(bench.rate)} for {@code bench.fixedSeconds}, one
 *       request per user over shared keep-alive connections: latency percentiles.</li>
 * </ol>
 * Gatling's own statistics have millisecond resolution, too coarse for sub-millisecond proxy overhead, so each
 * request is also timed here with System.nanoTime and the microsecond figures go to {@code bench.out}.
 */
public class GatewayOverheadSimulation extends Simulation {

    private static final String PATH = "/api/v1/pupils";

    private final Map<String, String> targets = parseTargets(System.getProperty("bench.targets",
            "direct=http://127.0.0.1:18081"));
    private final List<String> tokens = readTokens(System.getProperty("bench.tokens"));
    private final int satUsers = Integer.getInteger("bench.satUsers", 64);
    private final int satSeconds = Integer.getInteger("bench.satSeconds", 15);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 8);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "500"));
    private final int fixedSeconds = Integer.getInteger("bench.fixedSeconds", 30);
    private final Map<String, List<Integer>> cpuPids = parseCpu(System.getProperty("bench.cpu", ""));
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench/result.properties"));

    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
    private final Map<String, Map<String, long[]>> cpuMarks = new TreeMap<>();
    private final Map<String, long[]> wallMarks = new TreeMap<>();
    private final AtomicInteger next = new AtomicInteger();

    {
        List<PopulationBuilder> phases = new ArrayList<>();
        List<Assertion> assertions = new ArrayList<>();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String name = target.getKey();
            HttpProtocolBuilder protocol = http.baseUrl(target.getValue())
                    .shareConnections()
                    .acceptHeader("application/json")
                    .disableCaching()
                    .disableWarmUp();
            Recorder warm = recorder(name + "-warmup");
            Recorder sat = recorder(name + "-sat");
            Recorder fixed = recorder(name + "-fixed");
            phases.add(scenario(name + " warm-up")
                    .during(Duration.ofSeconds(warmupSeconds)).on(call(name + "-warmup", warm))
                    .injectOpen(atOnceUsers(satUsers)).protocols(protocol));
            phases.add(mark(name + "-sat", "start"));
            phases.add(scenario(name + " saturation")
                    .during(Duration.ofSeconds(satSeconds)).on(call(name + "-sat", sat))
                    .injectOpen(atOnceUsers(satUsers)).protocols(protocol));
            phases.add(mark(name + "-sat", "end"));
            phases.add(scenario(name + " fixed rate")
                    .exec(call(name + "-fixed", fixed))
                    .injectOpen(nothingFor(Duration.ofSeconds(2)),
                            constantUsersPerSec(rate).during(Duration.ofSeconds(fixedSeconds)))
                    .protocols(protocol));
            assertions.add(details(name + "-sat").failedRequests().percent().lte(0.1));
            assertions.add(details(name + "-fixed").failedRequests().percent().is(0.0));
            // A moderate rate must stay far from saturation: a p99 this high would mean it did not.
            assertions.add(details(name + "-fixed").responseTime().percentile4().lt(100));
        }
        // Strictly one phase after another: nothing else competes for the two cores while a phase runs.
        PopulationBuilder chain = phases.get(phases.size() - 1);
        for (int i = phases.size() - 2; i >= 0; i--) {
            chain = phases.get(i).andThen(chain);
        }
        assertions.add(global().failedRequests().percent().lte(0.1));
        setUp(chain).assertions(assertions);
    }

    private Recorder recorder(String name) {
        Recorder recorder = new Recorder();
        recorders.put(name, recorder);
        return recorder;
    }

    private ChainBuilder call(String requestName, Recorder recorder) {
        return exec(session -> {
            int i = Math.floorMod(next.getAndIncrement(), tokens.size());
            return session.set("token", tokens.get(i)).set("school", "school-" + (i % 20))
                    .set("t0", System.nanoTime());
        }).exec(http(requestName).get(PATH)
                .queryParam("schoolId", "#{school}")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200)))
                .exec(session -> {
                    long done = System.nanoTime();
                    recorder.record(session.getLong("t0"), done, !session.isFailed());
                    return session.markAsSucceeded();
                });
    }

    private PopulationBuilder mark(String phase, String which) {
        return scenario(phase + " " + which).exec(session -> {
            synchronized (cpuMarks) {
                Map<String, long[]> marks = cpuMarks.computeIfAbsent(phase, k -> new TreeMap<>());
                cpuPids.forEach((process, pids) -> {
                    long[] pair = marks.computeIfAbsent(process, k -> new long[2]);
                    pair["start".equals(which) ? 0 : 1] = cpuTicks(pids);
                });
                long[] self = marks.computeIfAbsent("gatling", k -> new long[2]);
                self["start".equals(which) ? 0 : 1] = cpuTicks(List.of((int) ProcessHandle.current().pid()));
                wallMarks.computeIfAbsent(phase, k -> new long[2])["start".equals(which) ? 0 : 1] = System.nanoTime();
            }
            return session;
        }).injectOpen(atOnceUsers(1));
    }

    @Override
    public void after() {
        Properties results = new Properties();
        results.setProperty("config.targets", String.join(",", targets.keySet()));
        results.setProperty("config.satUsers", Integer.toString(satUsers));
        results.setProperty("config.satSeconds", Integer.toString(satSeconds));
        results.setProperty("config.warmupSeconds", Integer.toString(warmupSeconds));
        results.setProperty("config.rate", Double.toString(rate));
        results.setProperty("config.fixedSeconds", Integer.toString(fixedSeconds));
        results.setProperty("config.tokens", Integer.toString(tokens.size()));
        for (String target : targets.keySet()) {
            Recorder sat = recorders.get(target + "-sat");
            results.setProperty(target + ".sat.ok", Long.toString(sat.ok()));
            results.setProperty(target + ".sat.ko", Long.toString(sat.ko()));
            results.setProperty(target + ".sat.rps", String.format("%.1f", sat.throughput()));
            long[] wall = wallMarks.get(target + "-sat");
            Map<String, long[]> marks = cpuMarks.get(target + "-sat");
            if (wall != null && marks != null && sat.ok() + sat.ko() > 0) {
                double wallSeconds = (wall[1] - wall[0]) / 1e9;
                results.setProperty(target + ".sat.wallSeconds", String.format("%.2f", wallSeconds));
                long calls = sat.ok() + sat.ko();
                marks.forEach((process, pair) -> {
                    double cpuSeconds = (pair[1] - pair[0]) / 100.0; // USER_HZ is 100 on Linux
                    results.setProperty(target + ".sat.cpuUsPerRequest." + process,
                            String.format("%.1f", cpuSeconds * 1e6 / calls));
                    results.setProperty(target + ".sat.cores." + process,
                            String.format("%.2f", cpuSeconds / wallSeconds));
                });
            }
            Recorder fixed = recorders.get(target + "-fixed");
            results.setProperty(target + ".fixed.ok", Long.toString(fixed.ok()));
            results.setProperty(target + ".fixed.ko", Long.toString(fixed.ko()));
            results.setProperty(target + ".fixed.rps", String.format("%.1f", fixed.throughput()));
            long[] sorted = fixed.sortedLatencies();
            if (sorted.length > 0) {
                for (double p : new double[] {50, 90, 99, 99.9}) {
                    results.setProperty(target + ".fixed.p" + (p == 99.9 ? "999" : Integer.toString((int) p)) + "Us",
                            String.format("%.1f", sorted[index(sorted.length, p)] / 1e3));
                }
                results.setProperty(target + ".fixed.maxUs", String.format("%.1f", sorted[sorted.length - 1] / 1e3));
                double sum = 0;
                for (long value : sorted) {
                    sum += value;
                }
                results.setProperty(target + ".fixed.meanUs", String.format("%.1f", sum / sorted.length / 1e3));
            }
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                results.store(writer, "gateway-bench, one repetition");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("bench results written to " + out.toAbsolutePath());
    }

    private static int index(int n, double percentile) {
        return Math.min(n - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * n) - 1));
    }

    /** utime + stime of the processes, in clock ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(List<Integer> pids) {
        long ticks = 0;
        for (int pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                System.err.println("cannot read CPU time of process " + pid + ": " + e);
            }
        }
        return ticks;
    }

    private static Map<String, String> parseTargets(String spec) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] pair = part.trim().split("=", 2);
            String url = pair[1];
            if (!url.startsWith("http://127.0.0.1:") && !url.startsWith("http://localhost:")) {
                throw new IllegalArgumentException("loopback targets only: " + url);
            }
            parsed.put(pair[0], url);
        }
        return parsed;
    }

    private static Map<String, List<Integer>> parseCpu(String spec) {
        Map<String, List<Integer>> parsed = new LinkedHashMap<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] pair = part.trim().split("=", 2);
            List<Integer> pids = new ArrayList<>();
            for (String pid : pair[1].split(",")) {
                if (!pid.isBlank()) {
                    pids.add(Integer.parseInt(pid.trim()));
                }
            }
            parsed.put(pair[0], pids);
        }
        return parsed;
    }

    private static List<String> readTokens(String file) {
        if (file == null) {
            throw new IllegalStateException("set -Dbench.tokens=<file with one token per line>");
        }
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII)) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latencies of successful calls (nanoseconds) and the span from the first start to the last end. */
    static final class Recorder {
        private long[] latencies = new long[1 << 16];
        private int size;
        private long ok;
        private long ko;
        private long first = Long.MAX_VALUE;
        private long last = Long.MIN_VALUE;

        synchronized void record(long start, long end, boolean success) {
            first = Math.min(first, start);
            last = Math.max(last, end);
            if (!success) {
                ko++;
                return;
            }
            ok++;
            if (size == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = end - start;
        }

        synchronized long ok() {
            return ok;
        }

        synchronized long ko() {
            return ko;
        }

        synchronized double throughput() {
            return ok == 0 ? 0 : ok / ((last - first) / 1e9);
        }

        synchronized long[] sortedLatencies() {
            long[] copy = java.util.Arrays.copyOf(latencies, size);
            java.util.Arrays.sort(copy);
            return copy;
        }
    }

}
