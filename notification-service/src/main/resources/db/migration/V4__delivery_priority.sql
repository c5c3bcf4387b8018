-- Safeguarding messages first: a DSL alert planned during a burst of 10,000 invites must not wait behind them.
-- 0 = an alert, an escalation or a terminated session (R12, R13, R17); 1 = everything else.
alter table delivery add column priority integer not null default 1;
update delivery set priority = 0
    where message_kind in ('INCIDENT_ALERT', 'INCIDENT_ESCALATION', 'SESSION_TERMINATED');
drop index delivery_due;
create index delivery_due on delivery (priority, next_attempt_at) where status = 'PENDING';
