package org.chaperone.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.chaperone.local.DevTokens.TokenRequest;
import org.chaperone.local.ServiceProcess.Service;

/** What to do with the running stack: addresses, tokens, a first call, logs, caught mail. */
final class ReadyBanner {

    private final LocalPaths paths;
    private final Console console;
    private final List<Service> services;
    private final DevKeys keys;
    private final DemoData.Loaded demo;
    private final NotificationDemoData.Loaded contacts;
    private final SchedulingDemoData.Loaded sessions;

    ReadyBanner(LocalPaths paths, Console console, List<Service> services, DevKeys keys, DemoData.Loaded demo,
            NotificationDemoData.Loaded contacts, SchedulingDemoData.Loaded sessions) {
        this.paths = paths;
        this.console = console;
        this.services = services;
        this.keys = keys;
        this.demo = demo;
        this.contacts = contacts;
        this.sessions = sessions;
    }

    String text() throws IOException {
        DemoTrust trust = DemoTrust.load();
        DemoTrust.School school = trust.firstSchool();
        String token = console.display(paths.module().resolve("token"));
        StringBuilder out = new StringBuilder();
        out.append("Chaperone is ready in ").append(Console.seconds(console.sinceStart()))
                .append(" (from launcher start; the build not counted).\n\n");

        if (services.isEmpty()) {
            out.append("No service was started: none is built. Build with  mvn -B -q -DskipTests install\n");
        }
        for (Service service : services) {
            out.append(String.format(Locale.ROOT, "  %-22s %-24s health %s/q/health%n", service.module(), service.url(),
                    service.url()));
        }
        Optional.of(ServiceProcess.CONSENT).filter(services::contains)
                .filter(service -> answers(service.url() + "/q/swagger-ui/"))
                .ifPresent(service -> out.append(String.format(Locale.ROOT, "  %-22s %s/q/swagger-ui%n",
                        "consent API (Swagger)", service.url())));
        out.append(String.format(Locale.ROOT, "  %-22s %s  (user %s, password %s)%n", "PostgreSQL",
                LocalPostgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD));
        out.append(String.format(Locale.ROOT, "  %-22s %s%n", "Kafka", LocalKafka.BOOTSTRAP));
        appendMail(out, school);
        out.append('\n');

        out.append("Tokens for ").append(school.name()).append(" (valid 8 h; any role or school: ").append(token)
                .append(" <role> [--school ash-lea] [--sub ...] [--guardian <uuid>]):\n");
        Instant now = Instant.now();
        appendToken(out, "TEACHER_TOKEN", DevToken.request("staff", null, null, null, null, trust, paths), "", now);
        appendToken(out, "DSL_TOKEN", DevToken.request("dsl", null, null, null, null, trust, paths), "", now);
        appendToken(out, "OFFICE_TOKEN", DevToken.request("office", null, null, null, null, trust, paths), "", now);
        Optional<UUID> parent = Optional.ofNullable(demo)
                .flatMap(loaded -> loaded.ids().guardian(school.id(), school.demoParent().misId()));
        if (parent.isPresent()) {
            DemoTrust.Guardian guardian = school.demoParent();
            appendToken(out, "PARENT_TOKEN", DevToken.request("parent", null, null, parent.get(), null, trust, paths),
                    " (" + guardian.givenName() + " " + guardian.familyName() + ", guardian_id " + parent.get() + ")",
                    now);
        } else {
            out.append("  (no parent token: a parent's token names a guardian id, and no demo data was loaded)\n");
        }

        if (services.contains(ServiceProcess.CONSENT)) {
            Service entry = services.contains(ServiceProcess.GATEWAY) ? ServiceProcess.GATEWAY : ServiceProcess.CONSENT;
            out.append("\nA first call (the pupils of a class, through the ").append(entry.module()).append("):\n")
                    .append("  curl -s -H \"Authorization: Bearer $(").append(token).append(" teacher)\" \\\n")
                    .append("    '").append(entry.url()).append("/api/v1/pupils?schoolId=").append(school.id())
                    .append("&className=").append(school.classes().get(0).name().replace(" ", "%20")).append("'\n");
        }
        appendSessions(out, token);
        if (services.containsAll(List.of(ServiceProcess.GATEWAY, ServiceProcess.INCIDENT, ServiceProcess.SCHEDULING,
                ServiceProcess.NOTIFICATION)) && contacts != null && sessions != null) {
            out.append("\nBoth promises, step by step, through the gateway (a concern reaches the DSL; no consent, "
                    + "no invite):\n  ").append(console.display(paths.module().resolve("demo"))).append('\n');
        }
        out.append("\nLogs: ").append(console.display(paths.logs()))
                .append("/<name>.log (kafka, postgres and one per service)\n");
        out.append("Ctrl-C stops everything.");
        return out.toString();
    }

