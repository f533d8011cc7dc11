using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using HumasSaaS.Tests.Infrastructure;
using Npgsql;

namespace HumasSaaS.Benchmarks;

/// <summary>
/// EXPLAIN (ANALYZE, BUFFERS) of the request path's hot queries at 100 times the demo's size: 100 events of 75
/// participants plus one event of 7,500 participants all checked in on day 1, 500 verified partners, 100 times the
/// demo's members and tokens. Each query runs as the application role inside a tenant transaction (so the RLS policy
/// is part of the plan), or as the migration role where the SECURITY DEFINER functions run it, and is rolled back.
/// Plans are printed; the table gets each query's execution time and buffers.
/// </summary>
public static partial class ExplainScenarios
{
    private const string EventsTenant = "kubu-raya";
    private const string PartnerTenant = "minahasa";

    public static async Task RunAsync(ApiProcess api, TestDatabase database, ResultTable table)
    {
        await SeedAsync(api, database);

        await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        var kubuRaya = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM tenants WHERE slug = @EventsTenant", new { EventsTenant });
        var minahasa = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM tenants WHERE slug = @PartnerTenant", new { PartnerTenant });
        await owner.ExecuteAsync("SELECT set_config('app.tenant_id', @t, false)", new { t = kubuRaya.ToString() });
        var bigEvent = await owner.ExecuteScalarAsync<Guid>(
            "SELECT event_id FROM event_participants GROUP BY event_id ORDER BY count(*) DESC LIMIT 1");
        var newcomer = await owner.ExecuteScalarAsync<string>(
            "SELECT p.code FROM event_participants p WHERE p.event_id = @bigEvent AND NOT EXISTS (SELECT 1 FROM event_checkins c WHERE c.participant_id = p.id AND c.day = 1) LIMIT 1",
            new { bigEvent });
        var (userId, tokenId, tokenHash) = await owner.QuerySingleAsync<(Guid, Guid, byte[])>(
            "SELECT m.user_id, t.id, t.secret_hash FROM tenant_memberships m JOIN api_tokens t ON t.tenant_id = m.tenant_id WHERE m.tenant_id = @kubuRaya LIMIT 1",
            new { kubuRaya });
        await owner.ExecuteAsync("RESET app.tenant_id");

        var sizes = await owner.QuerySingleAsync<(long Events, long Participants, long CheckIns, long Partners, long Memberships, long Tokens, long Users)>(
            """
            SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_participants), (SELECT count(*) FROM event_checkins),
                   (SELECT count(*) FROM media_partners), (SELECT count(*) FROM tenant_memberships), (SELECT count(*) FROM api_tokens), (SELECT count(*) FROM users)
            """);
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of the hot queries; rows in the database (all tenants, counted as the migration role): " +
                          $"events {sizes.Events}, participants {sizes.Participants}, check-ins {sizes.CheckIns}, media partners {sizes.Partners}, " +
                          $"memberships {sizes.Memberships}, API tokens {sizes.Tokens}, users {sizes.Users}.");
        Console.WriteLine("Indexes on the tables used: ");
        foreach (var line in await owner.QueryAsync<string>(
                     """
                     SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'
                       AND tablename IN ('events', 'event_participants', 'event_checkins', 'media_partners', 'tenant_memberships', 'api_tokens', 'users', 'tenants')
                     ORDER BY tablename, indexname
                     """))
            Console.WriteLine("  " + line);

