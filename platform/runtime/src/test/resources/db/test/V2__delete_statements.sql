-- Records every DELETE statement on the platform tables: how many rows it removed and in which transaction,
-- so that HousekeepingTest sees for itself that housekeeping deletes in bounded batches, one transaction each.
create table delete_statement (
    n          bigserial primary key,
    table_name text    not null,
    txid       bigint  not null,
    row_count  integer not null
);

create function record_delete_statement() returns trigger language plpgsql as $$
begin
    insert into delete_statement (table_name, txid, row_count)
    select tg_table_name, txid_current(), count(*) from gone;
    return null;
end
$$;

create trigger outbox_event_deletes after delete on outbox_event
    referencing old table as gone for each statement execute function record_delete_statement();
create trigger inbox_event_deletes after delete on inbox_event
    referencing old table as gone for each statement execute function record_delete_statement();
create trigger idempotency_record_deletes after delete on idempotency_record
    referencing old table as gone for each statement execute function record_delete_statement();