    /**
     * Where mail is caught, how to read it, and whose mailbox to read: the DSL's (alerts) and a guardian's with
     * consent (invites), when notification-service has their contact points.
     */
    private void appendMail(StringBuilder out, DemoTrust.School school) {
        out.append(String.format(Locale.ROOT, "  %-22s SMTP localhost:%d catches all mail; read it over IMAP "
                + "localhost:%d,%n  %-22s login = the recipient's address, any password.%n", "Mail",
                LocalMail.SMTP_PORT, LocalMail.IMAP_PORT, ""));
        String reader = "guardian@example.org";
        if (contacts == null) {
            out.append(String.format(Locale.ROOT, "  %-22s (no contact points loaded, so the services send no "
                    + "alert or invite: see above)%n", ""));
        } else {
            DemoTrust.StaffMember dsl = school.staffWithRole("dsl").orElseThrow();
            out.append(String.format(Locale.ROOT, "  %-22s %s's DSL, %s %s: %s (alerts)%n", "", school.name(),
                    dsl.givenName(), dsl.familyName(), NotificationDemoData.staffAddress(dsl.subject())));
            reader = NotificationDemoData.staffAddress(dsl.subject());
            if (demo != null && contacts.guardianContacts() > 0) {
                DemoTrust.Guardian guardian = school.demoParent();
                reader = NotificationDemoData.guardianAddress(guardian);
                out.append(String.format(Locale.ROOT, "  %-22s a guardian with consent, %s %s: %s (invites)%n", "",
                        guardian.givenName(), guardian.familyName(), reader));
            }
        }
        out.append("      curl -s 'imap://localhost:" + LocalMail.IMAP_PORT + "/INBOX' -X 'FETCH 1:* (ENVELOPE)'"
                + " -u '" + reader + ":any'\n");
        out.append("      curl -s 'imap://localhost:" + LocalMail.IMAP_PORT + "/INBOX;UID=1'"
                + " -u '" + reader + ":any'\n");
    }

    /** One line per demo session, how to look at one, and the member of staff who shows R4. */
    private void appendSessions(StringBuilder out, String token) {
        if (!services.contains(ServiceProcess.SCHEDULING)) {
            out.append("\n(No demo sessions: scheduling-service is not running.)\n");
            return;
        }
        if (sessions == null) {
            out.append("\n(No demo sessions: see the message above.)\n");
            return;
        }
        DemoScheduling scheduling = DemoScheduling.load();
        DemoScheduling.DemoSession first = scheduling.sessions().get(0);
        out.append("\nDemo sessions on ").append(sessions.day().getDayOfWeek().getDisplayName(TextStyle.FULL,
                Locale.UK)).append(' ').append(sessions.day()).append(", ").append(first.starts()).append('-')
                .append(first.ends()).append(' ').append(sessions.timeZone())
                .append(" (group sessions, invites dispatched):\n");
        sessions.sessions().forEach(session -> out.append("  ").append(session.summary()).append('\n'));
        Service entry = services.contains(ServiceProcess.GATEWAY) ? ServiceProcess.GATEWAY : ServiceProcess.SCHEDULING;
        SchedulingDemoData.SessionOutcome shown = sessions.sessions().get(0);
        out.append("  curl -s -H \"Authorization: Bearer $(").append(token).append(" teacher --school ")
                .append(shown.school()).append(")\" \\\n    '").append(entry.url()).append("/api/v1/sessions/")
                .append(shown.id()).append("'\n");
        Instant now = Instant.now();
        for (DemoScheduling.RegisteredStaff member : scheduling.staff()) {
            DemoScheduling.Policy policy = scheduling.policy(member.school()).orElseThrow();
            LocalDate today = DemoScheduling.today(now, policy);
            if (!member.eligibleOn(DemoScheduling.nextSchoolDay(now, policy), today, policy)) {
                out.append("  R4: ").append(member.subject()).append("'s ")
                        .append(member.dbsCheckedMonthsAgo() >= policy.dbsValidityMonths() ? "DBS check ("
                                + member.dbsCheckedOn(today) + ")" : "safeguarding training")
                        .append(" has expired: a session they host is refused (422, R4)\n");
            }
        }
    }

    private void appendToken(StringBuilder out, String variable, TokenRequest request, String note, Instant now) {
        out.append("  # ").append(request.subject()).append(", groups ").append(request.roles()).append(", schools ")
                .append(request.schools()).append(note).append('\n');
        out.append("  export ").append(variable).append('=').append(DevTokens.mint(request, keys.privateKey(), now))
                .append('\n');
    }

    private static boolean answers(String url) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
