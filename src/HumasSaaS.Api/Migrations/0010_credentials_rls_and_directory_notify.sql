-- api_tokens and tenant_memberships carry tenant_id, so they are tenant tables like every other: RLS enabled
-- and forced, readable by the app role only inside a tenant transaction.
CALL app_enable_tenant_rls('tenant_memberships');
CALL app_enable_tenant_rls('api_tokens');

-- The two lookups that must cross tenants run as the migration role through the SECURITY DEFINER functions
-- below. FORCE applies to the owner too, so the owner gets its own policy on these two tables; the app role
-- (which owns nothing) only ever sees its tenant's rows.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY owner_lookup ON tenant_memberships TO %I USING (true) WITH CHECK (true)', current_user);
    EXECUTE format('CREATE POLICY owner_lookup ON api_tokens TO %I USING (true) WITH CHECK (true)', current_user);
END $$;

-- "Which tenants does this signed-in user belong to": active tenants and roles of one user, nothing else.
CREATE FUNCTION app_user_tenants(p_user_id uuid)
    RETURNS TABLE (tenant_id uuid, slug text, official_name text, role text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT t.id, t.slug, t.official_name, m.role
        FROM public.tenant_memberships m JOIN public.tenants t ON t.id = m.tenant_id
        WHERE m.user_id = p_user_id AND t.status = 'active'
        ORDER BY t.official_name, m.role
    $$;

-- "Verify this token": by id and SHA-256 of the secret; returns its tenant, name, role and expiry only when it is
-- valid now, and records last_used_at at most once a minute.
CREATE FUNCTION app_verify_api_token(p_id uuid, p_secret_hash bytea)
    RETURNS TABLE (tenant_id uuid, name text, role text, expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
    #variable_conflict use_column
    BEGIN
        RETURN QUERY
            SELECT t.tenant_id, t.name, t.role, t.expires_at FROM public.api_tokens t
            WHERE t.id = p_id AND t.secret_hash = p_secret_hash AND t.revoked_at IS NULL AND t.expires_at > now();
        IF FOUND THEN
            UPDATE public.api_tokens t SET last_used_at = now()
            WHERE t.id = p_id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute');
        END IF;
    END $$;

REVOKE ALL ON FUNCTION app_user_tenants(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION app_verify_api_token(uuid, bytea) FROM PUBLIC;

-- Every change to the tenant directory is announced, so each instance's in-memory directory reloads that tenant.
CREATE FUNCTION app_notify_tenant_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
    BEGIN
        PERFORM pg_notify('tenant_directory', COALESCE(NEW.id, OLD.id)::text);
        RETURN NULL;
    END $$;
CREATE TRIGGER tenants_notify AFTER INSERT OR UPDATE OR DELETE ON tenants
    FOR EACH ROW EXECUTE FUNCTION app_notify_tenant_change();
