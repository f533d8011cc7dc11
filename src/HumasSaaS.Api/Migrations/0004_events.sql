-- Events (issue 4): one entity row per event (state + version, compare-and-swap), and its large child
-- collections as rows keyed by the event: participants, check-ins (one per participant per day), materials.
-- The children change only through the Event entity's methods (src/HumasSaaS.Api/Events/Event.cs).
CREATE TABLE events (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    version    integer NOT NULL CHECK (version > 0),
    state      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX events_first_day ON events (tenant_id, ((state ->> 'firstDay')));

CREATE TABLE event_participants (
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    event_id        uuid NOT NULL,
    id              uuid NOT NULL,
    code            text NOT NULL CHECK (code ~ '^[A-Z0-9]{8}$'),
    name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 150),
    institution     text CHECK (char_length(institution) <= 200),
    position        text CHECK (char_length(position) <= 150),
    category        text NOT NULL CHECK (char_length(category) <= 40),
    phone           text CHECK (char_length(phone) <= 30),
    email           text CHECK (char_length(email) <= 254),
    attendance_mode text NOT NULL CHECK (attendance_mode IN ('in_person', 'online')),
    source          text NOT NULL CHECK (source IN ('invitation', 'registration', 'import', 'walk_in')),
    is_vip          boolean NOT NULL DEFAULT false,
    precedence_code text CHECK (char_length(precedence_code) <= 60),
    represents      text CHECK (char_length(represents) <= 200),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code),
    UNIQUE (tenant_id, event_id, id),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id)
);
CREATE UNIQUE INDEX event_participants_email ON event_participants (tenant_id, event_id, lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX event_participants_phone ON event_participants (tenant_id, event_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX event_participants_name ON event_participants (tenant_id, event_id, lower(name));

-- Idempotent check-in: the key makes a second scan (on any instance) a no-op ("sudah hadir").
CREATE TABLE event_checkins (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    event_id       uuid NOT NULL,
    participant_id uuid NOT NULL,
    day            integer NOT NULL CHECK (day BETWEEN 1 AND 14),
    method         text NOT NULL CHECK (method IN ('qr', 'code', 'name', 'walk_in')),
    checked_in_at  timestamptz NOT NULL DEFAULT now(),
    checked_in_by  text NOT NULL,
    PRIMARY KEY (tenant_id, event_id, participant_id, day),
    FOREIGN KEY (tenant_id, event_id, participant_id) REFERENCES event_participants (tenant_id, event_id, id)
);

CREATE TABLE event_materials (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    event_id     uuid NOT NULL,
    id           uuid NOT NULL,
    title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    file_name    text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
    blob_name    text NOT NULL,
    content_type text NOT NULL,
    length       bigint NOT NULL,
    sha256       text NOT NULL,
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    uploaded_by  text NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, event_id) REFERENCES events (tenant_id, id)
);

CALL app_enable_tenant_rls('events');
CALL app_enable_tenant_rls('event_participants');
CALL app_enable_tenant_rls('event_checkins');
CALL app_enable_tenant_rls('event_materials');
