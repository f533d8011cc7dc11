-- Media cooperation: the publication budget (pagu) per tenant and fiscal year. The budget grain owns it (grain state);
-- these rows are its projection for dashboards, lists and exports, written after each state write and keyed by the
-- grain's version, so writing them again changes nothing.
CREATE TABLE cooperation_budgets (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    id          uuid NOT NULL,
    version     integer NOT NULL CHECK (version > 0),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    updated_by  uuid,
    PRIMARY KEY (tenant_id, fiscal_year)
);
CALL app_enable_tenant_rls('cooperation_budgets');

-- One row per program/activity line (kegiatan or sub-kegiatan); committed = held by open orders, realised = paid.
CREATE TABLE cooperation_budget_lines (
    tenant_id   uuid NOT NULL,
    fiscal_year integer NOT NULL,
    code        text NOT NULL CHECK (char_length(code) BETWEEN 1 AND 60),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    position    integer NOT NULL,
    pagu        bigint NOT NULL CHECK (pagu >= 0),
    committed   bigint NOT NULL CHECK (committed >= 0),
    realised    bigint NOT NULL CHECK (realised >= 0),
    PRIMARY KEY (tenant_id, fiscal_year, code),
    FOREIGN KEY (tenant_id, fiscal_year) REFERENCES cooperation_budgets (tenant_id, fiscal_year),
    CHECK (committed + realised <= pagu)
);
CALL app_enable_tenant_rls('cooperation_budget_lines');

CREATE TABLE cooperation_budget_reservations (
    tenant_id   uuid NOT NULL,
    order_id    uuid NOT NULL,
    fiscal_year integer NOT NULL,
    line_code   text NOT NULL,
    amount      bigint NOT NULL CHECK (amount > 0),
    state       text NOT NULL CHECK (state IN ('committed', 'realised')),
    reserved_at timestamptz NOT NULL,
    realised_at timestamptz,
    PRIMARY KEY (tenant_id, order_id),
    FOREIGN KEY (tenant_id, fiscal_year) REFERENCES cooperation_budgets (tenant_id, fiscal_year)
);
CALL app_enable_tenant_rls('cooperation_budget_reservations');