        var queries = new (string Name, Guid? Tenant, string Sql, object Param)[]
        {
            ("tenant by slug (cache miss only)", null,
                "SELECT id, slug, official_name, kind, province, office_unit_name, status, created_at FROM tenants WHERE slug = @slug", new { slug = EventsTenant }),
            ("token verification (inside app_verify_api_token, migration role)", null,
                "SELECT t.tenant_id, t.name, t.role, t.expires_at FROM api_tokens t WHERE t.id = @tokenId AND t.secret_hash = @tokenHash AND t.revoked_at IS NULL AND t.expires_at > now()",
                new { tokenId, tokenHash }),
            ("security stamp (cookie check, cache miss only)", null,
                "SELECT id, email, display_name, is_platform_operator, security_stamp FROM users WHERE id = @userId", new { userId }),
            ("user's tenants (inside app_user_tenants, migration role)", null,
                """
                SELECT t.id, t.slug, t.official_name, m.role FROM tenant_memberships m JOIN tenants t ON t.id = m.tenant_id
                WHERE m.user_id = @userId AND t.status = 'active' ORDER BY t.official_name, m.role
                """, new { userId }),
            ("membership roles (every cookie request to a tenant endpoint)", kubuRaya,
                "SELECT role FROM tenant_memberships WHERE tenant_id = @tenant AND user_id = @userId", new { tenant = kubuRaya, userId }),
            ("event list (GET /api/v1/events)", kubuRaya,
                """
                SELECT e.id, e.state::text AS state, (SELECT count(*) FROM event_participants p WHERE p.tenant_id = e.tenant_id AND p.event_id = e.id) AS participants
                FROM events e
                WHERE (@from::text IS NULL OR e.state ->> 'firstDay' >= @from::text OR (e.state -> 'days' ->> -1) >= @from::text)
                  AND (@to::text IS NULL OR e.state ->> 'firstDay' <= @to::text)
                ORDER BY e.state ->> 'firstDay' DESC, e.id
                LIMIT 500
                """, new { from = (string?)null, to = (string?)null }),
            ("check-in: the event read FOR SHARE", kubuRaya,
                "SELECT id, version, state::text AS state FROM events WHERE tenant_id = @tenant AND id = @bigEvent FOR SHARE", new { tenant = kubuRaya, bigEvent }),
            ("check-in: find, insert and count present_before (7,500 present)", kubuRaya,
                """
                WITH p AS (
                    SELECT id, code, name, institution FROM event_participants WHERE tenant_id = @tenant AND code = @code AND event_id = @eventId
                ), ins AS (
                    INSERT INTO event_checkins (tenant_id, event_id, participant_id, day, method, checked_in_by)
                    SELECT @tenant, @eventId, p.id, @day, 'code', 'uji' FROM p
                    ON CONFLICT DO NOTHING
                    RETURNING checked_in_at
                )
                SELECT p.id, p.code, p.name, p.institution,
                       (SELECT checked_in_at FROM ins) AS inserted_at,
                       (SELECT c.checked_in_at FROM event_checkins c
                        WHERE c.tenant_id = @tenant AND c.event_id = @eventId AND c.participant_id = p.id AND c.day = @day) AS existing_at,
                       (SELECT count(*)::int FROM event_checkins c WHERE c.tenant_id = @tenant AND c.event_id = @eventId AND c.day = @day) AS present_before
                FROM p
                """, new { tenant = kubuRaya, code = newcomer, eventId = bigEvent, day = 1 }),
            ("check-in: present count of a day (already present)", kubuRaya,
                "SELECT count(*)::int FROM event_checkins WHERE tenant_id = @tenant AND event_id = @bigEvent AND day = @day", new { tenant = kubuRaya, bigEvent, day = 1 }),
            ("500-partner listing (GET /api/v1/media-partners?status=verified)", minahasa,
                """
                SELECT id, version, company_id, state ->> 'companyName', state -> 'profile' ->> 'mediaName', state -> 'profile' ->> 'mediaType', status,
                       CASE WHEN status = 'verified' THEN state -> 'decision' ->> 'grade' END,
                       (state ->> 'submittedAt')::timestamptz, jsonb_typeof(state -> 'announcement') = 'object'
                FROM media_partners
                WHERE (@status::text IS NULL OR status = @status) AND (@mediaType::text IS NULL OR state -> 'profile' ->> 'mediaType' = @mediaType)
                ORDER BY state -> 'profile' ->> 'mediaName', id
                """, new { status = "verified", mediaType = (string?)null }),
        };

