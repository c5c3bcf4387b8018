package org.chaperone.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Mints RS256 tokens shaped like the trust's identity provider's, with exactly the claims the services verify:
 * {@code iss}, {@code aud}, {@code sub} and {@code upn}, {@code groups} (roles), {@code schools} (a JSON array),
 * {@code guardian_id} (parents only), {@code iat} and {@code exp}.
 */
public final class DevTokens {

    /** The issuer and audience services expect (CHAPERONE_JWT_ISSUER, CHAPERONE_JWT_AUDIENCE). */
    public static final String ISSUER = "https://idp.chaperone.local/dev";
    public static final String AUDIENCE = "chaperone-api";
    public static final String KEY_ID = "chaperone-dev";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

    /** Every role of the security model; "teacher" is how people say {@code staff}. */
    public static final Set<String> ROLES = Set.of("staff", "slt", "headteacher", "dsl", "deputy-dsl", "office",
            "parent", "trust-safeguarding-lead", "trust-admin", "school-app");
    public static final String TEACHER = "teacher";

    private DevTokens() {
    }

    /** Who a token speaks for. */
    public record TokenRequest(String subject, List<String> roles, List<String> schools, UUID guardianId,
            Duration lifetime) {

        public TokenRequest {
            Objects.requireNonNull(subject, "subject");
            roles = List.copyOf(roles);
            schools = List.copyOf(schools);
            lifetime = lifetime == null ? DEFAULT_LIFETIME : lifetime;
            if (roles.contains("parent") && guardianId == null) {
                throw new IllegalArgumentException("A parent's token names the guardian (guardian_id)");
            }
            if (!roles.contains("parent") && guardianId != null) {
                throw new IllegalArgumentException("Only a parent's token names a guardian");
            }
        }
    }

    /** The role a command-line kind stands for: {@code teacher} is {@code staff}, others are roles themselves. */
    public static String role(String kind) {
        String role = TEACHER.equals(kind) ? "staff" : kind;
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("Unknown role '" + kind + "'; one of teacher, " + String.join(", ",
                    ROLES.stream().sorted().toList()));
        }
        return role;
    }

    /** Trust roles act for every school of the trust. */
    public static boolean isTrustRole(String role) {
        return "trust-admin".equals(role) || "trust-safeguarding-lead".equals(role);
    }

    /** The subject of a school's MIS connector. */
    public static String schoolAppSubject(String school) {
        return "mis-sync@" + school;
    }

    /** The subject of a parent's account in the parent app. */
    public static String parentSubject(UUID guardianId) {
        return "parent-" + guardianId;
    }

    public static String mint(TokenRequest request, PrivateKey signingKey, Instant now) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(request.subject())
                .upn(request.subject())
                .groups(new LinkedHashSet<>(request.roles()))
                .claim("schools", request.schools())
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(request.lifetime()).getEpochSecond());
        if (request.guardianId() != null) {
            claims.claim("guardian_id", request.guardianId().toString());
        }
        return claims.jws().keyId(KEY_ID).sign(signingKey);
    }
}
