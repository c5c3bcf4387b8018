-- incident-service schema: safeguarding concerns, their append-only and hash-chained chronology (R15), and the
-- access audit of every read of a concern.

-- A concern's facts and current state. The narrative is not here: it is the first entry of the chronology, so that
-- the hash chain covers it.
create table incident (
    id                 uuid primary key,
    school_id          text        not null,
    category           text        not null,
    severity           text        not null,
    immediate_risk     boolean     not null,
    session_id         uuid,
    occurred_at        timestamptz not null,
    routed_to          text        not null,
    concerns_staff_id  text,
    status             text        not null,
    outcome            text,
    raised_by          text        not null,
    raised_at          timestamptz not null,
    acknowledged_by    text,
    acknowledged_at    timestamptz,
    closed_at          timestamptz,
    -- The chain's head, so that an entry removed from its end is detected too.
    last_entry_seq     integer     not null,
    last_entry_hash    text        not null,
    version            bigint      not null default 0,
    constraint incident_staff_conduct_names_staff check ((category = 'STAFF_CONDUCT') = (concerns_staff_id is not null))
);
-- The DSL's list: immediate risk first, newest first.
create index incident_school_queue on incident (school_id, immediate_risk desc, raised_at desc);
create index incident_raised_by on incident (raised_by);

create table incident_pupil (
    incident_id  uuid    not null references incident (id),
    position     integer not null,
    pupil_id     uuid    not null,
    primary key (incident_id, position),
    constraint incident_pupil_unique unique (incident_id, pupil_id)
);
create index incident_pupil_pupil on incident_pupil (pupil_id);

-- Every entry of every concern's chronology, in order. Never updated or deleted: a correction is a new entry.
-- Each entry carries the SHA-256 of its canonical form, which includes the previous entry's hash.
create table chronology_entry (
    id             uuid primary key,
    incident_id    uuid        not null references incident (id),
    school_id      text        not null,
    seq            integer     not null,
    kind           text        not null,
    recorded_by    text        not null,
    recorded_at    timestamptz not null,
    occurred_at    timestamptz,
    details        text        not null,
    previous_hash  text        not null,
    hash           text        not null,
    constraint chronology_entry_seq_unique unique (incident_id, seq)
);

create function chronology_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'chronology_entry is append-only: % is not allowed', tg_op;
end;
$$;
create trigger chronology_entry_no_update before update or delete on chronology_entry
    for each row execute function chronology_entry_append_only();

-- Who read which concern, when and why. Append-only too.
create table access_audit (
    id           uuid primary key,
    seq          bigserial   not null unique,
    school_id    text        not null,
    incident_id  uuid        not null references incident (id),
    actor        text        not null,
    actor_roles  text        not null,
    action       text        not null,
    reason       text        not null,
    accessed_at  timestamptz not null
);
create index access_audit_school on access_audit (school_id, seq);
create index access_audit_incident on access_audit (incident_id, seq);
create index access_audit_actor on access_audit (actor, seq);

create function access_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only: % is not allowed', tg_op;
end;
$$;
create trigger access_audit_no_update before update or delete on access_audit
    for each row execute function access_audit_append_only();
