-- scheduling-service schema: versioned school policy, staff register, sessions with their meeting security
-- profile, hosts, participants and invites, and the projection of consent decisions.

-- Each change of a school's policy is a new version; sessions record the version they were checked against.
create table school_policy (
    school_id   text        not null,
    version     integer     not null,
    settings    text        not null,
    changed_by  text        not null,
    changed_at  timestamptz not null,
    primary key (school_id, version)
);

-- Staff register, kept by school apps: the evidence behind rule R4.
create table staff_member (
    id                       uuid primary key,
    school_id                text        not null,
    staff_id                 text        not null,
    dbs_checked_on           date,
    safeguarding_trained_on  date,
    slt                      boolean     not null,
    headteacher              boolean     not null,
    updated_at               timestamptz not null,
    version                  bigint      not null default 0,
    constraint staff_member_unique unique (school_id, staff_id)
);

create table session (
    id                  uuid primary key,
    school_id           text        not null,
    kind                text        not null,
    title               text        not null,
    starts_at           timestamptz not null,
    ends_at             timestamptz not null,
    recorded            boolean     not null,
    status              text        not null,
    policy_version      integer     not null,
    join_url            text        not null unique,
    passcode_encrypted  text        not null,
    meeting_settings    text        not null,
    decided_by          text,
    decided_at          timestamptz,
    decision_reason     text,
    dispatched_at       timestamptz,
    created_by          text        not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0
);
create index session_school_start on session (school_id, starts_at);

create table session_host (
    session_id  uuid not null references session (id),
    staff_id    text not null,
    primary key (session_id, staff_id)
);

-- One row per invited pupil: the state of their invite and to whom it went.
create table session_participant (
    id            uuid primary key,
    session_id    uuid        not null references session (id),
    school_id     text        not null,
    pupil_id      uuid        not null,
    invite_state  text        not null,
    invite_id     uuid,
    guardian_ids  text,
    reasons       text,
    updated_at    timestamptz not null,
    version       bigint      not null default 0,
    constraint session_participant_unique unique (session_id, pupil_id)
);
create index session_participant_pupil on session_participant (pupil_id);

-- The latest decision of each guardian on each consent line (pupil, purpose, scope, session), as announced
-- by consent-service. Out-of-order events are resolved by decision time, then consent id.
create table consent_line (
    pupil_id     uuid        not null,
    purpose      text        not null,
    guardian_id  uuid        not null,
    scope        text        not null,
    line_session uuid        not null,
    school_id    text        not null,
    decision     text        not null,
    consent_id   uuid        not null,
    decided_at   timestamptz not null,
    expires_at   timestamptz,
    updated_at   timestamptz not null,
    primary key (pupil_id, purpose, guardian_id, scope, line_session)
);

-- Which school a pupil belongs to, as consent events tell: a pupil of another school is refused.
create table known_pupil (
    pupil_id   uuid primary key,
    school_id  text not null
);
