-- Personal data under UU 27/2022: retention per tenant and data kind (a missing row means the default in
-- PersonalData/RetentionPolicy.cs), and the register of data subjects' requests with their legal outcome.
CREATE TABLE personal_data_retention (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    data_kind      text NOT NULL CHECK (data_kind IN ('participant_contacts', 'journalist_identity', 'rejected_applications')),
    retention_days integer NOT NULL CHECK (retention_days BETWEEN 30 AND 3650),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    updated_by     uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, data_kind)
);
CALL app_enable_tenant_rls('personal_data_retention');

CREATE TABLE personal_data_requests (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('erasure', 'export')),
    subject_type   text NOT NULL CHECK (subject_type IN ('participant', 'journalist')),
    -- the event participant, or the media partner whose journalists' identity documents are concerned
    subject_id     uuid NOT NULL,
    requester_name text NOT NULL CHECK (char_length(requester_name) BETWEEN 1 AND 150),
    note           text CHECK (char_length(note) <= 1000),
    received_at    timestamptz NOT NULL DEFAULT now(),
    recorded_by    uuid REFERENCES users (id),
    status         text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'completed', 'refused')),
    legal_outcome  text CHECK (char_length(legal_outcome) <= 1000),
    decided_by     uuid REFERENCES users (id),
    decided_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    CHECK ((status = 'received') = (decided_at IS NULL)),
    CHECK (status = 'received' OR legal_outcome IS NOT NULL)
);
CREATE INDEX personal_data_requests_open ON personal_data_requests (tenant_id, received_at) WHERE status = 'received';
CALL app_enable_tenant_rls('personal_data_requests');
