-- Study visits (issue 5): configuration sharing per section, share links, visit records.

-- Sharing per section of the configuration document (and 'statistics' for the anonymised figures).
-- Kept apart from the document so changing who sees a section does not make a configuration version.
-- scope: private (default when no row) < link (link holders) < platform (every tenant and link holders).
CREATE TABLE configuration_sharing (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    section    text NOT NULL CHECK (section IN ('documentChecklist', 'intakePeriods', 'grading', 'priceTable',
                                                'precedenceOverrides', 'eventTemplates', 'officeProfile', 'statistics')),
    scope      text NOT NULL CHECK (scope IN ('private', 'link', 'platform')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, section)
);
CALL app_enable_tenant_rls('configuration_sharing');
-- A second, read-only policy (permissive policies are OR-ed): any tenant may see which sections others share with
-- the platform. Writes stay under tenant_isolation (its WITH CHECK), so a tenant changes only its own rows.
CREATE POLICY shared_with_platform ON configuration_sharing FOR SELECT USING (scope = 'platform');

-- Read-only links for a delegation without accounts. Only a SHA-256 of the secret is stored; the token names its
-- tenant ("{tenantId:N}.{secret}") so the lookup runs inside that tenant's transaction under RLS.
CREATE TABLE configuration_share_links (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    label      text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
    token_hash bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hash)
);
CALL app_enable_tenant_rls('configuration_share_links');

-- Visit records (StudyVisit entity: state + version, compare-and-swap). The row belongs to the host (tenant_id);
-- when the visiting office is a tenant too, visitor_tenant_id names it and a read-only policy lets that tenant see
-- the row. No third tenant matches either policy. event_id is filled once the Events feature schedules the visit.
CREATE TABLE study_visits (
    tenant_id         uuid NOT NULL REFERENCES tenants (id),
    id                uuid NOT NULL,
    version           integer NOT NULL CHECK (version > 0),
    state             jsonb NOT NULL,
    visitor_tenant_id uuid REFERENCES tenants (id) CHECK (visitor_tenant_id IS DISTINCT FROM tenant_id),
    status            text GENERATED ALWAYS AS (state ->> 'status') STORED,
    scheduled_start   date,
    scheduled_end     date,
    event_id          uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        uuid REFERENCES users (id),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX study_visits_visitor ON study_visits (visitor_tenant_id) WHERE visitor_tenant_id IS NOT NULL;
CALL app_enable_tenant_rls('study_visits');
CREATE POLICY visiting_tenant_reads ON study_visits FOR SELECT USING (visitor_tenant_id = app_current_tenant());
