package org.chaperone.scheduling.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.chaperone.runtime.problem.InvalidRequestException;
import org.chaperone.runtime.problem.RecordNotFoundException;
import org.chaperone.runtime.security.Caller;
import org.chaperone.scheduling.domain.StaffMember;
import org.chaperone.scheduling.domain.StaffMember.StaffDetails;
import org.chaperone.scheduling.domain.StaffMember.StaffRecord;
import org.chaperone.scheduling.repository.StaffRepository;

/** The staff register, kept by school apps from the MIS and the single central record. */
@ApplicationScoped
public class StaffRegisterService {

    @Inject
    StaffRepository staff;
    @Inject
    Caller caller;

    @Transactional
    public StaffDetails register(String schoolId, String staffId, StaffRecord record) {
        caller.requireSchool(schoolId, "school");
        LocalDate today = LocalDate.now();
        if (record.dbsCheckedOn() != null && record.dbsCheckedOn().isAfter(today)) {
            throw new InvalidRequestException("dbsCheckedOn", "PastOrPresent", "Cannot be in the future");
        }
        if (record.safeguardingTrainedOn() != null && record.safeguardingTrainedOn().isAfter(today)) {
            throw new InvalidRequestException("safeguardingTrainedOn", "PastOrPresent", "Cannot be in the future");
        }
        StaffMember member = staff.find(schoolId, staffId, caller.scope()).orElse(null);
        if (member == null) {
            member = new StaffMember(schoolId, staffId);
            member.apply(record, Instant.now());
            staff.persist(member);
        } else {
            member.apply(record, Instant.now());
        }
        return member.details();
    }

    @Transactional
    public StaffDetails member(String schoolId, String staffId) {
        caller.requireSchool(schoolId, "school");
        return staff.find(schoolId, staffId, caller.scope()).map(StaffMember::details)
                .orElseThrow(() -> new RecordNotFoundException("member of staff"));
    }

    @Transactional
    public List<StaffDetails> register(String schoolId) {
        caller.requireSchool(schoolId, "school");
        return staff.forSchool(schoolId, caller.scope()).stream().map(StaffMember::details).toList();
    }
}
