package org.chaperone.consent.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.chaperone.consent.config.ConsentConfig;
import org.chaperone.consent.domain.Channel;
import org.chaperone.consent.domain.ConsentDecision;
import org.chaperone.consent.domain.ConsentDecision.DecisionDetails;
import org.chaperone.consent.domain.ConsentId;
import org.chaperone.consent.domain.ConsentRequest;
import org.chaperone.consent.domain.ConsentRequestId;
import org.chaperone.consent.domain.ConsentTerms;
import org.chaperone.consent.domain.CurrentConsent;
import org.chaperone.consent.domain.Decision;
import org.chaperone.consent.domain.Evidence;
import org.chaperone.consent.domain.Guardian;
import org.chaperone.consent.domain.GuardianId;
import org.chaperone.consent.domain.GuardianLink;
import org.chaperone.consent.domain.Pupil;
import org.chaperone.consent.domain.PupilId;
import org.chaperone.consent.domain.Purpose;
import org.chaperone.consent.event.ConsentEventPublisher;
import org.chaperone.consent.repository.ConsentDecisionRepository;
import org.chaperone.consent.repository.ConsentRequestRepository;
import org.chaperone.consent.repository.GuardianLinkRepository;
import org.chaperone.consent.repository.GuardianRepository;
import org.chaperone.consent.repository.PupilRepository;
import org.chaperone.consent.service.ConsentCommands.Decide;
import org.chaperone.consent.service.ConsentCommands.EvidenceInput;
import org.chaperone.consent.service.ConsentCommands.History;
import org.chaperone.consent.service.ConsentCommands.PendingRequest;
import org.chaperone.consent.service.ConsentCommands.PupilStatus;
import org.chaperone.consent.service.ConsentCommands.RequestConsent;
import org.chaperone.consent.service.ConsentCommands.RequestSent;
import org.chaperone.consent.service.ConsentCommands.StatusQuery;
import org.chaperone.consent.service.ConsentCommands.Withdraw;
import org.chaperone.runtime.problem.ConflictException;
import org.chaperone.runtime.problem.ForbiddenActionException;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.PolicyViolationException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.problem.Violation;
import org.chaperone.runtime.security.Caller;
import org.chaperone.runtime.security.SchoolScope;

/**
 * Consent requests, decisions with evidence, withdrawal, expiry, history and current status (rule R1 and the
 * consent side of R2 and R3). Each state change and its event commit together through the outbox.
 */
@ApplicationScoped
public class ConsentService {

    /** Who is named as having recorded an expiry: the service itself. */
    public static final String EXPIRY_ACTOR = "system:consent-expiry";

    @Inject
    PupilRepository pupils;
    @Inject
    GuardianRepository guardians;
    @Inject
    GuardianLinkRepository links;
    @Inject
    ConsentRequestRepository requests;
    @Inject
    ConsentDecisionRepository decisions;
    @Inject
    ConsentEventPublisher events;
    @Inject
    PupilService pupilService;
    @Inject
    Caller caller;
    @Inject
    ConsentConfig config;

