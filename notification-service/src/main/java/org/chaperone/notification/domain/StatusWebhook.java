package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;

/**
 * A school app's webhook for the status of the school's deliveries: where status callbacks are posted, and the
 * signing secret, sealed (the service makes it and shows it once; it is never stored or logged in the clear).
 */
@Entity
@Table(name = "status_webhook")
public class StatusWebhook {

    @Id
    @Column(name = "school_id")
    private String schoolId;
    @Column(nullable = false)
    private String url;
    @Column(name = "sealed_secret", nullable = false)
    private String sealedSecret;
    @Column(name = "secret_created_at", nullable = false)
    private Instant secretCreatedAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected StatusWebhook() {
    }

    public StatusWebhook(String schoolId, URI url, String sealedSecret, String by, Instant now) {
        this.schoolId = schoolId;
        this.url = url.toString();
        this.sealedSecret = sealedSecret;
        this.secretCreatedAt = now;
        this.createdBy = by;
        this.createdAt = now;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    /** Points the webhook elsewhere; the secret stays. */
    public void moveTo(URI url, String by, Instant now) {
        this.url = url.toString();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    /** A new secret: callbacks not yet posted are signed with it. */
    public void rotateSecret(String sealedSecret, String by, Instant now) {
        this.sealedSecret = sealedSecret;
        this.secretCreatedAt = now;
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public String schoolId() {
        return schoolId;
    }

    public URI url() {
        return URI.create(url);
    }

    public String sealedSecret() {
        return sealedSecret;
    }

    public WebhookDetails details() {
        return new WebhookDetails(schoolId, url(), secretCreatedAt, createdBy, createdAt, updatedBy, updatedAt);
    }

    /** A read-only view; never the secret. */
    public record WebhookDetails(String schoolId, URI url, Instant secretCreatedAt, String createdBy,
            Instant createdAt, String updatedBy, Instant updatedAt) {
    }
}
