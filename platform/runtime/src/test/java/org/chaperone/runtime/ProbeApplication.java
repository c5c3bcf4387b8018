package org.chaperone.runtime;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.chaperone.events.EventTypes;
import org.chaperone.events.consent.ConsentGranted;
import org.chaperone.events.consent.ConsentPurpose;
import org.chaperone.events.consent.ConsentScope;
import org.chaperone.events.consent.DecisionChannel;
import org.chaperone.runtime.idempotency.IdempotentRequests;
import org.chaperone.runtime.inbox.Inbox;
import org.chaperone.runtime.outbox.OutboxWriter;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;
import org.chaperone.runtime.security.Roles;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A tiny application on the platform runtime, only for its tests. */
public final class ProbeApplication {

    private ProbeApplication() {
    }

    public record ProbeRequest(@NotBlank String schoolId, @NotBlank @Size(max = 10) String label,
            @NotNull @Size(max = 2) List<@NotNull UUID> pupilIds) {
    }

    public record ProbeResponse(UUID id, String eventId) {
    }

    @ApplicationScoped
    public static class ProbeService {
        @Inject
        EntityManager entityManager;
        @Inject
        OutboxWriter outbox;

        /** One state change and its event, in one transaction; {@code failAfterWrite} rolls both back. */
        @Transactional
        public ProbeResponse create(ProbeRequest request, String subject, boolean failAfterWrite) {
            UUID id = UUID.randomUUID();
            entityManager.createNativeQuery("insert into probe_record (id, school_id, label) values (:id, :school, :label)")
                    .setParameter("id", id).setParameter("school", request.schoolId())
                    .setParameter("label", request.label()).executeUpdate();
            var event = outbox.append(EventTypes.CONSENT_GRANTED, id, request.schoolId(),
                    new ConsentGranted(UUID.randomUUID(), request.schoolId(), id, UUID.randomUUID(),
                            ConsentPurpose.LIVE_VIDEO, ConsentScope.STANDING, null, null, null, null,
                            DecisionChannel.PARENT_APP, Instant.now(), subject));
            if (failAfterWrite) {
                throw new IllegalStateException("simulated failure after the write");
            }
            return new ProbeResponse(id, event.id());
        }

        public long count(String label) {
            return ((Number) entityManager.createNativeQuery("select count(*) from probe_record where label = :label")
                    .setParameter("label", label).getSingleResult()).longValue();
        }
    }

    @Path("/probe")
    public static class ProbeResource {
        @Inject
        ProbeService service;
        @Inject
        Caller caller;
        @Inject
        IdempotentRequests idempotency;

        @POST
        @RolesAllowed({Roles.STAFF, Roles.OFFICE})
        @APIResponse(responseCode = "201", description = "Created")
        public Response create(@Valid @NotNull ProbeRequest body,
                @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
            caller.requireSchool(body.schoolId(), "school");
            return idempotency.respond(caller.subject(), idempotencyKey, "POST /probe", body, 201,
                    () -> service.create(body, caller.subject(), false));
        }

        @GET
        @Path("/schools/{schoolId}")
        @RolesAllowed({Roles.STAFF, Roles.TRUST_ADMIN})
        public String school(@PathParam("schoolId") String schoolId) {
            caller.requireSchool(schoolId, "school");
            return schoolId;
        }

        @GET
        @Path("/policy")
        @RolesAllowed(Roles.STAFF)
        public String policy() {
            throw new PolicyViolationException(List.of(
                    new Violation("hosts", "R4", "Two DBS-checked staff must host"),
                    new Violation("start", "R5", "Starts outside school hours")));
        }

        @GET
        @Path("/missing")
        @RolesAllowed(Roles.STAFF)
        public String missing() {
            throw new RecordNotFoundException("pupil");
        }

        @GET
        @Path("/boom")
        @RolesAllowed(Roles.STAFF)
        public String boom() {
            throw new IllegalStateException("secret internal detail");
        }
    }

    /** Applies each event of {@code runtime.inbox.test} once, by recording an effect row. */
    @ApplicationScoped
    public static class ProbeConsumer {
        @Inject
        Inbox inbox;
        @Inject
        EntityManager entityManager;

        @Incoming("inbox-test")
        @Blocking
        @Transactional
        public void on(ConsumerRecord<String, byte[]> record) {
            inbox.applyOnce("probe-consumer", record, event ->
                    entityManager.createNativeQuery("insert into applied_effect (event_id) values (:id)")
                            .setParameter("id", event.id()).executeUpdate());
        }
    }
}
