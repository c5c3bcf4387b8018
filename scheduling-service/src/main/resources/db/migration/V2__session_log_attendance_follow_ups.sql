-- The session log (R11): what actually happened, who was there, what went wrong; attendance per pupil; and a
-- follow-up for each pupil who did not join, open until someone records its outcome.

alter table session add column started_at timestamptz;
alter table session add column ended_at timestamptz;
alter table session add column staff_present text;
alter table session add column issues text;
alter table session add column terminated_by_incident uuid;

create table attendance (
    id           uuid primary key,
    session_id   uuid        not null references session (id),
    school_id    text        not null,
    pupil_id     uuid        not null,
    status       text        not null,
    joined_at    timestamptz,
    left_at      timestamptz,
    note         text,
    recorded_by  text        not null,
    recorded_at  timestamptz not null,
    constraint attendance_unique unique (session_id, pupil_id)
);

create table follow_up (
    id           uuid primary key,
    session_id   uuid        not null references session (id),
    school_id    text        not null,
    pupil_id     uuid        not null,
    raised_at    timestamptz not null,
    outcome      text,
    closed_by    text,
    closed_at    timestamptz,
    version      bigint      not null default 0,
    constraint follow_up_unique unique (session_id, pupil_id)
);
create index follow_up_open on follow_up (school_id) where closed_at is null;
