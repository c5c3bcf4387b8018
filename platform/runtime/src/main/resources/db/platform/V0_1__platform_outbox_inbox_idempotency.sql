-- Platform tables shared by every service, created in the service's own schema.
-- Versions 0.x belong to platform/runtime; a service's own migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change it announces,
-- published to Kafka by the relay after commit, or by the poller if that publish was missed.
create table outbox_event (
    seq           bigserial primary key,
    id            uuid        not null unique,
    topic         text        not null,
    record_key    text        not null,
    type          text        not null,
    source        text        not null,
    subject       text        not null,
    school_id     text        not null,
    event_time    timestamptz not null,
    data_schema   text        not null,
    data          text        not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    attempts      integer     not null default 0,
    last_error    text
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- Inbox: one row per event a consumer has applied, written in the same transaction as the effect.
create table inbox_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Idempotency-Key: the first response to a key, replayed for a repeated request.
create table idempotency_record (
    caller        text        not null,
    idem_key      text        not null,
    operation     text        not null,
    request_hash  text        not null,
    status        integer,
    response_body text,
    created_at    timestamptz not null default now(),
    primary key (caller, idem_key)
);
