create table probe_record (
    id        uuid primary key,
    school_id text not null,
    label     text not null
);
create table applied_effect (
    event_id text not null,
    applied_at timestamptz not null default now()
);
