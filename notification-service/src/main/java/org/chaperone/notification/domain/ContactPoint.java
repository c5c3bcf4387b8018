package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * How to reach one guardian or member of staff of a school: e-mail, a mobile number for SMS, an app webhook.
 * This service is the only place that holds them; events and logs name people by id only.
 */
@Entity
@Table(name = "contact_point")
public class ContactPoint {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Enumerated(EnumType.STRING)
    @Column(name = "person_type", nullable = false, updatable = false)
    private PersonType personType;
    @Column(name = "person_id", nullable = false, updatable = false)
    private String personId;
    private String email;
    private String mobile;
    @Column(name = "app_webhook_url")
    private String appWebhookUrl;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected ContactPoint() {
    }

    public ContactPoint(String schoolId, PersonType personType, String personId) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.personType = personType;
        this.personId = personId;
    }

    public void apply(Addresses addresses, String by, Instant now) {
        this.email = addresses.email();
        this.mobile = addresses.mobile();
        this.appWebhookUrl = addresses.appWebhookUrl();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    /** The address of this person on a channel, if they have one there. */
    public Optional<String> address(Channel channel) {
        return Optional.ofNullable(switch (channel) {
            case EMAIL -> email;
            case SMS -> mobile;
            case APP -> appWebhookUrl;
        });
    }

    public String schoolId() {
        return schoolId;
    }

    public PersonType personType() {
        return personType;
    }

    public String personId() {
        return personId;
    }

    public ContactDetails details() {
        return new ContactDetails(schoolId, personType, personId, new Addresses(email, mobile, appWebhookUrl),
                updatedAt);
    }

    /** Where a person can be reached; any of them may be absent, not all. */
    public record Addresses(String email, String mobile, String appWebhookUrl) {

        /** Never prints an address, so that a logged value cannot leak one. */
        @Override
        public String toString() {
            return "Addresses[email=" + (email == null ? "-" : "***") + ", mobile=" + (mobile == null ? "-" : "***")
                    + ", appWebhookUrl=" + (appWebhookUrl == null ? "-" : "***") + "]";
        }
    }

    /** A read-only view. */
    public record ContactDetails(String schoolId, PersonType personType, String personId, Addresses addresses,
            Instant updatedAt) {
    }
}
