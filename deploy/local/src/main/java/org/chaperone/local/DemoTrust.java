package org.chaperone.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo trust of {@code demo/trust.json}: three fictional schools with staff, classes of pupils, guardians,
 * the links between them and some consent decisions. Pupils and guardians are named by their MIS ids; the
 * services give them UUIDs when {@link DemoData} loads them.
 */
public record DemoTrust(Trust trust, List<School> schools) {

    public static final String RESOURCE = "/demo/trust.json";

    public record Trust(String id, String name, List<StaffMember> staff) {

        /** The first of the trust's own staff holding {@code role}, e.g. {@code trust-safeguarding-lead}. */
        public Optional<StaffMember> staffWithRole(String role) {
            return staff.stream().filter(member -> member.role().equals(role)).findFirst();
        }
    }

    public record School(String id, String name, String laNumber, String establishmentNumber,
            List<StaffMember> staff, List<SchoolClass> classes, List<Guardian> guardians, List<Link> links,
            List<Decision> decisions) {

        public Stream<Pupil> pupils() {
            return classes.stream().flatMap(schoolClass -> schoolClass.pupils().stream());
        }

        public Optional<String> className(String pupilMisId) {
            return classes.stream()
                    .filter(schoolClass -> schoolClass.pupils().stream().anyMatch(p -> p.misId().equals(pupilMisId)))
                    .map(SchoolClass::name).findFirst();
        }

        public Optional<Pupil> pupil(String misId) {
            return pupils().filter(pupil -> pupil.misId().equals(misId)).findFirst();
        }

        public Optional<Guardian> guardian(String misId) {
            return guardians.stream().filter(guardian -> guardian.misId().equals(misId)).findFirst();
        }

        /**
         * The guardian a demo parent token speaks for: one who answered in the parent app, or else the first
         * guardian of the school.
         */
        public Guardian demoParent() {
            return decisions.stream().filter(decision -> decision.recordedBy() == RecordedBy.PARENT)
                    .filter(decision -> "GRANTED".equals(decision.decision()))
                    .map(decision -> guardian(decision.guardian()).orElseThrow())
                    .findFirst().orElse(guardians.get(0));
        }

        /** The first member of staff holding {@code role}, the default subject of a token for it. */
        public Optional<StaffMember> staffWithRole(String role) {
            return staff.stream().filter(member -> member.role().equals(role)).findFirst();
        }
    }

    /**
     * A token subject; scheduling-service's staff register (demo/scheduling.json) names staff by the same id.
     */
    public record StaffMember(String subject, String givenName, String familyName, String role, String title) {
    }

    public record SchoolClass(String name, List<Pupil> pupils) {
    }

    /** {@code dateOfBirth} as consent-service takes it: YYYY-MM-DD. */
    public record Pupil(String misId, String upn, String givenName, String familyName, String dateOfBirth) {
    }

    public record Guardian(String misId, String givenName, String familyName) {
    }

    /** consent-service's link body, naming pupil and guardian by MIS id. */
    public record Link(String pupil, String guardian, String relationship, boolean parentalResponsibility,
            String restriction) {
    }

    /**
     * A guardian's answer. {@code recordedBy} OFFICE: received by {@code channel} (EMAIL or PAPER)
     * {@code receivedDaysAgo} days before the stack started, and entered by the school office with that evidence;
     * PARENT: given by the guardian in the parent app.
     */
    public record Decision(String pupil, String guardian, String purpose, String scope, String decision,
            RecordedBy recordedBy, String channel, Integer receivedDaysAgo) {
    }

    public enum RecordedBy {
        OFFICE,
        PARENT
    }

    public static DemoTrust load() {
        try (InputStream in = DemoTrust.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, DemoTrust.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * The trust's safeguarding lead: notification-service's {@code chaperone.notification.trust-safeguarding-lead}
     * names them, and alerts that escalate past a Headteacher (R17) or concern staff (R14) reach them.
     */
    public StaffMember trustSafeguardingLead() {
        return trust.staffWithRole("trust-safeguarding-lead")
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " has no trust-safeguarding-lead"));
    }

    public Optional<School> school(String id) {
        return schools.stream().filter(school -> school.id().equals(id)).findFirst();
    }

    public List<String> schoolIds() {
        return schools.stream().map(School::id).toList();
    }

    public School firstSchool() {
        return schools.get(0);
    }
}
