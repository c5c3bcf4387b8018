package org.chaperone.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Prints the table of the benchmark from the repetitions' result files (medians over repetitions), and whether
 * the target of issue 6 item 7 is met. Args: result files. Exit status 0 either way: a benchmark reports.
 */
public final class Summary {

    public static void main(String[] args) throws IOException {
        List<Properties> runs = new ArrayList<>();
        for (String file : args) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                p.load(reader);
            }
            runs.add(p);
        }
        if (runs.isEmpty()) {
            System.out.println("no results");
            return;
        }
        // A fixed order for the table, whatever order a repetition ran them in.
        List<String> order = new ArrayList<>(List.of("direct", "nginx", "gateway", "gateway-nocache", "gateway-nolog"));
        for (String t : runs.get(0).getProperty("config.targets").split(",")) {
            if (!order.contains(t)) {
                order.add(t);
            }
        }
        List<String> present = List.of(runs.get(0).getProperty("config.targets").split(","));
        String[] targets = order.stream().filter(present::contains).toArray(String[]::new);
        Properties first = runs.get(0);
        System.out.printf(Locale.ROOT, "%d repetition(s); medians. Saturation: %s users in closed loops for %s s;"
                        + " latency: open model, %s req/s for %s s; %s distinct tokens.%n%n", runs.size(),
                first.getProperty("config.satUsers"), first.getProperty("config.satSeconds"),
                first.getProperty("config.rate"), first.getProperty("config.fixedSeconds"),
                first.getProperty("config.tokens"));
        System.out.println("| path | throughput at saturation (req/s) | % of direct | % of nginx | p50 (ms) | p99 (ms)"
                + " | p99.9 (ms) | added p50 over direct (ms) | added p99 over direct (ms) | failed |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double directRps = median(runs, "direct.sat.rps");
        double nginxRps = median(runs, "nginx.sat.rps");
        double directP50 = median(runs, "direct.fixed.p50Us");
        double directP99 = median(runs, "direct.fixed.p99Us");
        for (String t : targets) {
            double rps = median(runs, t + ".sat.rps");
            double p50 = median(runs, t + ".fixed.p50Us");
            double p99 = median(runs, t + ".fixed.p99Us");
            double p999 = median(runs, t + ".fixed.p999Us");
            long failed = 0;
            for (Properties run : runs) {
                failed += Long.parseLong(run.getProperty(t + ".sat.ko", "0"))
                        + Long.parseLong(run.getProperty(t + ".fixed.ko", "0"));
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f %% | %s | %.3f | %.3f | %.3f | %s | %s | %d |%n", t, rps,
                    100 * rps / directRps, Double.isNaN(nginxRps) ? "–" : String.format(Locale.ROOT, "%.0f %%",
                            100 * rps / nginxRps), p50 / 1e3, p99 / 1e3, p999 / 1e3,
                    t.equals("direct") ? "–" : String.format(Locale.ROOT, "%+.3f", (p50 - directP50) / 1e3),
                    t.equals("direct") ? "–" : String.format(Locale.ROOT, "%+.3f", (p99 - directP99) / 1e3), failed);
        }
        System.out.println();
        System.out.println("CPU time per request at saturation (µs, medians), by process:");
        System.out.println();
        List<String> processes = new ArrayList<>();
        for (Object key : first.keySet()) {
            String k = key.toString();
            int at = k.indexOf(".sat.cpuUsPerRequest.");
            if (at > 0) {
                String process = k.substring(at + ".sat.cpuUsPerRequest.".length());
                if (!processes.contains(process)) {
                    processes.add(process);
                }
            }
        }
        processes.sort(null);
        System.out.println("| path | " + String.join(" | ", processes) + " |");
        System.out.println("|---|" + "---:|".repeat(processes.size()));
        for (String t : targets) {
            StringBuilder row = new StringBuilder("| " + t + " |");
            for (String process : processes) {
                double us = median(runs, t + ".sat.cpuUsPerRequest." + process);
                double cores = median(runs, t + ".sat.cores." + process);
                row.append(String.format(Locale.ROOT, " %.1f (%.2f cores) |", us, cores));
            }
            System.out.println(row);
        }
        System.out.println();
        for (String t : targets) {
            if (!t.startsWith("gateway")) {
                continue;
            }
            double rps = median(runs, t + ".sat.rps");
            double nginxAdded = median(runs, "nginx.fixed.p99Us") - directP99;
            double added = median(runs, t + ".fixed.p99Us") - directP99;
            boolean throughputMet = rps >= 0.7 * nginxRps;
            boolean latencyMet = added - nginxAdded <= 1000;
            System.out.printf(Locale.ROOT, (t.equals("gateway") ? "TARGET (issue 6 item 7), %s as configured:"
                    : "For comparison only, %s:") + " throughput %.0f %% of nginx (>= 70 %%: %s); p99 added"
                            + " %.3f ms vs nginx's %.3f ms, %+.3f ms more (<= 1 ms: %s) -> %s%n", t,
                    100 * rps / nginxRps, throughputMet ? "met" : "NOT met", added / 1e3, nginxAdded / 1e3,
                    (added - nginxAdded) / 1e3, latencyMet ? "met" : "NOT met",
                    throughputMet && latencyMet ? "TARGET MET" : "TARGET NOT MET");
        }
        System.out.println();
        System.out.println("Per repetition (saturation req/s; fixed-rate p50/p99 ms):");
        for (int i = 0; i < runs.size(); i++) {
            StringBuilder line = new StringBuilder("  rep " + (i + 1) + " (order "
                    + runs.get(i).getProperty("config.targets") + "):");
            for (String t : targets) {
                Properties r = runs.get(i);
                line.append(String.format(Locale.ROOT, "  %s %s; %.3f/%.3f", t, r.getProperty(t + ".sat.rps"),
                        Double.parseDouble(r.getProperty(t + ".fixed.p50Us", "NaN")) / 1e3,
                        Double.parseDouble(r.getProperty(t + ".fixed.p99Us", "NaN")) / 1e3));
            }
            System.out.println(line);
        }
    }

    private static double median(List<Properties> runs, String key) {
        double[] values = runs.stream().map(p -> p.getProperty(key)).filter(v -> v != null)
                .mapToDouble(Double::parseDouble).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
