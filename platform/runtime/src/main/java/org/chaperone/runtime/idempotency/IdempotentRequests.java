package org.chaperone.runtime.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.chaperone.runtime.housekeeping.HousekeepingConfig;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.InvalidRequestException;

/**
 * Makes a POST safe to retry with an {@code Idempotency-Key} header: the first request's response is stored
 * in the same transaction as its effect, and a repeat of the same request with the same key returns that
 * response and writes nothing. The same key with a different request answers 409. Keys are per caller.
 *
 * <p>The key row is inserted first, and on conflict left alone unless it outlived the window: a concurrent repeat
 * waits on it and then replays, so two racing retries never both apply.
 *
 * <p>A key is remembered for the replay window ({@code chaperone.housekeeping.idempotency-retention}, 24 hours by
 * default), after which housekeeping deletes its record. A request reusing a key after the window is a new request,
 * applied again, whether or not housekeeping has deleted the record yet: the window is the same at every moment, not
 * "24 hours plus however long until the next housekeeping run".
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    HousekeepingConfig housekeeping;

    /**
     * Runs {@code action} once per {@code (caller, key)}; without a key it simply runs it.
     *
     * @param operation names the endpoint, so a key reused on another endpoint is a conflict
     * @param request   the request body, compared by hash with the first request's
     * @param status    the status of a fresh success (e.g. 201)
     */
    @Transactional
    public Response respond(String caller, String key, String operation, Object request, int status,
            Supplier<?> action) {
        if (key == null) {
            return Response.status(status).entity(action.get()).build();
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidRequestException(HEADER, "Pattern", "Must be 1 to 255 visible ASCII characters");
        }
        String requestHash = hash(operation, request);
        int inserted = entityManager.createNativeQuery("""
                insert into idempotency_record (caller, idem_key, operation, request_hash)
                values (:caller, :key, :operation, :hash)
                on conflict (caller, idem_key) do update
                    set operation = excluded.operation, request_hash = excluded.request_hash, status = null,
                        response_body = null, created_at = now()
                    where idempotency_record.created_at
                          < now() - cast(:window as double precision) * interval '1 second'
                """)
                .setParameter("caller", caller).setParameter("key", key)
                .setParameter("operation", operation).setParameter("hash", requestHash)
                .setParameter("window", (double) housekeeping.idempotencyRetention().toMillis() / 1000.0)
                .executeUpdate();
        // 1: a new key, or one whose record outlived the window and was taken over (a new request); 0: a live record.
        if (inserted == 1) {
            Object body = action.get();
            entityManager.createNativeQuery("""
                    update idempotency_record set status = :status, response_body = :body
                    where caller = :caller and idem_key = :key
                    """)
                    .setParameter("status", status).setParameter("body", write(body))
                    .setParameter("caller", caller).setParameter("key", key)
                    .executeUpdate();
            return Response.status(status).entity(body).build();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select request_hash, status, response_body from idempotency_record
                where caller = :caller and idem_key = :key
                """).setParameter("caller", caller).setParameter("key", key).getResultList();
        Object[] first = rows.get(0);
        if (!requestHash.equals(first[0]) || first[1] == null) {
            throw new ConflictException(HEADER, "IdempotencyKeyReuse",
                    "This Idempotency-Key was used for a different request");
        }
        return Response.status(((Number) first[1]).intValue())
                .type(MediaType.APPLICATION_JSON)
                .header(REPLAYED_HEADER, "true")
                .entity(first[2])
                .build();
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be stored", e);
        }
    }
}
