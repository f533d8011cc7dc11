-- The tenant configuration: one versioned document per tenant (entity row), every version kept for history,
-- diffs and comparisons between tenants (study visits).
CREATE TABLE tenant_configurations (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL CHECK (id = tenant_id),
    version    integer NOT NULL CHECK (version > 0),
    state      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE tenant_configuration_versions (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    version          integer NOT NULL,
    state            jsonb NOT NULL,
    changed_sections text[] NOT NULL,
    author_id        uuid REFERENCES users (id),
    author_name      text NOT NULL,
    note             text CHECK (char_length(note) <= 1000),
    source_tenant_id uuid REFERENCES tenants (id),
    source_version   integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, version)
);

CALL app_enable_tenant_rls('tenant_configurations');
CALL app_enable_tenant_rls('tenant_configuration_versions');
