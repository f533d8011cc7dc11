-- Grains keep the SQL tables current after each state write (projections). A projection may be applied again after a
-- crash between the state write and the SQL write, so every row it writes is keyed: audit rows by the entity's version
-- and their position in that change, outbox rows by partner and kind and the date they were due.
ALTER TABLE audit_events ADD COLUMN entity_version integer, ADD COLUMN entity_seq integer;
CREATE UNIQUE INDEX audit_events_entity_change ON audit_events (tenant_id, entity_type, entity_id, entity_version, entity_seq)
    WHERE entity_version IS NOT NULL;

ALTER TABLE notification_outbox ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX notification_outbox_dedupe ON notification_outbox (tenant_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