    @Transactional
    public RequestSent request(RequestConsent command) {
        caller.requireSchool(command.schoolId(), "school");
        Instant now = now();
        List<Violation> problems = new ArrayList<>(TermsRules.check(command.terms(), true, now));
        if (command.respondBy() != null && !command.respondBy().isAfter(now)) {
            problems.add(new Violation("respondBy", "Future", "Must be in the future"));
        }
        List<Pupil> found = resolvePupils(command.schoolId(), command.pupils(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ConsentRequest request = new ConsentRequest(ConsentRequestId.random(), command.schoolId(), command.terms(),
                command.pupils(), command.respondBy(), caller.subject(), now);
        requests.persist(request);
        Map<PupilId, List<GuardianId>> asked = guardiansWhoMayConsent(command.pupils());
        List<PupilId> withoutGuardian = new ArrayList<>();
        int guardiansAsked = 0;
        for (Pupil pupil : found) {
            List<GuardianId> guardiansOfPupil = asked.getOrDefault(pupil.id(), List.of());
            if (guardiansOfPupil.isEmpty()) {
                withoutGuardian.add(pupil.id());
            }
            guardiansAsked += guardiansOfPupil.size();
            events.requested(request.details(), pupil.id(), guardiansOfPupil);
        }
        return new RequestSent(request.details(), guardiansAsked, withoutGuardian);
    }

    @Transactional
    public ConsentRequest.RequestDetails requestDetails(ConsentRequestId id) {
        return requests.find(id, caller.scope()).orElseThrow(() -> new RecordNotFoundException("consent request"))
                .details();
    }

    /** The requests a parent has not answered for any of their children, newest first. */
    @Transactional
    public List<PendingRequest> pendingForParent() {
        GuardianId guardian = parentGuardian();
        SchoolScope scope = caller.scope();
        List<PupilId> children = links.forGuardian(guardian, scope).stream().filter(GuardianLink::mayConsent)
                .map(GuardianLink::pupilId).toList();
        if (children.isEmpty()) {
            return List.of();
        }
        Set<String> answered = new HashSet<>();
        for (PupilId child : children) {
            for (ConsentDecision decision : decisions.history(child, scope)) {
                DecisionDetails d = decision.details();
                if (d.guardianId().equals(guardian) && d.requestId() != null) {
                    answered.add(d.requestId() + "/" + child);
                }
            }
        }
        Instant now = now();
        List<PendingRequest> pending = new ArrayList<>();
        for (ConsentRequest request : requests.coveringAny(children, scope)) {
            var details = request.details();
            if (details.respondBy() != null && details.respondBy().isBefore(now)) {
                continue;
            }
            for (PupilId child : children) {
                if (request.covers(child) && !answered.contains(details.id() + "/" + child)) {
                    pending.add(new PendingRequest(details, child));
                }
            }
        }
        return pending;
    }

    @Transactional
    public DecisionDetails decide(Decide command) {
        Instant now = now();
        boolean parent = caller.isParent();
        List<Violation> problems = new ArrayList<>(TermsRules.check(command.terms(), command.grant(), now));
        problems.addAll(guardianProblems(parent, command.guardian()));
        problems.addAll(evidenceProblems(parent, command.evidence(), now));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        SchoolScope scope = caller.scope();
        Pupil pupil = pupils.findForUpdate(command.pupil(), scope)
                .orElseThrow(() -> new RecordNotFoundException("pupil"));
        GuardianId guardianId = parent ? parentGuardian() : command.guardian();
        GuardianLink link = mayDecide(pupil, guardianId, scope);
        ConsentRequestId requestId = command.request();
        if (requestId != null) {
            ConsentRequest request = requests.find(requestId, scope)
                    .orElseThrow(() -> new RecordNotFoundException("consent request"));
            if (!request.covers(pupil.id()) || !request.terms().sameLineAs(command.terms())) {
                throw new InvalidRequestException("requestId", "Matches",
                        "The request does not ask about this pupil for this purpose and scope");
            }
        }
        ConsentDecision decision = ConsentDecision.decide(pupil.schoolId(), pupil.id(), link.guardianId(),
                command.terms(), command.grant(), requestId, parent ? Channel.PARENT_APP : command.evidence().channel(),
                parent ? null : evidence(command.evidence()), caller.subject(), now);
        decisions.persist(decision);
        DecisionDetails details = decision.details();
        events.decided(details);
        return details;
    }

    @Transactional
    public DecisionDetails withdraw(ConsentId consentId, Withdraw command) {
        Instant now = now();
        boolean parent = caller.isParent();
        List<Violation> problems = evidenceProblems(parent, command.evidence(), now);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        SchoolScope scope = caller.scope();
        ConsentDecision grant = decisions.find(consentId, scope)
                .orElseThrow(() -> new RecordNotFoundException("consent"));
        Pupil pupil = pupils.findForUpdate(grant.pupilId(), scope)
                .orElseThrow(() -> new RecordNotFoundException("consent"));
        if (parent) {
            if (!pupilService.isParentOf(pupil.id(), scope)) {
                throw new RecordNotFoundException("consent");
            }
            if (!grant.guardianId().equals(parentGuardian())) {
                throw new ForbiddenActionException("Only the guardian who gave a consent can withdraw it here; "
                        + "the school office can record another guardian's withdrawal");
            }
        }
        if (grant.decision() != Decision.GRANTED || decisions.isSuperseded(grant)) {
            throw new ConflictException("consentId", "Current", "This consent is not a current grant");
        }
        if (grant.hasExpired(now)) {
            throw new ConflictException("consentId", "Current", "This consent has already expired");
        }
        ConsentDecision withdrawal = grant.withdraw(parent ? Channel.PARENT_APP : command.evidence().channel(),
                parent ? null : evidence(command.evidence()), caller.subject(), now);
        decisions.persist(withdrawal);
        DecisionDetails details = withdrawal.details();
        events.decided(details);
        return details;
    }

    @Transactional
    public History history(PupilId pupilId) {
        Pupil pupil = pupilService.readablePupil(pupilId);
        return new History(pupil.id(), decisions.history(pupil.id(), caller.scope()).stream()
                .map(ConsentDecision::details).toList());
    }

    @Transactional
    public List<PupilStatus> status(StatusQuery query) {
        caller.requireSchool(query.schoolId(), "school");
        List<Violation> problems = new ArrayList<>();
        resolvePupils(query.schoolId(), query.pupils(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        SchoolScope scope = caller.scope();
        Map<PupilId, Set<GuardianId>> mayConsent = guardiansWhoMayConsent(query.pupils()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
        Map<PupilId, List<DecisionDetails>> histories = decisions.history(query.pupils(), query.purpose(), scope)
                .stream().map(ConsentDecision::details)
                .collect(Collectors.groupingBy(DecisionDetails::pupilId, LinkedHashMap::new, Collectors.toList()));
        Instant now = now();
        return query.pupils().stream().map(pupil -> new PupilStatus(pupil, CurrentConsent.of(
                histories.getOrDefault(pupil, List.of()), mayConsent.getOrDefault(pupil, Set.of()),
                query.sessionId(), now))).toList();
    }

    /**
     * Expires and announces grants past their expiry date; returns how many. Run by {@code ConsentExpiry} for
     * every school, not on behalf of a caller.
     */
    @Transactional
    public int expireLapsedGrants() {
        Instant now = now();
        int expired = 0;
        for (ConsentDecision grant : decisions.lapsedGrants(now, config.expiryBatchSize())) {
            pupils.findForUpdate(grant.pupilId(), SchoolScope.system());
            if (decisions.isSuperseded(grant)) {
                continue; // withdrawn while we waited for the lock
            }
            ConsentDecision expiry = grant.expire(EXPIRY_ACTOR);
            decisions.persist(expiry);
            events.decided(expiry.details());
            expired++;
        }
        return expired;
    }

    private GuardianLink mayDecide(Pupil pupil, GuardianId guardianId, SchoolScope scope) {
        if (caller.isParent()) {
            // A parent's own child or nothing: another family's child answers as if it did not exist.
            GuardianLink link = links.find(pupil.id(), guardianId, scope)
                    .orElseThrow(() -> new RecordNotFoundException("pupil"));
            return requireMayConsent(link);
        }
        Guardian guardian = guardians.find(guardianId, scope).filter(g -> g.schoolId().equals(pupil.schoolId()))
                .orElseThrow(() -> new RecordNotFoundException("guardian"));
        GuardianLink link = links.find(pupil.id(), guardian.id(), scope).orElseThrow(() ->
                new PolicyViolationException("guardianId", "R1",
                        "This guardian is not linked to the pupil; only a guardian with parental responsibility "
                                + "can decide"));
        return requireMayConsent(link);
    }

    private static GuardianLink requireMayConsent(GuardianLink link) {
        if (!link.mayConsent()) {
            throw new PolicyViolationException("guardianId", "R1",
                    "Only a guardian with parental responsibility and no restriction can decide on consent");
        }
        return link;
    }

    private GuardianId parentGuardian() {
        return caller.guardianId().map(GuardianId::new).orElseThrow(() ->
                new ForbiddenActionException("The token names no guardian (guardian_id claim)"));
    }

    private List<Pupil> resolvePupils(String schoolId, List<PupilId> ids, List<Violation> problems) {
        if (ids.size() > config.maxPupilsPerCall()) {
            problems.add(new Violation("pupilIds", "Size", "At most " + config.maxPupilsPerCall() + " pupils per call"));
            return List.of();
        }
        Set<PupilId> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                problems.add(new Violation("pupilIds[" + i + "]", "Unique", "Listed twice"));
            }
        }
        Map<PupilId, Pupil> found = pupils.findAll(ids, caller.scope()).stream()
                .filter(p -> p.schoolId().equals(schoolId))
                .collect(Collectors.toMap(Pupil::id, p -> p));
        for (int i = 0; i < ids.size(); i++) {
            if (!found.containsKey(ids.get(i))) {
                problems.add(new Violation("pupilIds[" + i + "]", "Exists", "No such pupil in this school"));
            }
        }
        return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private Map<PupilId, List<GuardianId>> guardiansWhoMayConsent(List<PupilId> pupilIds) {
        return links.forPupils(pupilIds, caller.scope()).stream().filter(GuardianLink::mayConsent)
                .collect(Collectors.groupingBy(GuardianLink::pupilId,
                        Collectors.mapping(GuardianLink::guardianId, Collectors.toList())));
    }

    /** A parent decides as themself; office staff name the guardian whose decision they record. */
    private static List<Violation> guardianProblems(boolean parent, GuardianId guardian) {
        if (parent && guardian != null) {
            return List.of(new Violation("guardianId", "ParentActsForThemself",
                    "A parent decides as themself; leave guardianId out"));
        }
        if (!parent && guardian == null) {
            return List.of(new Violation("guardianId", "NotNull", "Name the guardian whose decision this is"));
        }
        return List.of();
    }

    /** The parent app needs no evidence; anything office staff record needs it. */
    private static List<Violation> evidenceProblems(boolean parent, EvidenceInput evidence, Instant now) {
        List<Violation> problems = new ArrayList<>();
        if (parent) {
            if (evidence != null) {
                problems.add(new Violation("evidence", "OfficeOnly",
                        "Evidence is recorded by office staff for decisions received by email, paper or phone"));
            }
            return problems;
        }
        if (evidence == null) {
            problems.add(new Violation("evidence", "NotNull",
                    "A decision recorded by staff needs its evidence: channel, reference, received at, text"));
            return problems;
        }
        if (evidence.channel() == Channel.PARENT_APP) {
            problems.add(new Violation("evidence.channel", "OfficeChannel", "Must be EMAIL, PAPER or PHONE"));
        }
        if (evidence.receivedAt() != null && evidence.receivedAt().isAfter(now.plus(5, ChronoUnit.MINUTES))) {
            problems.add(new Violation("evidence.receivedAt", "PastOrPresent", "Cannot be in the future"));
        }
        return problems;
    }

    private static Evidence evidence(EvidenceInput input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.text().getBytes(StandardCharsets.UTF_8));
            return new Evidence(input.channel(), input.reference(), input.receivedAt(),
                    java.util.HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
