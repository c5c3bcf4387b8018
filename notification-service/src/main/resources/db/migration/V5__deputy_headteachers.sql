-- R3: a one-to-one session is approved by the Headteacher or a deputy head, so the approval request goes to all of
-- them. Staff ids separated by spaces, like the other lists of the rota; empty for a school without deputies.
alter table safeguarding_rota add column deputy_headteachers text not null default '';
