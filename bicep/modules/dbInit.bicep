// A manual Container Apps job that creates the migration role (humas_owner, owns the database), the app role
// (humas_app, NOINHERIT, granted rights only by the migrations) and the silo role (humas_orleans, NOINHERIT, granted
// schema orleans only by the migrations) with the passwords from Key Vault. Idempotent;
// run it once after the first deployment and after rotating a password.
param location string
param namePrefix string
param environmentId string
param identityId string
param vaultUri string
param postgresHost string
param administratorLogin string
param databaseName string
param image string = 'docker.io/library/postgres:15-alpine'

var script = '''
set -eu
psql -v ON_ERROR_STOP=1 -v owner_pw="$OWNER_PASSWORD" -v app_pw="$APP_PASSWORD" -v orleans_pw="$ORLEANS_PASSWORD" -v admin="$PGUSER" -v db="$DB_NAME" <<'SQL'
SELECT 'CREATE ROLE humas_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'humas_owner') \gexec
ALTER ROLE humas_owner LOGIN NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD :'owner_pw';
SELECT 'CREATE ROLE humas_app' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'humas_app') \gexec
ALTER ROLE humas_app LOGIN NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD :'app_pw';
SELECT 'CREATE ROLE humas_orleans' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'humas_orleans') \gexec
ALTER ROLE humas_orleans LOGIN NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD :'orleans_pw';
GRANT humas_owner TO :"admin";
GRANT pg_signal_backend TO humas_owner;
ALTER DATABASE :"db" OWNER TO humas_owner;
SQL
'''

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: '${namePrefix}-db-init'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 300
      replicaRetryLimit: 1
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      secrets: [
        { name: 'pg-admin-password', keyVaultUrl: '${vaultUri}secrets/pg-admin-password', identity: identityId }
        { name: 'pg-owner-password', keyVaultUrl: '${vaultUri}secrets/pg-owner-password', identity: identityId }
        { name: 'pg-app-password', keyVaultUrl: '${vaultUri}secrets/pg-app-password', identity: identityId }
        { name: 'pg-orleans-password', keyVaultUrl: '${vaultUri}secrets/pg-orleans-password', identity: identityId }
      ]
    }
    template: {
      containers: [
        {
          name: 'db-init'
          image: image
          command: ['/bin/sh', '-c', script]
          resources: { cpu: json('0.25'), memory: '0.5Gi' }
          env: [
            { name: 'PGHOST', value: postgresHost }
            { name: 'PGUSER', value: administratorLogin }
            { name: 'PGDATABASE', value: databaseName }
            { name: 'PGSSLMODE', value: 'require' }
            { name: 'DB_NAME', value: databaseName }
            { name: 'PGPASSWORD', secretRef: 'pg-admin-password' }
            { name: 'OWNER_PASSWORD', secretRef: 'pg-owner-password' }
            { name: 'APP_PASSWORD', secretRef: 'pg-app-password' }
            { name: 'ORLEANS_PASSWORD', secretRef: 'pg-orleans-password' }
          ]
        }
      ]
    }
  }
}

output name string = job.name
