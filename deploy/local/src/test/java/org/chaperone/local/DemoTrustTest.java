package org.chaperone.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.chaperone.local.DemoTrust.Decision;
import org.chaperone.local.DemoTrust.Link;
import org.chaperone.local.DemoTrust.Pupil;
import org.chaperone.local.DemoTrust.RecordedBy;
import org.chaperone.local.DemoTrust.School;
import org.junit.jupiter.api.Test;

/** demo/trust.json must load into consent-service as it is: these are the rules it would enforce. */
class DemoTrustTest {

    private final DemoTrust trust = DemoTrust.load();

    @Test
    void theTrustHasTheThreeSchoolsOfTheSeeds() {
        assertThat(trust.schoolIds()).containsExactly("linden-primary", "ash-lea", "avanti-house");
        for (School school : trust.schools()) {
            assertThat(school.classes()).as(school.id()).hasSize(2);
            school.classes().forEach(schoolClass -> assertThat(schoolClass.pupils()).as(schoolClass.name())
                    .hasSizeBetween(5, 8));
            assertThat(school.staff().stream().map(DemoTrust.StaffMember::role))
                    .as(school.id()).contains("staff", "dsl", "headteacher", "office");
        }
        assertThat(trust.trust().staff().stream().map(DemoTrust.StaffMember::role))
                .containsExactlyInAnyOrder("trust-admin", "trust-safeguarding-lead");
    }

    @Test
    void everyUpnIsValidAndUnique() {
        List<String> upns = trust.schools().stream().flatMap(School::pupils).map(Pupil::upn).toList();
        assertThat(upns).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates()
                .allSatisfy(upn -> assertThat(UniquePupilNumbers.isValid(upn)).as(upn).isTrue());
    }

    @Test
    void upnsCarryTheSchoolsLaAndEstablishmentNumbers() {
        for (School school : trust.schools()) {
            school.pupils().forEach(pupil -> assertThat(pupil.upn().substring(1, 8))
                    .as(pupil.misId()).isEqualTo(school.laNumber() + school.establishmentNumber()));
        }
    }

    @Test
    void misIdsAreUniqueAndPupilsHavePlausibleBirthDates() {
        Set<String> seen = new HashSet<>();
        for (School school : trust.schools()) {
            school.pupils().forEach(pupil -> {
                assertThat(seen.add(pupil.misId())).as(pupil.misId()).isTrue();
                LocalDate born = LocalDate.parse(pupil.dateOfBirth());
                assertThat(born).as(pupil.misId()).isBetween(LocalDate.of(2012, 9, 1), LocalDate.of(2020, 8, 31));
            });
            school.guardians().forEach(guardian -> assertThat(seen.add(guardian.misId())).as(guardian.misId())
                    .isTrue());
        }
    }

    @Test
    void everyLinkNamesAPupilAndAGuardianOfItsSchool() {
        for (School school : trust.schools()) {
            for (Link link : school.links()) {
                assertThat(school.pupil(link.pupil())).as(link.toString()).isPresent();
                assertThat(school.guardian(link.guardian())).as(link.toString()).isPresent();
                assertThat(link.relationship()).isIn("MOTHER", "FATHER", "CARER", "OTHER");
                assertThat(link.restriction()).isIn("NONE", "COURT_ORDER", "OTHER");
            }
            Set<String> linkedGuardians = school.links().stream().map(Link::guardian).collect(Collectors.toSet());
            school.guardians().forEach(guardian -> assertThat(linkedGuardians)
                    .as("guardian %s linked", guardian.misId()).contains(guardian.misId()));
        }
    }

    @Test
    void everyPupilHasAGuardianWhoMayConsent() {
        for (School school : trust.schools()) {
            school.pupils().forEach(pupil -> assertThat(school.links()).as(pupil.misId())
                    .anyMatch(link -> link.pupil().equals(pupil.misId()) && mayConsent(link)));
        }
    }

    @Test
    void theDemoShowsARestrictedGuardianAndOneWithoutParentalResponsibility() {
        List<Link> links = trust.schools().stream().flatMap(school -> school.links().stream()).toList();
        assertThat(links).anyMatch(link -> link.parentalResponsibility() && link.restriction().equals("COURT_ORDER"));
        assertThat(links).anyMatch(link -> !link.parentalResponsibility());
    }

    @Test
    void everyDecisionComesFromALinkedGuardianWhoMayConsent() {
        for (School school : trust.schools()) {
            for (Decision decision : school.decisions()) {
                assertThat(school.links()).as(decision.toString())
                        .anyMatch(link -> link.pupil().equals(decision.pupil())
                                && link.guardian().equals(decision.guardian()) && mayConsent(link));
                assertThat(decision.purpose()).as("recording consents need terms the demo data does not give")
                        .isIn("LIVE_VIDEO", "ONE_TO_ONE");
                assertThat(decision.scope()).isEqualTo("STANDING");
                assertThat(decision.decision()).isIn("GRANTED", "REFUSED");
                if (decision.recordedBy() == RecordedBy.OFFICE) {
                    assertThat(decision.channel()).as(decision.toString()).isIn("EMAIL", "PAPER", "PHONE");
                    assertThat(decision.receivedDaysAgo()).as(decision.toString()).isNotNull().isNotNegative();
                } else {
                    assertThat(decision.channel()).as(decision.toString()).isNull();
                }
            }
        }
    }

    @Test
    void mostPupilsHaveLiveVideoConsentByEmailOneIsRefusedAndOneHasNoAnswer() {
        List<Pupil> pupils = trust.schools().stream().flatMap(School::pupils).toList();
        Map<String, List<Decision>> liveVideo = trust.schools().stream().flatMap(school -> school.decisions().stream())
                .filter(decision -> decision.purpose().equals("LIVE_VIDEO"))
                .collect(Collectors.groupingBy(Decision::pupil));
        long grantedByEmail = liveVideo.values().stream().flatMap(List::stream)
                .filter(decision -> decision.decision().equals("GRANTED") && "EMAIL".equals(decision.channel()))
                .count();
        assertThat(grantedByEmail).isGreaterThan(pupils.size() / 2);
        assertThat(liveVideo.values().stream().flatMap(List::stream))
                .anyMatch(decision -> decision.decision().equals("REFUSED"));
        assertThat(pupils).anyMatch(pupil -> !liveVideo.containsKey(pupil.misId()));
    }

    @Test
    void theDemoParentOfLindenPrimaryAnsweredInTheApp() {
        School linden = trust.school("linden-primary").orElseThrow();
        String parent = linden.demoParent().misId();
        assertThat(linden.decisions()).anyMatch(decision -> decision.guardian().equals(parent)
                && decision.recordedBy() == RecordedBy.PARENT);
    }

    private static boolean mayConsent(Link link) {
        return link.parentalResponsibility() && link.restriction().equals("NONE");
    }
}
