-- A pupil's child-protection file: pupils linked to a concern after it was raised (the link itself is a chronology
-- entry; this table only lets a pupil's concerns be found), the pupil reference kept here for retention (R16), each
-- concern's retention date, and reads of a pupil's file in the access audit.

-- Pupils linked to a concern by a PUPIL_LINKED chronology entry. Never removed: a link made in error is answered by a
-- new entry, as every correction is.
create table incident_linked_pupil (
    incident_id  uuid not null references incident (id),
    pupil_id     uuid not null,
    primary key (incident_id, pupil_id)
);
create index incident_linked_pupil_pupil on incident_linked_pupil (pupil_id);

-- What this service knows of a pupil for retention: their date of birth, from the school app or office, or sent with a
-- concern. One per school and pupil; the school app's or office's record replaces one sent with a concern, never the
-- other way round.
create table pupil_reference (
    id             uuid primary key,
    school_id      text        not null,
    pupil_id       uuid        not null,
    date_of_birth  date        not null,
    source         text        not null,
    recorded_by    text        not null,
    recorded_at    timestamptz not null,
    constraint pupil_reference_school_pupil unique (school_id, pupil_id)
);

-- R16: a child-protection record is kept until the pupil's date of birth + 25 years (the youngest pupil's, when it
-- names several), then reviewed. Unknown (null) with the reason in retention_basis until every date of birth is known.
alter table incident add column retention_until date;
alter table incident add column retention_basis text;
update incident i set retention_basis = case
    when exists (select 1 from incident_pupil p where p.incident_id = i.id) then 'DATE_OF_BIRTH_UNKNOWN'
    else 'NO_PUPIL_NAMED' end;
alter table incident alter column retention_basis set not null;
create index incident_retention_review on incident (school_id, retention_until);

-- A read of a pupil's chronology or file is audited per concern, with the pupil; a read that found no concern is
-- audited against the pupil alone.
alter table access_audit add column pupil_id uuid;
alter table access_audit alter column incident_id drop not null;
alter table access_audit add constraint access_audit_names_what_was_read
    check (incident_id is not null or pupil_id is not null);
create index access_audit_pupil on access_audit (pupil_id, seq);
