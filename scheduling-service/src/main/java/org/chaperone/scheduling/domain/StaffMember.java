package org.chaperone.scheduling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A member of staff in the register kept by the school app: the evidence behind rule R4. {@code staffId} is the
 * subject of their token, so the register and the caller can be compared.
 */
@Entity
@Table(name = "staff_member")
public class StaffMember {

    @Id
    private UUID id;
    @Column(name = "school_id", nullable = false, updatable = false)
    private String schoolId;
    @Column(name = "staff_id", nullable = false, updatable = false)
    private String staffId;
    @Column(name = "dbs_checked_on")
    private LocalDate dbsCheckedOn;
    @Column(name = "safeguarding_trained_on")
    private LocalDate safeguardingTrainedOn;
    @Column(nullable = false)
    private boolean slt;
    @Column(nullable = false)
    private boolean headteacher;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected StaffMember() {
    }

    public StaffMember(String schoolId, String staffId) {
        this.id = UUID.randomUUID();
        this.schoolId = schoolId;
        this.staffId = staffId;
    }

    public void apply(StaffRecord record, Instant now) {
        this.dbsCheckedOn = record.dbsCheckedOn();
        this.safeguardingTrainedOn = record.safeguardingTrainedOn();
        this.slt = record.slt();
        this.headteacher = record.headteacher();
        this.updatedAt = now;
    }

    public StaffDetails details() {
        return new StaffDetails(schoolId, staffId,
                new StaffRecord(dbsCheckedOn, safeguardingTrainedOn, slt, headteacher), updatedAt);
    }

    /** What the MIS says about a member of staff. */
    public record StaffRecord(LocalDate dbsCheckedOn, LocalDate safeguardingTrainedOn, boolean slt,
            boolean headteacher) {

        /** Rule R4: a DBS check and safeguarding training, each still within its validity on {@code day}. */
        public boolean eligibleOn(LocalDate day, SchoolPolicy policy) {
            return dbsCheckedOn != null && safeguardingTrainedOn != null
                    && !dbsCheckedOn.isAfter(day) && !safeguardingTrainedOn.isAfter(day)
                    && dbsCheckedOn.plusMonths(policy.dbsValidityMonths()).isAfter(day)
                    && safeguardingTrainedOn.plusMonths(policy.trainingValidityMonths()).isAfter(day);
        }
    }

    /** A read-only view. */
    public record StaffDetails(String schoolId, String staffId, StaffRecord record, Instant updatedAt) {
    }
}
