package org.chaperone.bench.dispatch;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Prints the dispatch benchmark's results as Markdown: one row per set and the medians of the measured
 * repetitions, the CPU each process used, and whether every set was correct. Args: the sets' .properties files;
 * sets named rep* are the repetitions the medians are taken over.
 */
public final class Summary {

    public static void main(String[] args) throws IOException {
        List<Properties> sets = new ArrayList<>();
        for (String arg : args) {
            Properties set = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(arg))) {
                set.load(reader);
            }
            sets.add(set);
        }
        List<Properties> reps = sets.stream().filter(s -> s.getProperty("set").startsWith("rep")).toList();
        String[][] columns = {
            {"users", "teachers (closed loops)"},
            {"sessions", "sessions"},
            {"pupils", "pupils"},
            {"events.dispatched", "InviteDispatched"},
            {"events.blocked", "InviteBlocked"},
            {"invitesPerSecond", "invites decided/s, to the last event on the topic"},
            {"invitesPerSecondCommitted", "invites decided/s, to the last response"},
            {"publishLagSeconds", "last event after last response (s)"},
            {"latencyP50Ms", "dispatch p50 (ms)"},
            {"latencyP90Ms", "p90 (ms)"},
            {"latencyP99Ms", "p99 (ms)"},
            {"latencyMaxMs", "max (ms)"},
            {"failedRequests", "failed requests"},
            {"correct", "correct"},
        };
        StringBuilder header = new StringBuilder("| set |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String[] column : columns) {
            header.append(' ').append(column[1]).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Properties set : sets) {
            row(set.getProperty("set"), columns, set);
        }
        if (reps.size() > 1) {
            Properties medians = new Properties();
            for (String[] column : columns) {
                medians.setProperty(column[0], median(reps, column[0]));
            }
            medians.setProperty("correct", Boolean.toString(reps.stream().allMatch(r -> "true".equals(r.getProperty("correct")))));
            row("**median of " + reps.size() + " reps**", columns, medians);
        }

        TreeSet<String> processes = new TreeSet<>();
        sets.forEach(s -> s.stringPropertyNames().stream().filter(k -> k.startsWith("cores."))
                .forEach(k -> processes.add(k.substring("cores.".length()))));
        System.out.println();
        System.out.println("CPU per process from the first request to the last event: cores used, and CPU ms per"
                + " session dispatched (30 pupils)");
        System.out.println();
        StringBuilder cpuHeader = new StringBuilder("| set |");
        StringBuilder cpuRule = new StringBuilder("|---|");
        for (String process : processes) {
            cpuHeader.append(' ').append(process).append(" |");
            cpuRule.append("---:|");
        }
        System.out.println(cpuHeader);
        System.out.println(cpuRule);
        for (Properties set : sets) {
            StringBuilder row = new StringBuilder("| ").append(set.getProperty("set")).append(" |");
            for (String process : processes) {
                row.append(' ').append(set.getProperty("cores." + process, "–")).append(" (")
                        .append(set.getProperty("cpuMsPerSession." + process, "–")).append(" ms) |");
            }
            System.out.println(row);
        }
        System.out.println();
        for (Properties set : sets) {
            System.out.printf("%s: outcomes %s; pupils decided %s; decided twice %s; events published twice %s; "
                    + "wrong outcomes %s; events for other pupils %s; outbox rows unpublished %s%s%n",
                    set.getProperty("set"), outcomes(set), set.getProperty("pupilsDecided"),
                    set.getProperty("duplicateDecisions"), set.getProperty("republishedEvents"),
                    set.getProperty("wrongOutcomes"), set.getProperty("eventsForOtherPupils"),
                    set.getProperty("unpublishedOutboxRows"),
                    set.getProperty("problems", "").isEmpty() ? "" : "; PROBLEMS: " + set.getProperty("problems"));
        }
    }

    private static String outcomes(Properties set) {
        List<String> parts = new ArrayList<>();
        new TreeSet<>(set.stringPropertyNames()).stream().filter(k -> k.startsWith("outcome."))
                .forEach(k -> parts.add(k.substring("outcome.".length()) + " " + set.getProperty(k)));
        return String.join(", ", parts);
    }

    private static void row(String name, String[][] columns, Properties values) {
        StringBuilder row = new StringBuilder("| ").append(name).append(" |");
        for (String[] column : columns) {
            row.append(' ').append(values.getProperty(column[0], "–")).append(" |");
        }
        System.out.println(row);
    }

    private static String median(List<Properties> reps, String key) {
        List<Double> values = new ArrayList<>();
        for (Properties rep : reps) {
            try {
                values.add(Double.parseDouble(rep.getProperty(key, "")));
            } catch (NumberFormatException e) {
                return "–";
            }
        }
        values.sort(Double::compare);
        int n = values.size();
        double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
        if (key.contains("Seconds")) {
            return String.format(Locale.ROOT, "%.3f", median);
        }
        return median == Math.rint(median) && !key.contains("Ms") && !key.contains("PerSecond")
                ? Long.toString((long) median) : String.format(Locale.ROOT, "%.1f", median);
    }
}
