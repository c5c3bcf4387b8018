package org.chaperone.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A school's safeguarding rota, by staff id: the DSL and deputy DSLs (alerted at once, R12), the Headteacher
 * (approvals, R3; staff-conduct concerns, R14), SLT (told of every session, R8) and out-of-hours cover.
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
    @Column(nullable = false)
    private List<String> slt;
    @Column(name = "out_of_hours_cover")
    private String outOfHoursCover;
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

    public void apply(Roles roles, String by, Instant now) {
        this.dsl = roles.dsl();
        this.deputyDsls = List.copyOf(roles.deputyDsls());
        this.headteacher = roles.headteacher();
        this.slt = List.copyOf(roles.slt());
        this.outOfHoursCover = roles.outOfHoursCover();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public Roles roles() {
        return new Roles(dsl, List.copyOf(deputyDsls), headteacher, List.copyOf(slt), outOfHoursCover);
    }

    public RotaDetails details() {
        return new RotaDetails(schoolId, roles(), updatedBy, updatedAt, version);
    }

    /** Who holds each safeguarding role at a school. */
    public record Roles(String dsl, List<String> deputyDsls, String headteacher, List<String> slt,
            String outOfHoursCover) {

        /** The DSL team, alerted at once of a concern: the DSL, then the deputies, each once. */
        public Set<String> dslTeam() {
            Set<String> team = new LinkedHashSet<>();
            team.add(dsl);
            team.addAll(deputyDsls);
            return team;
        }

        public Optional<String> outOfHours() {
            return Optional.ofNullable(outOfHoursCover);
        }
    }

    /** A read-only view. */
    public record RotaDetails(String schoolId, Roles roles, String updatedBy, Instant updatedAt, long version) {
    }
}
