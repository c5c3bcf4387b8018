-- R17: an incident alert is a case with a clock. Each school sets how long an alert may wait for an acknowledgement,
-- by severity (and for an immediate risk of harm), and its hours: outside them the out-of-hours cover is alerted
-- first. Seconds, so that a school can be told exactly what it set.
alter table safeguarding_rota
    add column escalate_low_after_s       integer not null default 1800,
    add column escalate_medium_after_s    integer not null default 900,
    add column escalate_high_after_s      integer not null default 900,
    add column escalate_critical_after_s  integer not null default 300,
    add column escalate_immediate_after_s integer not null default 300,
    add column school_days                text    not null default 'MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY',
    add column school_day_starts          time    not null default '08:00',
    add column school_day_ends            time    not null default '18:00';

-- One row per incident alert. The clock is next_step_at: a sender round claims due rows FOR UPDATE SKIP LOCKED, so
-- two replicas never fire the same step, and the step's deliveries, its event (outbox) and steps_fired commit
-- together, so a crash neither loses nor repeats a step. An acknowledgement (or closing) stops it for good; one that
-- arrives before the alert itself leaves a row that keeps the alert from ever starting a clock.
create table alert_escalation (
    incident_id         uuid primary key,
    school_id           text        not null,
    raised_event_id     text,
    category            text,
    severity            text,
    immediate_risk      boolean     not null default false,
    routed_to           text,
    concerns_staff_id   text,
    raised_at           timestamptz,
    out_of_hours        boolean     not null default false,
    window_s            integer,
    steps_fired         integer     not null default 0,
    undeliverable_steps integer     not null default 0,
    next_step_at        timestamptz,
    status              text        not null check (status in ('OPEN', 'ACKNOWLEDGED', 'CLOSED')),
    stopped_by          text,
    stopped_at          timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0
);
create index alert_escalation_due on alert_escalation (next_step_at) where status = 'OPEN';
create index alert_escalation_school on alert_escalation (school_id, created_at desc);
