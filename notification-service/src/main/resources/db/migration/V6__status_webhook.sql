-- A school app's webhook for the status of the school's deliveries: one per school. The signing secret is made by
-- the service, shown once, and kept sealed (AES-256-GCM under the service's key, the school id as associated data).
create table status_webhook (
    school_id          text primary key,
    url                text        not null,
    sealed_secret      text        not null,
    secret_created_at  timestamptz not null,
    created_by         text        not null,
    created_at         timestamptz not null,
    updated_by         text        not null,
    updated_at         timestamptz not null,
    version            bigint      not null default 0
);

-- The status callbacks' outbox: a row per change of a delivery's status for a school with a webhook, written in the
-- transaction that changes the status (so it commits with it or not at all), then posted by the callback sender,
-- which claims due rows FOR UPDATE SKIP LOCKED with a lease (two replicas never post the same callback at once),
-- retries with backoff and jitter, and marks a row DEAD after its last attempt. Ids only: never an address.
-- The id is the callback id the school app sees, the same on every attempt, so that it can deduplicate.
create table status_callback (
    id                     uuid primary key,
    school_id              text        not null,
    delivery_id            uuid        not null,
    event_id               text        not null,
    message_kind           text        not null,
    subject_id             text        not null,
    channel                text        not null,
    recipient_type         text        not null,
    recipient_id           text        not null,
    delivery_status        text        not null check (delivery_status in ('SENT', 'RETRY_SCHEDULED', 'FAILED')),
    failure                text        check (failure in ('UNREACHABLE', 'ATTEMPTS_EXHAUSTED')),
    delivery_attempts      integer     not null,
    delivery_next_attempt  timestamptz,
    occurred_at            timestamptz not null,
    status                 text        not null check (status in ('PENDING', 'SENT', 'DEAD')),
    attempts               integer     not null default 0,
    next_attempt_at        timestamptz,
    last_error             text,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    sent_at                timestamptz
);
create index status_callback_due on status_callback (next_attempt_at) where status = 'PENDING';
create index status_callback_school on status_callback (school_id, created_at desc);
