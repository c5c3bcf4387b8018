package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A school's safeguarding rota, by staff id: the DSL and deputy DSLs (alerted at once, R12), the Headteacher
 * (approvals, R3; staff-conduct concerns, R14) and deputy headteachers (approvals, R3), SLT (told of every session, R8) and out-of-hours cover; and the
 * school's escalation clock (R17), {@link EscalationPolicy}.
 */
@Entity
@Table(name = "safeguarding_rota")
public class SafeguardingRota {

    @Id
    @Column(name = "school_id")
    private String schoolId;
    @Column(nullable = false)
    private String dsl;
    @Convert(converter = StaffIdList.class)
    @Column(name = "deputy_dsls", nullable = false)
    private List<String> deputyDsls;
    @Column(nullable = false)
    private String headteacher;
    @Convert(converter = StaffIdList.class)
    @Column(name = "deputy_headteachers", nullable = false)
    private List<String> deputyHeadteachers = List.of();
    @Convert(converter = StaffIdList.class)
    @Column(nullable = false)
    private List<String> slt;
    @Column(name = "out_of_hours_cover")
    private String outOfHoursCover;
    @Column(name = "escalate_low_after_s", nullable = false)
    private int escalateLowAfter = (int) EscalationPolicy.DEFAULT.low().toSeconds();
    @Column(name = "escalate_medium_after_s", nullable = false)
    private int escalateMediumAfter = (int) EscalationPolicy.DEFAULT.medium().toSeconds();
    @Column(name = "escalate_high_after_s", nullable = false)
    private int escalateHighAfter = (int) EscalationPolicy.DEFAULT.high().toSeconds();
    @Column(name = "escalate_critical_after_s", nullable = false)
    private int escalateCriticalAfter = (int) EscalationPolicy.DEFAULT.critical().toSeconds();
    @Column(name = "escalate_immediate_after_s", nullable = false)
    private int escalateImmediateAfter = (int) EscalationPolicy.DEFAULT.immediateRisk().toSeconds();
    @Convert(converter = DayList.class)
    @Column(name = "school_days", nullable = false)
    private Set<DayOfWeek> schoolDays = EscalationPolicy.DEFAULT.schoolDays();
    @Column(name = "school_day_starts", nullable = false)
    private LocalTime schoolDayStarts = EscalationPolicy.DEFAULT.dayStarts();
    @Column(name = "school_day_ends", nullable = false)
    private LocalTime schoolDayEnds = EscalationPolicy.DEFAULT.dayEnds();
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected SafeguardingRota() {
    }

    public SafeguardingRota(String schoolId) {
        this.schoolId = schoolId;
    }

    public void apply(Roles roles, EscalationPolicy escalation, String by, Instant now) {
        this.escalateLowAfter = (int) escalation.low().toSeconds();
        this.escalateMediumAfter = (int) escalation.medium().toSeconds();
        this.escalateHighAfter = (int) escalation.high().toSeconds();
        this.escalateCriticalAfter = (int) escalation.critical().toSeconds();
        this.escalateImmediateAfter = (int) escalation.immediateRisk().toSeconds();
        this.schoolDays = escalation.schoolDays();
        this.schoolDayStarts = escalation.dayStarts();
        this.schoolDayEnds = escalation.dayEnds();
        this.dsl = roles.dsl();
        this.deputyDsls = List.copyOf(roles.deputyDsls());
        this.headteacher = roles.headteacher();
        this.deputyHeadteachers = List.copyOf(roles.deputyHeadteachers());
        this.slt = List.copyOf(roles.slt());
        this.outOfHoursCover = roles.outOfHoursCover();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public Roles roles() {
        return new Roles(dsl, List.copyOf(deputyDsls), headteacher, List.copyOf(deputyHeadteachers), List.copyOf(slt),
                outOfHoursCover);
    }

    public EscalationPolicy escalation() {
        return new EscalationPolicy(Duration.ofSeconds(escalateLowAfter), Duration.ofSeconds(escalateMediumAfter),
                Duration.ofSeconds(escalateHighAfter), Duration.ofSeconds(escalateCriticalAfter),
                Duration.ofSeconds(escalateImmediateAfter), schoolDays, schoolDayStarts, schoolDayEnds);
    }

    public RotaDetails details() {
        return new RotaDetails(schoolId, roles(), escalation(), updatedBy, updatedAt, version);
    }

    /** Who holds each safeguarding role at a school. */
    public record Roles(String dsl, List<String> deputyDsls, String headteacher, List<String> deputyHeadteachers,
            List<String> slt, String outOfHoursCover) {

        /** The DSL team, alerted at once of a concern: the DSL, then the deputies, each once. */
        public Set<String> dslTeam() {
            Set<String> team = new LinkedHashSet<>();
            team.add(dsl);
            team.addAll(deputyDsls);
            return team;
        }

        /** Who may approve a one-to-one session (R3): the Headteacher, then the deputy heads, each once. */
        public Set<String> approvers() {
            Set<String> approvers = new LinkedHashSet<>();
            approvers.add(headteacher);
            approvers.addAll(deputyHeadteachers);
            return approvers;
        }

        public Optional<String> outOfHours() {
            return Optional.ofNullable(outOfHoursCover);
        }
    }

    /** A read-only view. */
    public record RotaDetails(String schoolId, Roles roles, EscalationPolicy escalation, String updatedBy,
            Instant updatedAt, long version) {
    }
}
