-- A school's own wording of a message, in place of the built-in template: the letter (subject line and plain text;
-- the HTML e-mail is made from it) or the short text of SMS and app push. Checked when it is saved; if it still
-- fails to render, the built-in one is sent instead, so that a template never stops an alert.
create table message_template (
    school_id    text        not null,
    message_kind text        not null,
    part         text        not null check (part in ('LETTER', 'SHORT')),
    body         text        not null,
    updated_by   text        not null,
    updated_at   timestamptz not null,
    version      bigint      not null default 0,
    primary key (school_id, message_kind, part)
);
