package org.chaperone.runtime.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 problem response: 400 for bad input (every bad field listed), 401 for
 * a missing or bad token, 403 for a wrong role, 404 for missing and other schools' records, 409 for conflicts,
 * 422 for broken policy rules (every rule listed). Unexpected failures answer a bare 500 with a reference
 * that is logged; no stack trace and no exception class name ever reaches the caller.
 */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    private static final String BODY = "body";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        List<String> rules = e instanceof PolicyViolationException
                ? e.violations().stream().map(Violation::rule).distinct().toList()
                : List.of();
        return respond(e.status(), e.kind(), e.title(), e.getMessage(), uri, rules, e.violations());
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(ProblemResponses::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::rule))
                .toList();
        return invalid(violations, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return invalid(List.of(new Violation(BODY, "WellFormedJson",
                "The body is not well-formed JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")")), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return invalid(List.of(new Violation(path(e), "KnownField",
                "Unknown field; expected one of " + e.getKnownPropertyIds())), uri);
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e, UriInfo uri) {
        return invalid(List.of(new Violation(path(e), "Type", "Must be " + describe(e.getTargetType()))), uri);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        String message = e.getTargetType() == null ? "Has the wrong type" : "Must be " + describe(e.getTargetType());
        return invalid(List.of(new Violation(field, "Type", message)), uri);
    }

    @ServerExceptionMapper
    public Response unknownType(InvalidTypeIdException e, UriInfo uri) {
        return invalid(List.of(new Violation(path(e), "Type", "Has an unknown type")), uri);
    }

    @ServerExceptionMapper
    public Response notInstantiable(ValueInstantiationException e, UriInfo uri) {
        return invalid(List.of(new Violation(path(e), "Valid", "Is not valid")), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return invalid(List.of(new Violation(path(e), "Valid", "Cannot be read")), uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        return invalid(List.of(new Violation(BODY, "WellFormedJson", "The body is not well-formed JSON")), uri);
    }

    /** A unique or foreign key the database enforced after a concurrent write: a conflict, not a failure. */
    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        String constraint = e.getConstraintName() == null ? "a constraint" : e.getConstraintName();
        return respond(409, "conflict", "The request conflicts with the current state",
                "The change conflicts with another record (" + constraint + ")", uri, List.of(),
                List.of(new Violation(BODY, "Unique", "Conflicts with " + constraint)));
    }

    @ServerExceptionMapper
    public Response concurrentUpdate(jakarta.persistence.OptimisticLockException e, UriInfo uri) {
        return respond(409, "conflict", "The request conflicts with the current state",
                "The record was changed by someone else meanwhile; read it again and retry", uri, List.of(),
                List.of());
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response unauthenticated(AuthenticationCompletionException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = 4000)
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role does not allow this", uri, List.of(), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (cause instanceof JsonMappingException mapping) {
            return mapping instanceof MismatchedInputException mismatch ? wrongType(mismatch, uri) : unreadableJson(mapping, uri);
        }
        if (cause instanceof JsonProcessingException processing) {
            return unreadableBody(processing, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request failed" : known.getReasonPhrase();
        String kind = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        List<Violation> violations = switch (status) {
            case 415 -> List.of(new Violation(HttpHeaders.CONTENT_TYPE, "MediaType", "Send application/json"));
            case 406 -> List.of(new Violation(HttpHeaders.ACCEPT, "MediaType", "Accept application/json"));
            default -> List.of();
        };
        return respond(status, kind, title, title, uri, List.of(), violations);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return respond(500, "internal", "Internal error",
                "Something went wrong on our side; quote reference " + reference, uri, List.of(), List.of());
    }

    private Response unauthorized(UriInfo uri) {
        Response response = respond(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", uri, List.of(), List.of());
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private Response invalid(List<Violation> violations, UriInfo uri) {
        String detail = violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are not valid";
        return respond(400, "invalid-request", "The request is not valid", detail, uri, List.of(), violations);
    }

    static Response respond(int status, String kind, String title, String detail, UriInfo uri,
            List<String> rules, List<Violation> violations) {
        Problem problem = new Problem(Problem.TYPE_PREFIX + kind, title, status, detail,
                uri == null ? null : uri.getPath(), rules, violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Violation toViolation(ConstraintViolation<?> violation) {
        String rule = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return new Violation(field(violation.getPropertyPath()), rule, violation.getMessage());
    }

    /** The path as the caller wrote it: {@code pupilIds[3]}, {@code evidence.channel}; a parameter by its name. */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && node.getName() != null
                    && node.getName().startsWith("<")) {
                appendIndex(field, node);
                continue;
            }
            if (node.getName() != null) {
                appendIndex(field, node);
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            } else {
                appendIndex(field, node);
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? BODY : parameter;
        }
        return field.toString();
    }

    private static void appendIndex(StringBuilder field, Path.Node node) {
        if (node.getIndex() != null) {
            field.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
            field.append('[').append(node.getKey()).append(']');
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date-time with offset (RFC 3339)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
