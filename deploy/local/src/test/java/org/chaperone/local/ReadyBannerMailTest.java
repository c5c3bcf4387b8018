package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.chaperone.local.ServiceProcess.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banner's mail lines name mailboxes that will hold mail: the DSL's and a consenting guardian's. */
class ReadyBannerMailTest {

    @TempDir
    Path repo;

    /** No consent-service among them: the banner would ask it whether its Swagger page answers. */
    private final List<Service> services = List.of(ServiceProcess.GATEWAY, ServiceProcess.NOTIFICATION);

    @Test
    void withContactPointsItNamesTheDslsAndAGuardiansAddressAndHowToReadThem() throws Exception {
        DemoIds ids = DemoIds.empty();
        UUID grace = UUID.randomUUID();
        ids.school("linden-primary").guardians().put("LP-G001", grace);
        String text = banner(new DemoData.Loaded(ids, 12, 18, 18, 12), new NotificationDemoData.Loaded(21, 55, 3));

        assertThat(text).contains("SMTP localhost:3025 catches all mail; read it over IMAP localhost:3143")
                .contains("login = the recipient's address, any password")
                .contains("Linden Primary School's DSL, Sian Whitcombe: s.whitcombe@linden-primary.example (alerts)")
                .contains("a guardian with consent, Grace Okonjo: grace.okonjo@families.example (invites)")
                .contains("-u 'grace.okonjo@families.example:any'")
                .doesNotContain("guardian@example.org");
    }

    @Test
    void withoutContactPointsItSaysNoMailIsSent() throws Exception {
        String text = banner(null, null);
        assertThat(text).contains("IMAP localhost:3143").contains("no contact points loaded")
                .doesNotContain("s.whitcombe@linden-primary.example").doesNotContain("deploy/local/demo");
    }

    @Test
    void withStaffContactsButNoGuardiansItNamesTheDslOnly() throws Exception {
        String text = banner(null, new NotificationDemoData.Loaded(21, 0, 3));
        assertThat(text).contains("s.whitcombe@linden-primary.example (alerts)")
                .contains("-u 's.whitcombe@linden-primary.example:any'").doesNotContain("(invites)");
    }

    private String banner(DemoData.Loaded demo, NotificationDemoData.Loaded contacts) throws Exception {
        LocalPaths paths = new LocalPaths(repo);
        DevKeys keys = DevKeys.loadOrCreate(paths.keys());
        return new ReadyBanner(paths, new Console(Instant.now()), services, keys, demo, contacts, null).text();
    }
}
