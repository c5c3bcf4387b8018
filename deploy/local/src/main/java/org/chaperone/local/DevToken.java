package org.chaperone.local;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chaperone.local.DevTokens.TokenRequest;

/**
 * {@code deploy/local/token}: prints a dev token for a role of a demo school, signed with the dev key.
 *
 * <pre>
 * token teacher                      a class teacher of linden-primary (role staff)
 * token dsl --school ash-lea         the DSL of ash-lea
 * token parent                       a demo guardian of linden-primary (guardian_id from the running stack)
 * token parent --guardian &lt;uuid&gt;     any guardian
 * token school-app | office | headteacher | slt | deputy-dsl | trust-admin | trust-safeguarding-lead
 * options: --school &lt;id&gt;  --sub &lt;subject&gt;  --guardian &lt;uuid&gt;  --hours &lt;n&gt; (default 8)
 * </pre>
 */
public final class DevToken {

    static final String USAGE = """
            usage: deploy/local/token <role> [--school <id>] [--sub <subject>] [--guardian <uuid>] [--hours <n>]
              role: teacher (= staff), slt, headteacher, dsl, deputy-dsl, office, parent,
                    trust-safeguarding-lead, trust-admin, school-app
              --school    school the token acts for (default linden-primary; trust roles: all three)
              --sub       subject (default: the demo school's member of staff with that role)
              --guardian  guardian id of a parent (default: the demo parent, from the running stack)
              --hours     lifetime in hours (default 8)
            Prints the token alone, e.g.  curl -H "Authorization: Bearer $(deploy/local/token teacher)" ...""";

    private DevToken() {
    }

    public static void main(String[] args) {
        try {
            LocalPaths paths = LocalPaths.discover();
            TokenRequest request = request(args, DemoTrust.load(), paths);
            DevKeys keys = DevKeys.loadOrCreate(paths.keys());
            System.out.println(DevTokens.mint(request, keys.privateKey(), Instant.now()));
        } catch (IllegalArgumentException e) {
            System.err.println("token: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("token: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads the command line into a token request, filling defaults from the demo trust. */
    static TokenRequest request(String[] args, DemoTrust trust, LocalPaths paths) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            throw new IllegalArgumentException("name a role");
        }
        String role = DevTokens.role(args[0]);
        String school = null;
        String subject = null;
        UUID guardian = null;
        Duration lifetime = DevTokens.DEFAULT_LIFETIME;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--school" -> school = value;
                case "--sub" -> subject = value;
                case "--guardian" -> guardian = uuid(value);
                case "--hours" -> lifetime = Duration.ofHours(positive(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return request(role, school, subject, guardian, lifetime, trust, paths);
    }

    static TokenRequest request(String role, String school, String subject, UUID guardian, Duration lifetime,
            DemoTrust trust, LocalPaths paths) throws IOException {
        List<String> schools = new ArrayList<>();
        if (school != null) {
            schools.add(school);
        } else if (DevTokens.isTrustRole(role)) {
            schools.addAll(trust.schoolIds());
        } else {
            schools.add(trust.firstSchool().id());
        }
        String home = schools.get(0);
        if (DevTokens.isTrustRole(role)) {
            subject = subject != null ? subject : trust.trust().staff().stream()
                    .filter(member -> member.role().equals(role)).map(DemoTrust.StaffMember::subject)
                    .findFirst().orElse(role + "@" + trust.trust().id());
        } else if (role.equals("parent")) {
            guardian = guardian != null ? guardian : demoParent(trust, home, paths);
            subject = subject != null ? subject : DevTokens.parentSubject(guardian);
        } else if (role.equals("school-app")) {
            subject = subject != null ? subject : DevTokens.schoolAppSubject(home);
        } else if (subject == null) {
            subject = trust.school(home).flatMap(s -> s.staffWithRole(role)).map(DemoTrust.StaffMember::subject)
                    .orElse(role + "@" + home);
        }
        if (guardian != null && !role.equals("parent")) {
            throw new IllegalArgumentException("--guardian is for parent tokens");
        }
        return new TokenRequest(subject, List.of(role), schools, guardian, lifetime);
    }

    private static UUID demoParent(DemoTrust trust, String school, LocalPaths paths) throws IOException {
        DemoTrust.School demoSchool = trust.school(school).orElseThrow(() -> new IllegalArgumentException(
                "no demo school '" + school + "': pass --guardian <uuid>"));
        String misId = demoSchool.demoParent().misId();
        return DemoIds.read(paths.demoIds()).flatMap(ids -> ids.guardian(school, misId))
                .orElseThrow(() -> new IllegalArgumentException("no demo guardian id yet for " + school
                        + ": start the stack (deploy/local/run) so consent-service gives the demo guardians ids,"
                        + " or pass --guardian <uuid>"));
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--guardian takes a UUID, not '" + value + "'");
        }
    }

    private static long positive(String value) {
        try {
            long hours = Long.parseLong(value);
            if (hours > 0) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--hours takes a positive whole number, not '" + value + "'");
    }
}
