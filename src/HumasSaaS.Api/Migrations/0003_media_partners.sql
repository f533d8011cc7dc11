-- Media partner registry (issue 3).
-- Platform tables (cross-tenant by design): media companies and their vendor accounts.
CREATE TABLE media_companies (
    id         uuid PRIMARY KEY,
    name       text NOT NULL CHECK (char_length(name) BETWEEN 3 AND 200),
    created_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A vendor account belongs to exactly one company; vendors are never tenant members.
CREATE TABLE media_company_users (
    company_id uuid NOT NULL REFERENCES media_companies (id),
    user_id    uuid NOT NULL UNIQUE REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, user_id)
);

-- Which tenants a company has applied to (lets the vendor portal list them; holds no tenant data). Platform table:
-- the column is deliberately not called tenant_id (every tenant_id table must have RLS).
CREATE TABLE media_company_applications (
    company_id         uuid NOT NULL REFERENCES media_companies (id),
    applied_tenant_id  uuid NOT NULL REFERENCES tenants (id),
    partner_id         uuid NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (company_id, applied_tenant_id)
);

-- The MediaPartner entity (state + version, compare-and-swap). company_id and status are derived from the state
-- so they can be indexed and constrained (one partner per company per tenant) without a second write path.
CREATE TABLE media_partners (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    version    integer NOT NULL CHECK (version > 0),
    state      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    company_id uuid GENERATED ALWAYS AS ((state ->> 'companyId')::uuid) STORED NOT NULL REFERENCES media_companies (id),
    status     text GENERATED ALWAYS AS (state ->> 'status') STORED,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, company_id)
);
CREATE INDEX media_partners_status ON media_partners (tenant_id, status);

-- Documents: child rows of the partner, written only through the MediaPartner entity (same transaction as its
-- version bump). Every upload is a new row; the earlier one becomes 'superseded' and stays as history.
CREATE TABLE media_partner_documents (
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    id              uuid NOT NULL,
    partner_id      uuid NOT NULL,
    item_code       text NOT NULL CHECK (char_length(item_code) BETWEEN 1 AND 60),
    revision        integer NOT NULL CHECK (revision > 0),
    state           text NOT NULL CHECK (state IN ('current', 'superseded')),
    blob_name       text NOT NULL,
    file_name       text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
    content_type    text NOT NULL,
    length          bigint NOT NULL CHECK (length > 0),
    sha256          text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 100),
    source          text,
    valid_until     date,
    expiry_state    text NOT NULL DEFAULT 'valid' CHECK (expiry_state IN ('valid', 'expiring_soon', 'expired')),
    review          text CHECK (review IN ('accepted', 'rejected')),
    review_note     text CHECK (char_length(review_note) <= 1000),
    reviewed_by     text,
    reviewed_at     timestamptz,
    uploaded_by     uuid REFERENCES users (id),
    uploaded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, partner_id) REFERENCES media_partners (tenant_id, id),
    UNIQUE (tenant_id, blob_name),
    UNIQUE (tenant_id, partner_id, idempotency_key),
    UNIQUE (tenant_id, partner_id, item_code, revision)
);
CREATE UNIQUE INDEX media_partner_documents_current ON media_partner_documents (tenant_id, partner_id, item_code) WHERE state = 'current';
CREATE INDEX media_partner_documents_expiry ON media_partner_documents (tenant_id, valid_until) WHERE state = 'current' AND valid_until IS NOT NULL;

-- Reminders waiting to be sent (sending email comes later). One row per document and kind.
CREATE TABLE notification_outbox (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    kind        text NOT NULL,
    partner_id  uuid,
    document_id uuid,
    company_id  uuid,
    subject     text NOT NULL,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, document_id, kind)
);

CALL app_enable_tenant_rls('media_partners');
CALL app_enable_tenant_rls('media_partner_documents');
CALL app_enable_tenant_rls('notification_outbox');
