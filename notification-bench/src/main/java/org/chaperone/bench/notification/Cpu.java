package org.chaperone.bench.notification;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time (user + system, from /proc) of the processes of a run, so that a phase can say who was busy: this
 * benchmark's JVM (publisher and SMTP server), notification-service, the broker and PostgreSQL (the postmaster and
 * its backends).
 */
final class Cpu {

    private static final double TICKS_PER_SECOND = 100.0; // getconf CLK_TCK on Linux

    private final Map<String, Long> pids = new LinkedHashMap<>();

    Cpu(long bench, long service, long broker, long postgres) {
        pids.put("notification-service", service);
        pids.put("PostgreSQL", postgres);
        pids.put("Kafka broker", broker);
        pids.put("benchmark (producer + GreenMail)", bench);
    }

    record Snapshot(Map<String, Double> seconds, Map<String, Double> serviceThreads, double machineBusy,
            double machineTotal) {
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            double ticks = ticks(pid);
            if (name.equals("PostgreSQL")) {
                ticks += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                        .mapToDouble(p -> ticks(p.pid())).sum();
            }
            seconds.put(name, ticks / TICKS_PER_SECOND);
        });
        double[] machine = machine();
        return new Snapshot(seconds, threads(pids.get("notification-service")), machine[0], machine[1]);
    }

    /** One line: cores used by each process over the phase, and the machine's busy share. */
    String describe(Snapshot from, Snapshot to, double wallSeconds) {
        StringBuilder s = new StringBuilder("\nCPU over the phase (cores used on average, of 2): ");
        to.seconds().forEach((name, sec) -> s.append(String.format(Locale.ROOT, "%s %.2f; ", name,
                (sec - from.seconds().getOrDefault(name, 0.0)) / wallSeconds)));
        double busy = to.machineBusy() - from.machineBusy();
        double total = to.machineTotal() - from.machineTotal();
        s.append(String.format(Locale.ROOT, "the whole machine %.0f %% busy (all users' processes).%n",
                total > 0 ? 100 * busy / total : Double.NaN));
        Map<String, Double> delta = new LinkedHashMap<>();
        to.serviceThreads().forEach((name, sec) -> delta.put(name, sec - from.serviceThreads().getOrDefault(name, 0.0)));
        s.append("notification-service's threads (cores): ");
        delta.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                .forEach(e -> s.append(String.format(Locale.ROOT, "%s %.2f; ", e.getKey(), e.getValue() / wallSeconds)));
        s.append('\n');
        return s.toString();
    }

    /**
     * CPU seconds of a process's threads, by name (/proc/.../comm: at most 15 characters), numbered threads of
     * a pool summed ("executor-thread-1" and "-2" as "executor-thread-*").
     */
    private static Map<String, Double> threads(long pid) {
        Map<String, Double> byName = new LinkedHashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+$", "*")
                            .replaceAll("#[0-9]+", "#*");
                    byName.merge(name, ticks(task.resolve("stat")) / TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return byName;
    }

    private static double ticks(long pid) {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    private static double ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Busy and total jiffies of the whole machine (/proc/stat). */
    private static double[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            double total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Double.parseDouble(f[i]);
            }
            double idle = Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
            return new double[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }
}
