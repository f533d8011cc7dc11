-- Platform tables (cross-tenant by design): the tenant directory, people, credentials.
CREATE TABLE tenants (
    id               uuid PRIMARY KEY,
    slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
    official_name    text NOT NULL CHECK (char_length(official_name) BETWEEN 3 AND 200),
    kind             text NOT NULL CHECK (kind IN ('kabupaten', 'kota', 'provinsi')),
    province         text NOT NULL CHECK (char_length(province) BETWEEN 3 AND 100),
    office_unit_name text NOT NULL CHECK (char_length(office_unit_name) BETWEEN 3 AND 200),
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id                   uuid PRIMARY KEY,
    email                text NOT NULL CHECK (char_length(email) <= 254),
    email_normalized     text NOT NULL UNIQUE,
    display_name         text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 150),
    password_hash        text NOT NULL,
    is_platform_operator boolean NOT NULL DEFAULT false,
    security_stamp       uuid NOT NULL,
    failed_sign_in_count integer NOT NULL DEFAULT 0,
    lockout_until        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now()
);

-- Memberships answer "which tenants may this person act in", asked before a tenant is chosen
-- (tenant switcher), so the table is platform-level; every read is filtered by user or tenant in code.
CREATE TABLE tenant_memberships (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    user_id    uuid NOT NULL REFERENCES users (id),
    role       text NOT NULL CHECK (role IN ('tenant_admin', 'verifier', 'protocol_officer', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, role)
);
CREATE INDEX tenant_memberships_user ON tenant_memberships (user_id);

-- API tokens are credentials looked up before the tenant is trusted; each is bound to one tenant.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    role         text NOT NULL CHECK (role IN ('tenant_admin', 'verifier', 'protocol_officer', 'viewer')),
    secret_hash  bytea NOT NULL,
    created_by   uuid NOT NULL REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id);

-- ASP.NET Core Data Protection key ring shared by every instance.
CREATE TABLE data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Tenant tables: every one carries tenant_id, has RLS enabled and forced (see the policy helper below).
CREATE FUNCTION app_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

-- Every tenant table calls this once: RLS on and forced (also for the owner), failing closed when
-- app.tenant_id is unset or empty.
CREATE PROCEDURE app_enable_tenant_rls(table_name text)
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', table_name);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', table_name);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', table_name);
END $$;

-- Entity tables share one shape: state + version, written by compare-and-swap.
CREATE TABLE tenant_profiles (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL CHECK (id = tenant_id),
    version    integer NOT NULL CHECK (version > 0),
    state      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE audit_events (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    entity_type text NOT NULL,
    entity_id   uuid NOT NULL,
    action      text NOT NULL,
    actor_id    uuid,
    actor_name  text,
    note        text,
    data        jsonb,
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_entity ON audit_events (tenant_id, entity_type, entity_id, id);

CALL app_enable_tenant_rls('tenant_profiles');
CALL app_enable_tenant_rls('audit_events');