        foreach (var (name, tenant, sql, param) in queries)
        {
            // Twice: the first run warms the cache; the second is the one printed (a steady-state request).
            string plan = "";
            for (var run = 0; run < 2; run++)
                plan = tenant is { } t ? await ExplainAsAppAsync(database, t, sql, param) : await ExplainAsOwnerAsync(database, sql, param);
            Console.WriteLine();
            Console.WriteLine($"--- {name}{(tenant is null ? "" : " [app role, tenant transaction, RLS]")}");
            Console.WriteLine(plan);
            var time = Regex.Match(plan, @"Execution Time: ([\d.]+) ms");
            var hits = Regex.Matches(plan, @"Buffers: shared hit=(\d+)").Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).First();
            table.Add("EXPLAIN: " + name, "execution", time.Success ? time.Groups[1].Value + " ms" : "?", $"top node: {hits} shared buffers hit");
        }
    }

    private static async Task<string> ExplainAsAppAsync(TestDatabase database, Guid tenant, string sql, object param)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.tenant_id', @t, true)", new { t = tenant.ToString() }, tx);
        var plan = await connection.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, param, tx);
        await tx.RollbackAsync();
        return string.Join('\n', plan);
    }

    private static async Task<string> ExplainAsOwnerAsync(TestDatabase database, string sql, object param)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var plan = await connection.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS) " + sql, param, tx);
        await tx.RollbackAsync();
        return string.Join('\n', plan);
    }

    /// <summary>100 times the demo: events, participants and check-ins in Kubu Raya, 500 verified partners, members and tokens.</summary>
    private static async Task SeedAsync(ApiProcess api, TestDatabase database)
    {
        await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        await owner.ExecuteAsync("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = @PartnerTenant), false)", new { PartnerTenant });
        var partners = await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM media_partners WHERE status = 'verified'");
        if (partners < 500)
        {
            using var admin = await api.SignedInClientAsync("admin@minahasa.demo.humassaas.id", PartnerTenant);
            await MediaPartnerScenarios.SeedVerifiedPartnersAsync(api, database, admin, PartnerTenant, 500);
        }

        await owner.ExecuteAsync("SELECT set_config('app.tenant_id', (SELECT id::text FROM tenants WHERE slug = @EventsTenant), false)", new { EventsTenant });
        if (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM events") >= 100) return;
        // 99 copies of the demo event, each with copies of its 75 participants. Codes must be unique per tenant: the
        // generated ones start with 0, which the application's alphabet never uses.
        await owner.ExecuteAsync(
            """
            CREATE TEMP TABLE demo_event AS SELECT * FROM events ORDER BY updated_at LIMIT 1;
            CREATE TEMP TABLE copies AS SELECT n, gen_random_uuid() AS id FROM generate_series(1, 99) n;
            INSERT INTO events (tenant_id, id, version, state, updated_by)
            SELECT d.tenant_id, c.id, d.version,
                   jsonb_set(d.state, '{firstDay}', to_jsonb(((d.state ->> 'firstDay')::date - c.n * 7)::text)), d.updated_by
            FROM demo_event d CROSS JOIN copies c;
            INSERT INTO event_participants (tenant_id, event_id, id, code, name, institution, position, category, phone, email,
                                            attendance_mode, source, is_vip, precedence_code, represents, created_by)
            SELECT p.tenant_id, c.id, gen_random_uuid(), '0A' || upper(lpad(to_hex(row_number() OVER ()), 6, '0')), p.name, p.institution, p.position,
                   p.category, p.phone, p.email, p.attendance_mode, p.source, p.is_vip, p.precedence_code, p.represents, p.created_by
            FROM event_participants p JOIN demo_event d ON d.id = p.event_id CROSS JOIN copies c;
            """, commandTimeout: 600);
        // One large event: 100 times the demo event's 75 participants, all checked in on day 1 (but one), half on day 2.
        await owner.ExecuteAsync(
            """
            CREATE TEMP TABLE big AS SELECT gen_random_uuid() AS id;
            INSERT INTO events (tenant_id, id, version, state, updated_by)
            SELECT d.tenant_id, b.id, d.version, jsonb_set(d.state, '{capacity}', '8000'), d.updated_by FROM demo_event d CROSS JOIN big b;
            INSERT INTO event_participants (tenant_id, event_id, id, code, name, institution, position, category, attendance_mode, source, created_by)
            SELECT d.tenant_id, b.id, gen_random_uuid(), '0B' || upper(lpad(to_hex(n), 6, '0')), 'Peserta Uji ' || n, 'Instansi Uji ' || (n % 40),
                   'Staf', 'opd', 'in_person', 'import', 'uji'
            FROM demo_event d CROSS JOIN big b CROSS JOIN generate_series(1, 7500) n;
            INSERT INTO event_checkins (tenant_id, event_id, participant_id, day, method, checked_in_at, checked_in_by)
            SELECT p.tenant_id, p.event_id, p.id, d.day, 'qr', now(), 'uji'
            FROM event_participants p JOIN big b ON b.id = p.event_id
                 CROSS JOIN (VALUES (1), (2)) d(day)
            WHERE (d.day = 1 AND p.name <> 'Peserta Uji 1') OR (d.day = 2 AND p.name LIKE '%0');
            """, commandTimeout: 600);

        // 100 times the demo's members and tokens, spread over the demo tenants.
        await owner.ExecuteAsync("RESET app.tenant_id");
        var tenants = (await owner.QueryAsync<Guid>("SELECT id FROM tenants")).ToList();
        foreach (var tenant in tenants)
        {
            await owner.ExecuteAsync("SELECT set_config('app.tenant_id', @t, false)", new { t = tenant.ToString() });
            await owner.ExecuteAsync(
                """
                CREATE TEMP TABLE IF NOT EXISTS people (id uuid, n int);
                TRUNCATE people;
                INSERT INTO people SELECT gen_random_uuid(), n FROM generate_series(1, 100) n;
                INSERT INTO users (id, email, email_normalized, display_name, password_hash, security_stamp)
                SELECT id, 'uji' || id || '@uji.id', 'UJI' || upper(id::text) || '@UJI.ID', 'Pengguna Uji ' || n, 'x', gen_random_uuid() FROM people;
                INSERT INTO tenant_memberships (tenant_id, user_id, role) SELECT @tenant, id, 'viewer' FROM people;
                INSERT INTO api_tokens (id, tenant_id, name, role, secret_hash, created_by, expires_at)
                SELECT gen_random_uuid(), @tenant, 'token uji ' || n, 'viewer', sha256(id::text::bytea), id, now() + interval '30 days' FROM people;
                """, new { tenant });
        }
        await owner.ExecuteAsync("RESET app.tenant_id; ANALYZE");
    }
}
