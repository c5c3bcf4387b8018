package org.chaperone.notification.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chaperone.events.EventTypes;
import org.chaperone.notification.TestMail;
import org.chaperone.notification.TestMail.Received;
import org.chaperone.notification.rest.DeliveryFlowTest.Invite;
import org.chaperone.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A school's own wording of its messages: checked when saved (it must parse, render and keep what the message is
 * for), used in place of the built-in one, sent as plain text and HTML, and removable.
 */
@QuarkusTest
class TemplateTest {

    static final NotificationFixture ROWAN = new NotificationFixture("rowan");
    static final String PATH = "/api/v1/templates/{school}/{kind}/{part}";

    @Test
    void aSchoolsOwnInviteWordingIsSentWithTheLinkPasscodeAndRulesAsTextAndHtml() {
        String letter = """
                Subject: Rowan & Co live lesson on {startsAtText}

                Hello from Rowan Primary & Nursery!
                Join: {joinUrl}
                Passcode: {passcode}

                {rules}
                """;
        ROWAN.as(ROWAN.schoolApp()).body(Map.of("body", letter))
                .put(PATH, ROWAN.school, "INVITE", "LETTER").then().statusCode(200)
                .body("ownWording", equalTo(true)).body("updatedBy", equalTo("mis-" + ROWAN.school));
        UUID guardian = UUID.randomUUID();
        String email = ROWAN.guardianEmail(guardian);
        Invite invite = new Invite();
        ROWAN.send(EventTypes.INVITE_DISPATCHED, invite.session.toString(), invite.event(List.of(guardian)));

        Received mail = TestMail.awaitInbox(email, 1, Duration.ofSeconds(30)).get(0);
        assertThat(mail.subject()).startsWith("Rowan & Co live lesson on");
        assertThat(mail.text()).contains("Hello from Rowan Primary & Nursery!", invite.joinUrl,
                "Passcode: " + invite.passcode, "RULES OF PARTICIPATION", "never a bedroom", "call 999");
        assertThat(mail.text()).as("the HTML part, escaped").contains("<p style=",
                "Hello from Rowan Primary &amp; Nursery!");

        ROWAN.as(ROWAN.staff("headteacher")).delete(PATH, ROWAN.school, "INVITE", "LETTER").then().statusCode(204);
        ROWAN.as(ROWAN.staff("dsl")).get(PATH, ROWAN.school, "INVITE", "LETTER").then().statusCode(200)
                .body("ownWording", equalTo(false)).body("body", containsString("Dear parent or carer"))
                .body("updatedBy", nullValue());
        ROWAN.as(ROWAN.staff("dsl")).get(PATH, ROWAN.school, "INCIDENT_ALERT", "SHORT").then().statusCode(200)
                .body("body", containsString("{link}"));
    }

    @Test
    void templatesAreTheSchoolsOwnAndRoleChecked() {
        NotificationFixture other = new NotificationFixture("rowan");
        String body = "Subject: Concern\n\n{link}";
        other.as(other.schoolApp()).body(Map.of("body", body))
                .put(PATH, ROWAN.school, "INCIDENT_ALERT", "LETTER").then().statusCode(404);
        ROWAN.as(ROWAN.staff("staff")).body(Map.of("body", body))
                .put(PATH, ROWAN.school, "INCIDENT_ALERT", "LETTER").then().statusCode(403);
        ROWAN.as(ROWAN.staff("dsl")).body(Map.of("body", body))
                .put(PATH, ROWAN.school, "INCIDENT_ALERT", "LETTER").then().statusCode(403);
        ROWAN.as(Tokens.subject("trust-admin").roles("trust-admin").sign()).body(Map.of("body", body))
                .put(PATH, ROWAN.school, "INCIDENT_ALERT", "LETTER").then().statusCode(200);
        ROWAN.as(ROWAN.staff("slt")).get("/api/v1/templates/{school}", ROWAN.school).then().statusCode(200)
                .body("kind", hasItem("INCIDENT_ALERT"));
        other.as(other.staff("dsl")).get("/api/v1/templates/{school}", ROWAN.school).then().statusCode(404);
        ROWAN.as(ROWAN.schoolApp()).delete(PATH, ROWAN.school, "INVITE_REVOKED", "LETTER").then().statusCode(404);
    }

    static Stream<Arguments> badTemplates() {
        return Stream.of(
                Arguments.of("INVITE", "LETTER", "Subject: Hi\n\n{joinUrl} {rules}", "body", "Required"),
                Arguments.of("INVITE", "LETTER", "Subject: Hi\n\n{joinUrl} {passcode}", "body", "Required"),
                Arguments.of("INVITE", "LETTER", "Hi\n\n{joinUrl} {passcode} {rules}", "body", "SubjectLine"),
                Arguments.of("INCIDENT_ALERT", "LETTER", "Subject: Concern\n\nSee Chaperone.", "body", "Required"),
                Arguments.of("INCIDENT_ALERT", "SHORT", "{#if immediateRisk}Urgent {link}", "body", "Template"),
                Arguments.of("INCIDENT_ALERT", "LETTER", "Subject: x\n\n{link} {narrative.text}", "body", "Renders"),
                Arguments.of("INCIDENT_ALERT", "LETTER", "", "body", "Size"),
                Arguments.of("EVERYTHING", "LETTER", "Subject: x\n\n{link}", "kind", "Pattern"),
                Arguments.of("INVITE", "MIDDLE", "Subject: x\n\n{link}", "part", "Pattern"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} naming {3} ({4})")
    @MethodSource("badTemplates")
    void badTemplatesAnswerAProblemNamingTheFieldAndTheRule(String kind, String part, String body, String field,
            String rule) {
        ROWAN.as(ROWAN.schoolApp()).body(Map.of("body", body)).put(PATH, ROWAN.school, kind, part).then()
                .statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body(not(containsString("Exception")));
        ROWAN.as(ROWAN.staff("dsl")).get(PATH, ROWAN.school, "INVITE", "LETTER").then().statusCode(200)
                .body("ownWording", equalTo(false));
    }
}
