package org.chaperone.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chaperone.local.ServiceProcess.Service;

/**
 * {@code deploy/local/run}: PostgreSQL, a Kafka broker, a mail catcher and every built service on one machine,
 * with demo data, no Docker and no system packages. Ctrl-C (or SIGTERM) stops all of it: services first, then
 * the broker, the database and the mail server.
 */
public final class LocalStack {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration STOP_GRACE = Duration.ofSeconds(8);
    /** Waiting is done on threads of its own: the common pool has one thread on a two-core machine. */
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "local-stack-wait");
        thread.setDaemon(true);
        return thread;
    });

    private final LocalPaths paths;
    private final Console console;
    private final Map<String, String> settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Parts stopped on purpose by {@link #kill}: their exit is not news. */
    private final Set<String> killed = ConcurrentHashMap.newKeySet();
    private Map<String, String> environment;
    private ChildProcess kafka;
    private LocalPostgres postgres;
    private LocalMail mail;
    private volatile boolean stopping;

    public LocalStack(LocalPaths paths, Console console) {
        this(paths, console, Map.of());
    }

    /**
     * @param settings environment variables given to every service on top of the stack's own (the end-to-end
     *     tests shorten the escalation windows and the delivery lease with them)
     */
    public LocalStack(LocalPaths paths, Console console, Map<String, String> settings) {
        this.paths = paths;
        this.console = console;
        this.settings = Map.copyOf(settings);
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("usage: deploy/local/run [--no-build]   (LocalStack takes no arguments)");
            System.exit(2);
        }
        Console console = new Console(startOfThisJvm());
        LocalStack stack;
        try {
            stack = new LocalStack(LocalPaths.discover(), console);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            if (!stack.isStopping()) { // after Ctrl-C during start-up, failures are expected and not news
                console.problem(e instanceof StartFailure || e instanceof IOException ? e.getMessage()
                        : "The local stack could not start: " + e);
            }
            System.exit(1);
        }
        new CountDownLatch(1).await(); // until Ctrl-C or SIGTERM; the shutdown hook stops everything
    }

    public void start() throws Exception {
        Files.createDirectories(paths.logs());
        console.line("Chaperone local stack (data and logs in " + console.display(paths.data()) + ")");
        refuseToStartOverLeftovers();
        if (!Files.isDirectory(paths.lib())) {
            throw new StartFailure("No " + console.display(paths.lib()) + ": build first (deploy/local/run does, "
                    + "unless given --no-build)");
        }
        List<Service> present = new ArrayList<>();
        for (Service service : ServiceProcess.SERVICES) {
            if (Files.isRegularFile(paths.serviceJar(service.module()))) {
                present.add(service);
            } else {
                console.step(service.module(), "skipped: no " + console.display(paths.serviceJar(service.module())));
            }
        }
        refuseTakenPorts(present);
        Files.deleteIfExists(paths.demoIds());

        DevKeys keys = DevKeys.loadOrCreate(paths.keys());
        console.step("dev keys", console.display(keys.publicKeyFile()) + " (and private.pem beside it)");

        // formatting Kafka's log directory takes a JVM start; let it overlap PostgreSQL's start
        Instant kafkaStart = Instant.now();
        CompletableFuture<Path> kafkaConfig = CompletableFuture.supplyAsync(() -> {
            try {
                return LocalKafka.format(paths.kafka(), paths.lib(), paths.log("kafka"));
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        }, BACKGROUND);

        Instant pgStart = Instant.now();
        startPostgres();
        console.step("postgres", LocalPostgres.jdbcUrl() + " (user " + LocalPostgres.USER + ", password "
                + LocalPostgres.PASSWORD + ")", pgStart);

        startMail();
        console.step("mail", "SMTP localhost:" + LocalMail.SMTP_PORT + ", IMAP localhost:" + LocalMail.IMAP_PORT);

        ChildProcess broker = launchKafka(join(kafkaConfig));
        LocalKafka.awaitAccepting(broker);
        console.step("kafka", LocalKafka.BOOTSTRAP, kafkaStart);

        Map<String, String> environment = new HashMap<>(ServiceProcess.environment(keys.publicKeyFile()));
        environment.putAll(settings);
        this.environment = Map.copyOf(environment);
        for (Service service : present) {
            launchService(service, environment);
        }
        awaitServicesReady();

        DemoData.Loaded demo = loadDemoData(keys);
        // before the sessions: an invite planned for a guardian without a contact point fails at once
        NotificationDemoData.Loaded contacts = loadNotificationDemo(keys, demo);
        SchedulingDemoData.Loaded sessions = loadSchedulingDemo(keys, demo);
        console.banner(new ReadyBanner(paths, console, present, keys, demo, contacts, sessions).text());
    }

    /*
     * Whatever starts a process holds the lock, and stop() takes it too: a Ctrl-C during start-up waits for the
     * part being started, then stops it with the rest, and a stopping stack starts nothing more.
     */

    private synchronized void startPostgres() throws IOException {
        refuseIfStopping();
        postgres = LocalPostgres.start(paths.postgres(), paths.log("postgres"));
        recordPids();
    }

    private synchronized void startMail() {
        refuseIfStopping();
        mail = LocalMail.start();
    }

    private synchronized ChildProcess launchKafka(Path config) throws IOException {
        refuseIfStopping();
        kafka = LocalKafka.launch(config, paths.lib(), paths.log("kafka"));
        recordPids();
        return kafka;
    }

    private synchronized void launchService(Service service, Map<String, String> environment) throws IOException {
        refuseIfStopping();
        Files.deleteIfExists(paths.log(service.module()));
        services.add(ServiceProcess.start(service, paths.serviceJar(service.module()), environment, paths.repoRoot(),
                paths.log(service.module())));
        recordPids();
    }

    private void refuseIfStopping() {
        if (stopping) {
            throw new StartFailure(null);
        }
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A previous launcher killed with kill -9 leaves its children running: name them rather than clash. */
    private void refuseToStartOverLeftovers() throws IOException {
        List<String> leftovers = LeftoverProcesses.stillRunning(paths.pids(), paths.repoRoot().toString());
        if (!leftovers.isEmpty()) {
            throw new StartFailure("Another local stack is running (or was left running): "
                    + String.join(", ", leftovers) + ".\n  Stop it with Ctrl-C in its terminal, or: kill "
                    + String.join(" ", leftovers.stream().map(entry -> entry.split(" ")[0]).toList()));
        }
        LeftoverProcesses.forget(paths.pids());
    }

    private void refuseTakenPorts(List<Service> present) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(LocalPostgres.PORT, "PostgreSQL");
        wanted.put(LocalKafka.PORT, "Kafka");
        wanted.put(LocalKafka.CONTROLLER_PORT, "Kafka controller");
        wanted.put(LocalMail.SMTP_PORT, "SMTP");
        wanted.put(LocalMail.IMAP_PORT, "IMAP");
        present.forEach(service -> wanted.put(service.port(), service.module()));
        Map<Integer, String> taken = Ports.taken(wanted);
        if (!taken.isEmpty()) {
            StringBuilder message = new StringBuilder("Ports already in use, so nothing was started:\n");
            taken.forEach((port, user) -> message.append("  ").append(port).append(" (needed by ").append(user)
                    .append(")\n"));
            message.append("  See what holds them: ss -ltnp | grep -E ':(")
                    .append(String.join("|", taken.keySet().stream().map(String::valueOf).toList()))
                    .append(")\\b'\n  (often another local stack: stop it with Ctrl-C)");
            throw new StartFailure(message.toString());
        }
    }

    /** Waits for every service at once; the first that fails ends the wait. */
    private void awaitServicesReady() {
        List<ServiceProcess> starting = List.copyOf(services);
        Map<ServiceProcess, String> failures = new ConcurrentHashMap<>();
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        Instant start = Instant.now();
        for (ServiceProcess service : starting) {
            ready.add(CompletableFuture.runAsync(() -> {
                try {
                    service.awaitReady(READY_TIMEOUT);
                    console.step(service.service().module(), service.service().url() + " ready", start);
                } catch (RuntimeException | InterruptedException e) {
                    failures.put(service, e.getMessage());
                    firstFailure.complete(null);
                }
            }, BACKGROUND));
        }
        CompletableFuture.anyOf(CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)), firstFailure).join();
        if (!failures.isEmpty()) {
            StringBuilder report = new StringBuilder();
            Map.copyOf(failures).forEach((service, reason) -> report.append(reason).append("; ")
                    .append(console.display(service.process().log())).append(" says:\n")
                    .append(service.process().failureExcerpt()));
            throw new StartFailure(report.toString().stripTrailing());
        }
        // from now on a service or the broker that dies is worth saying out loud
        starting.forEach(service -> watch(service.process()));
        watch(kafka);
    }

    private DemoData.Loaded loadDemoData(DevKeys keys) {
        Service consent = ServiceProcess.CONSENT;
        if (services.stream().noneMatch(service -> service.service().equals(consent))) {
            console.step("demo data", "skipped: consent-service is not running (build it, then start again)");
            return null;
        }
        Instant start = Instant.now();
        try {
            DemoData.Loaded loaded = new DemoData(URI.create(consent.url()), keys.privateKey(), Instant.now())
                    .load(DemoTrust.load());
            loaded.ids().write(paths.demoIds());
            console.step("demo data", loaded.pupils() + " pupils, " + loaded.guardians() + " guardians, "
                    + loaded.links() + " links, " + loaded.decisions() + " consent decisions", start);
            return loaded;
        } catch (IOException e) {
            console.problem("Demo data not loaded (the stack runs on without it): "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Contact points and safeguarding rotas; guardians' only if {@link DemoData} gave them ids. */
    private NotificationDemoData.Loaded loadNotificationDemo(DevKeys keys, DemoData.Loaded demo) {
        Service notification = ServiceProcess.NOTIFICATION;
        if (services.stream().noneMatch(service -> service.service().equals(notification))) {
            console.step("demo contacts", "skipped: notification-service is not running (build it, then start "
                    + "again); no alert or invite e-mail can reach anyone");
            return null;
        }
        Instant start = Instant.now();
        try {
            NotificationDemoData.Loaded loaded = new NotificationDemoData(URI.create(notification.url()),
                    keys.privateKey(), Instant.now()).load(DemoTrust.load(), demo == null ? null : demo.ids());
            console.step("demo contacts", loaded.rotas() + " safeguarding rotas, " + loaded.staffContacts()
                    + " staff and " + loaded.guardianContacts() + " guardian contact points (e-mail, *.example)",
                    start);
            return loaded;
        } catch (IOException e) {
            console.problem("Demo contact points and rotas not loaded (the stack runs on without them, but no "
                    + "alert or invite e-mail can reach anyone): " + (e.getMessage() == null ? e.toString()
                    : e.getMessage()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Policies, staff register and a dispatched session per school; needs the pupils {@link DemoData} loaded. */
    private SchedulingDemoData.Loaded loadSchedulingDemo(DevKeys keys, DemoData.Loaded demo) {
        Service scheduling = ServiceProcess.SCHEDULING;
        if (services.stream().noneMatch(service -> service.service().equals(scheduling))) {
            console.step("demo sessions", "skipped: scheduling-service is not running (build it, then start again)");
            return null;
        }
        if (demo == null) {
            console.step("demo sessions", "skipped: they need consent-service's demo pupils, which were not loaded");
            return null;
        }
        Instant start = Instant.now();
        try {
            SchedulingDemoData.Loaded loaded = new SchedulingDemoData(URI.create(scheduling.url()), keys.privateKey(),
                    Instant.now()).load(DemoTrust.load(), DemoScheduling.load(), demo.ids(), demo.decisions());
            demo.ids().write(paths.demoIds()); // again, now with the sessions' ids
            console.step("demo sessions", loaded.policies() + " policies, " + loaded.staff() + " staff, "
                    + loaded.sessions().size() + " sessions on " + loaded.day() + ", invites dispatched; "
                    + loaded.projection(), start);
            return loaded;
        } catch (IOException e) {
            console.problem("Demo policies and sessions not loaded (the stack runs on without them): "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void watch(ChildProcess process) {
        process.onExit(code -> {
            if (!isStopping() && !killed.contains(process.name())) {
                console.problem(process.name() + " exited (code " + code + "); its log: "
                        + console.display(process.log()) + ". The rest runs on; Ctrl-C stops everything.");
            }
        });
    }

    // ---- crashes, for the end-to-end tests ----

    /** What {@link #kill} and {@link #restart} take: {@code kafka} or a service's module name. */
    public List<String> parts() {
        List<String> parts = new ArrayList<>();
        parts.add("kafka");
        services.forEach(service -> parts.add(service.service().module()));
        return parts;
    }

    /**
     * {@code kill -9}: SIGKILL to the broker or a service, no chance to finish anything, then waits until it is
     * gone. Its log is kept beside the new one as {@code <part>-killed-<n>.log}.
     */
    public synchronized void kill(String part) throws IOException, InterruptedException {
        ChildProcess process = process(part);
        killed.add(part);
        process.kill();
        Path log = process.log();
        for (int n = 1; ; n++) {
            Path kept = log.resolveSibling(part + "-killed-" + n + ".log");
            if (!Files.exists(kept)) {
                Files.move(log, kept);
                break;
            }
        }
    }

    /** Starts a killed part again, as it was started first (the broker on its log directory), and waits for it. */
    public void restart(String part) throws IOException, InterruptedException {
        ChildProcess started;
        ServiceProcess service = null;
        synchronized (this) {
            refuseIfStopping();
            if (process(part).isAlive()) {
                throw new IllegalStateException(part + " is running; kill it first");
            }
            if (part.equals("kafka")) {
                kafka = LocalKafka.launch(paths.kafka().resolve("server.properties"), paths.lib(), paths.log("kafka"));
                started = kafka;
            } else {
                int index = -1;
                for (int i = 0; i < services.size(); i++) {
                    if (services.get(i).service().module().equals(part)) {
                        index = i;
                    }
                }
                Service which = services.get(index).service();
                service = ServiceProcess.start(which, paths.serviceJar(which.module()), environment,
                        paths.repoRoot(), paths.log(which.module()));
                services.set(index, service);
                started = service.process();
            }
            recordPids();
        }
        if (service == null) {
            LocalKafka.awaitAccepting(started);
        } else {
            service.awaitReady(READY_TIMEOUT);
        }
        killed.remove(part);
        watch(started);
    }

    private ChildProcess process(String part) {
        if (part.equals("kafka")) {
            return kafka;
        }
        return services.stream().filter(service -> service.service().module().equals(part)).findFirst()
                .map(ServiceProcess::process)
                .orElseThrow(() -> new IllegalArgumentException("No part " + part + " (parts: " + parts() + ")"));
    }

    /** The mail catcher, in this JVM. */
    public LocalMail mail() {
        return mail;
    }

    public LocalPaths paths() {
        return paths;
    }

    /** Kept current as parts start, so even a launcher killed during start-up leaves a list behind. */
    private synchronized void recordPids() throws IOException {
        Map<Long, String> pids = new LinkedHashMap<>();
        if (postgres != null) {
            postgres.pid().ifPresent(pid -> pids.put(pid, "postgres"));
        }
        if (kafka != null) {
            pids.put(kafka.pid(), "kafka");
        }
        services.forEach(service -> pids.put(service.process().pid(), service.service().module()));
        LeftoverProcesses.record(paths.pids(), pids);
    }

    private boolean isStopping() {
        return stopping;
    }

    /** Services first (they hold connections to the rest), then the broker, the database, the mail server. */
    public void stop() {
        List<ServiceProcess> runningServices;
        ChildProcess runningKafka;
        LocalPostgres runningPostgres;
        LocalMail runningMail;
        synchronized (this) { // waits for a part being started
            if (stopping) {
                return;
            }
            stopping = true;
            runningServices = List.copyOf(services);
            runningKafka = kafka;
            runningPostgres = postgres;
            runningMail = mail;
        }
        Instant start = Instant.now();
        if (runningServices.isEmpty() && runningKafka == null && runningPostgres == null && runningMail == null) {
            return;
        }
        console.line("");
        console.line("Stopping...");
        runningServices.forEach(service -> service.process().requestStop());
        for (ServiceProcess service : runningServices) {
            if (!service.process().awaitStopped(STOP_GRACE)) {
                console.line("  " + service.service().module() + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s: killed");
            }
        }
        if (runningKafka != null) {
            runningKafka.requestStop();
            if (!runningKafka.awaitStopped(STOP_GRACE)) {
                console.line("  kafka did not stop within " + STOP_GRACE.toSeconds() + " s: killed");
            }
        }
        if (runningPostgres != null) {
            try {
                runningPostgres.close();
            } catch (IOException | RuntimeException e) {
                console.line("  PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        if (runningMail != null) {
            runningMail.close();
        }
        LeftoverProcesses.forget(paths.pids());
        try {
            Files.deleteIfExists(paths.demoIds());
        } catch (IOException e) {
            // stale ids are only a nuisance: the next start deletes them too
        }
        console.step("stopped", "everything", start);
    }

    /** Start-up stopped for a reason the message explains; no stack trace needed. */
    static final class StartFailure extends RuntimeException {

        StartFailure(String message) {
            super(message);
        }
    }

    private static Instant startOfThisJvm() {
        return ProcessHandle.current().info().startInstant().orElse(Instant.now());
    }
}
