package org.chaperone.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.chaperone.notification.domain.ContactPoint;
import org.chaperone.notification.domain.ContactPoint.Addresses;
import org.chaperone.notification.domain.ContactPoint.ContactDetails;
import org.chaperone.notification.domain.PersonType;
import org.chaperone.notification.repository.ContactPointRepository;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;

/** Contact points of guardians and staff, kept by school apps from the MIS. */
@ApplicationScoped
public class ContactPointService {

    private static final String WHAT = "contact point";

    @Inject
    ContactPointRepository contacts;
    @Inject
    Caller caller;
    @Inject
    OutboundAddressGuard guard;

    /** Creates or replaces a person's contact point; every field is checked before anything is written. */
    @Transactional
    public ContactDetails put(String schoolId, PersonType type, String personId, Addresses addresses) {
        caller.requireSchool(schoolId, "school");
        String person = personId(type, personId);
        Addresses checked = check(addresses);
        ContactPoint contact = contacts.find(schoolId, type, person, caller.scope()).orElse(null);
        if (contact == null) {
            contact = new ContactPoint(schoolId, type, person);
            contact.apply(checked, caller.subject(), Instant.now());
            contacts.persist(contact);
        } else {
            contact.apply(checked, caller.subject(), Instant.now());
        }
        return contact.details();
    }

    @Transactional
    public ContactDetails get(String schoolId, PersonType type, String personId) {
        caller.requireSchool(schoolId, WHAT);
        return contacts.find(schoolId, type, personId(type, personId), caller.scope()).map(ContactPoint::details)
                .orElseThrow(() -> new RecordNotFoundException(WHAT));
    }

    @Transactional
    public void erase(String schoolId, PersonType type, String personId) {
        caller.requireSchool(schoolId, WHAT);
        if (!contacts.erase(schoolId, type, personId(type, personId), caller.scope())) {
            throw new RecordNotFoundException(WHAT);
        }
    }

    /** A guardian is known by the UUID consent-service gave them (kept in canonical form); staff by token subject. */
    private static String personId(PersonType type, String personId) {
        if (type == PersonType.GUARDIAN) {
            try {
                UUID id = UUID.fromString(personId);
                if (!id.toString().equalsIgnoreCase(personId)) {
                    throw new IllegalArgumentException();
                }
                return id.toString();
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("personId", "Type", "A guardian's id is a UUID");
            }
        }
        return personId;
    }

    private Addresses check(Addresses addresses) {
        List<Violation> violations = new ArrayList<>();
        if (addresses.email() == null && addresses.mobile() == null && addresses.appWebhookUrl() == null) {
            violations.add(new Violation("email", "AtLeastOneAddress",
                    "Give at least one of email, mobile and appWebhookUrl"));
        }
        String webhook = addresses.appWebhookUrl();
        if (webhook != null) {
            try {
                URI uri = new URI(webhook);
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                        || uri.getRawFragment() != null) {
                    violations.add(new Violation("appWebhookUrl", "HttpsUrl",
                            "Must be an https URL with a host, without user info or fragment"));
                } else {
                    // The host as written, never resolved here; the channel checks the addresses again at send time.
                    guard.check("appWebhookUrl", uri).ifPresent(violations::add);
                }
            } catch (URISyntaxException e) {
                violations.add(new Violation("appWebhookUrl", "HttpsUrl", "Is not a valid URL"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String email = addresses.email() == null ? null : addresses.email().strip();
        // The domain part of an address is case-insensitive; the local part is kept as given.
        if (email != null) {
            int at = email.lastIndexOf('@');
            email = email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
        }
        return new Addresses(email, addresses.mobile(), webhook);
    }
}
