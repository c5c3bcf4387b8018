package org.chaperone.runtime.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the verified JWT: subject, roles ({@code groups}), schools ({@code schools}) and, for a
 * parent, the guardian the school app registered ({@code guardian_id}).
 */
@RequestScoped
public class Caller {

    public static final String SCHOOLS_CLAIM = "schools";
    public static final String GUARDIAN_ID_CLAIM = "guardian_id";

    @Inject
    JsonWebToken token;

    public String subject() {
        return token.getSubject();
    }

    public Set<String> roles() {
        return token.getGroups() == null ? Set.of() : token.getGroups();
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The schools named in the token; trust roles act for all schools regardless. */
    public Set<String> schools() {
        Object claim = token.getClaim(SCHOOLS_CLAIM);
        Set<String> schools = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString string) {
                    schools.add(string.getString());
                }
            }
        } else if (claim instanceof Collection<?> collection) {
            collection.forEach(value -> schools.add(String.valueOf(value)));
        } else if (claim instanceof JsonString string) {
            schools.add(string.getString());
        } else if (claim instanceof String string) {
            schools.add(string);
        }
        return schools;
    }

    public SchoolScope scope() {
        boolean all = roles().stream().anyMatch(Roles::actsForAllSchools);
        return new SchoolScope(all, schools());
    }

    /** A parent's guardian id; empty for anyone else or a token without a well-formed one. */
    public Optional<UUID> guardianId() {
        Object claim = token.getClaim(GUARDIAN_ID_CLAIM);
        String value = claim instanceof JsonString string ? string.getString() : claim == null ? null : claim.toString();
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isParent() {
        return hasRole(Roles.PARENT);
    }

    /**
     * Fails with 404 unless the caller acts for {@code schoolId}: a record of another school is answered as if
     * it did not exist, so its existence does not leak.
     */
    public void requireSchool(String schoolId, String what) {
        if (!scope().includes(schoolId)) {
            throw new RecordNotFoundException(what);
        }
    }
}
