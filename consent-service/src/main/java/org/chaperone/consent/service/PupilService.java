package org.chaperone.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.chaperone.consent.domain.Guardian;
import org.chaperone.consent.domain.Guardian.GuardianDetails;
import org.chaperone.consent.domain.Guardian.GuardianFacts;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.GuardianLink;
import org.chaperone.consent.domain.GuardianLink.LinkDetails;
import org.chaperone.consent.domain.GuardianLink.LinkTerms;
import org.chaperone.consent.domain.Pupil;
import org.chaperone.consent.domain.Pupil.PupilDetails;
import org.chaperone.consent.domain.Pupil.PupilFacts;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.consent.repository.GuardianLinkRepository;
import org.chaperone.consent.repository.GuardianRepository;
import org.chaperone.consent.repository.PupilRepository;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.security.Caller;
import org.chaperone.runtime.security.SchoolScope;

/**
 * Pupils, guardians and who may consent for whom, as the school's MIS says (kept by school apps and office
 * staff). Every read is scoped to the caller's schools; a parent sees only their own children.
 */
@ApplicationScoped
public class PupilService {

    @Inject
    PupilRepository pupils;
    @Inject
    GuardianRepository guardians;
    @Inject
    GuardianLinkRepository links;
    @Inject
    Caller caller;

    @Transactional
    public PupilDetails createPupil(String schoolId, PupilFacts facts) {
        caller.requireSchool(schoolId, "school");
        PupilId id = PupilId.random();
        requireUniquePupil(schoolId, facts, id);
        Pupil pupil = new Pupil(id, schoolId, facts, Instant.now());
        pupils.persist(pupil);
        return pupil.details();
    }

    @Transactional
    public PupilDetails updatePupil(PupilId id, PupilFacts facts) {
        Pupil pupil = pupils.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("pupil"));
        requireUniquePupil(pupil.schoolId(), facts, id);
        pupil.apply(facts, Instant.now());
        return pupil.details();
    }

    @Transactional
    public PupilDetails pupil(PupilId id) {
        return readablePupil(id).details();
    }

    @Transactional
    public List<PupilDetails> pupils(String schoolId, String className, int offset, int limit) {
        caller.requireSchool(schoolId, "school");
        return pupils.listBySchool(schoolId, className, caller.scope(), offset, limit).stream()
                .map(Pupil::details).toList();
    }

    @Transactional
    public GuardianDetails createGuardian(String schoolId, GuardianFacts facts) {
        caller.requireSchool(schoolId, "school");
        GuardianId id = GuardianId.random();
        requireUniqueGuardian(schoolId, facts, id);
        Guardian guardian = new Guardian(id, schoolId, facts, Instant.now());
        guardians.persist(guardian);
        return guardian.details();
    }

    @Transactional
    public GuardianDetails updateGuardian(GuardianId id, GuardianFacts facts) {
        Guardian guardian = guardians.find(id, caller.scope())
                .orElseThrow(() -> new RecordNotFoundException("guardian"));
        requireUniqueGuardian(guardian.schoolId(), facts, id);
        guardian.apply(facts, Instant.now());
        return guardian.details();
    }

    @Transactional
    public GuardianDetails guardian(GuardianId id) {
        if (caller.isParent() && !caller.guardianId().map(id.value()::equals).orElse(false)) {
            throw new RecordNotFoundException("guardian");
        }
        return guardians.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("guardian"))
                .details();
    }

    /** Creates or updates the link between a pupil and a guardian of the same school. */
    @Transactional
    public LinkDetails link(PupilId pupilId, GuardianId guardianId, LinkTerms terms) {
        SchoolScope scope = caller.scope();
        Pupil pupil = pupils.find(pupilId, scope).orElseThrow(() -> new RecordNotFoundException("pupil"));
        Guardian guardian = guardians.find(guardianId, scope)
                .filter(g -> g.schoolId().equals(pupil.schoolId()))
                .orElseThrow(() -> new RecordNotFoundException("guardian"));
        Instant now = Instant.now();
        GuardianLink link = links.find(pupilId, guardianId, scope).orElse(null);
        if (link == null) {
            link = new GuardianLink(pupil.schoolId(), pupil.id(), guardian.id(), terms, now);
            links.persist(link);
        } else {
            link.apply(terms, now);
        }
        return link.details();
    }

    @Transactional
    public List<LinkDetails> links(PupilId pupilId) {
        Pupil pupil = readablePupil(pupilId);
        return links.forPupil(pupil.id(), caller.scope()).stream().map(GuardianLink::details).toList();
    }

    /** The pupil if the caller may read them: in their schools, and for a parent, their own child. */
    Pupil readablePupil(PupilId id) {
        SchoolScope scope = caller.scope();
        Pupil pupil = pupils.find(id, scope).orElseThrow(() -> new RecordNotFoundException("pupil"));
        if (caller.isParent() && !isParentOf(pupil.id(), scope)) {
            throw new RecordNotFoundException("pupil");
        }
        return pupil;
    }

    boolean isParentOf(PupilId pupil, SchoolScope scope) {
        return caller.guardianId()
                .flatMap(guardian -> links.find(pupil, new GuardianId(guardian), scope))
                .isPresent();
    }

    private void requireUniquePupil(String schoolId, PupilFacts facts, PupilId id) {
        if (pupils.existsByMisId(schoolId, facts.misId(), id)) {
            throw new ConflictException("misId", "Unique", "Another pupil of this school has this MIS id");
        }
        if (pupils.existsByUpn(schoolId, facts.upn().value(), id)) {
            throw new ConflictException("upn", "Unique", "Another pupil of this school has this UPN");
        }
    }

    private void requireUniqueGuardian(String schoolId, GuardianFacts facts, GuardianId id) {
        if (guardians.existsByMisId(schoolId, facts.misId(), id)) {
            throw new ConflictException("misId", "Unique", "Another guardian of this school has this MIS id");
        }
    }
}
