-- consent-service schema: pupils, guardians and their links, consent requests, and the append-only
-- history of consent decisions.

create table pupil (
    id             uuid primary key,
    school_id      text        not null,
    mis_id         text        not null,
    upn            text        not null,
    given_name     text        not null,
    family_name    text        not null,
    date_of_birth  date        not null,
    class_name     text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint      not null default 0,
    constraint pupil_mis_id_unique unique (school_id, mis_id),
    constraint pupil_upn_unique unique (school_id, upn)
);
create index pupil_school_class on pupil (school_id, class_name);

create table guardian (
    id           uuid primary key,
    school_id    text        not null,
    mis_id       text        not null,
    given_name   text        not null,
    family_name  text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    constraint guardian_mis_id_unique unique (school_id, mis_id)
);

-- Who may consent for whom: parental responsibility, and any restriction (e.g. a court order) that removes it.
create table guardian_link (
    id                       uuid primary key,
    school_id                text        not null,
    pupil_id                 uuid        not null references pupil (id),
    guardian_id              uuid        not null references guardian (id),
    relationship             text        not null,
    parental_responsibility  boolean     not null,
    restriction              text        not null,
    updated_at               timestamptz not null,
    version                  bigint      not null default 0,
    constraint guardian_link_unique unique (pupil_id, guardian_id)
);
create index guardian_link_guardian on guardian_link (guardian_id);

create table consent_request (
    id                 uuid primary key,
    school_id          text        not null,
    purpose            text        not null,
    scope              text        not null,
    session_id         uuid,
    recording_purpose  text,
    retention_days     integer,
    expires_at         timestamptz,
    respond_by         timestamptz,
    requested_by       text        not null,
    requested_at       timestamptz not null
);

create table consent_request_pupil (
    request_id  uuid not null references consent_request (id),
    pupil_id    uuid not null references pupil (id),
    primary key (request_id, pupil_id)
);
create index consent_request_pupil_pupil on consent_request_pupil (pupil_id);

-- Every decision ever made, in order. Never updated or deleted: a withdrawal or an expiry is a new row.
create table consent_decision (
    id                    uuid primary key,
    seq                   bigserial   not null unique,
    school_id             text        not null,
    pupil_id              uuid        not null references pupil (id),
    guardian_id           uuid        not null references guardian (id),
    purpose               text        not null,
    scope                 text        not null,
    session_id            uuid,
    decision              text        not null,
    request_id            uuid references consent_request (id),
    supersedes_id         uuid references consent_decision (id),
    recording_purpose     text,
    retention_days        integer,
    expires_at            timestamptz,
    channel               text,
    evidence_reference    text,
    evidence_received_at  timestamptz,
    evidence_sha256       text,
    recorded_by           text        not null,
    decided_at            timestamptz not null
);
create index consent_decision_pupil on consent_decision (pupil_id, purpose, seq);
create index consent_decision_expiring on consent_decision (expires_at) where decision = 'GRANTED' and expires_at is not null;

create function consent_decision_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_decision is append-only: % is not allowed', tg_op;
end;
$$;
create trigger consent_decision_no_update before update or delete on consent_decision
    for each row execute function consent_decision_append_only();
