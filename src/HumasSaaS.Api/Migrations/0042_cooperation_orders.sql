-- Media cooperation: publication orders (pesanan publikasi). Each order is a grain (PublicationOrderGrain) that owns its
-- state; this row is its projection for lists, dashboards and exports, written after each state write and keyed by the
-- grain's version. An order whose budget reservation is not yet confirmed has no row.
CREATE TABLE cooperation_orders (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    version        integer NOT NULL CHECK (version > 0),
    partner_id     uuid NOT NULL,
    company_id     uuid NOT NULL,
    status         text NOT NULL CHECK (status IN ('ordered', 'proof_submitted', 'proof_accepted', 'invoice_submitted', 'paid', 'cancelled')),
    fiscal_year    integer NOT NULL,
    amount         bigint NOT NULL CHECK (amount > 0),
    ordered_on     date NOT NULL,
    schedule_start date NOT NULL,
    schedule_end   date NOT NULL,
    proof_deadline date NOT NULL,
    state          jsonb NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cooperation_orders_by_status ON cooperation_orders (tenant_id, status, proof_deadline);
CREATE INDEX cooperation_orders_by_company ON cooperation_orders (tenant_id, company_id, ordered_on DESC);
CALL app_enable_tenant_rls('cooperation_orders');
