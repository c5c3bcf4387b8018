-- notification-service schema: contact points of guardians and staff (the only place they are kept), each
-- school's safeguarding rota, and one delivery row per message, recipient and channel.

-- Kept by school apps from the MIS. Addresses never leave this service except in the message itself.
create table contact_point (
    id               uuid primary key,
    school_id        text        not null,
    person_type      text        not null check (person_type in ('GUARDIAN', 'STAFF')),
    person_id        text        not null,
    email            text,
    mobile           text,
    app_webhook_url  text,
    updated_by       text        not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0,
    constraint contact_point_person unique (school_id, person_type, person_id)
);

-- Who is told what at a school: staff ids, whose contact points are above. The trust's safeguarding lead is a
-- setting of the service, not of a school.
create table safeguarding_rota (
    school_id           text primary key,
    dsl                 text        not null,
    deputy_dsls         text        not null,
    headteacher         text        not null,
    slt                 text        not null,
    out_of_hours_cover  text,
    updated_by          text        not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0
);

-- One row per message per recipient per channel, written in the consumer's transaction with its inbox row.
-- parameters holds what the template needs that is not secret (ids, times); sealed_secrets holds the join link
-- and passcode of an invite, AES-256-GCM encrypted, and is erased once the message is sent or given up.
-- Recipient addresses are not copied here: the sender reads the contact point when it sends.
create table delivery (
    id               uuid primary key,
    school_id        text        not null,
    event_id         text        not null,
    event_type       text        not null,
    message_kind     text        not null,
    subject_id       text        not null,
    recipient_type   text        not null check (recipient_type in ('GUARDIAN', 'STAFF', 'UNFILLED_ROLE')),
    recipient_id     text        not null,
    channel          text        not null check (channel in ('EMAIL', 'SMS', 'APP')),
    status           text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    last_error       text,
    parameters       text        not null,
    sealed_secrets   text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    sent_at          timestamptz,
    constraint delivery_once unique (event_id, recipient_type, recipient_id, channel)
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_school_created on delivery (school_id, created_at desc);
create index delivery_school_event on delivery (school_id, event_id);
