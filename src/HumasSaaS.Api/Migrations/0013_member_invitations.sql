-- Adding an existing account as staff is an invitation the person accepts, never a silent attachment.
-- Tenant table: the invitee accepts inside the inviting tenant (its address is in the link), so RLS applies.
CREATE TABLE member_invitations (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id),
    email      text NOT NULL,
    role       text NOT NULL CHECK (role IN ('tenant_admin', 'verifier', 'protocol_officer', 'viewer')),
    invited_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    decided_at timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX member_invitations_one_pending ON member_invitations (tenant_id, user_id, role) WHERE status = 'pending';
CALL app_enable_tenant_rls('member_invitations');
