// Key Vault (RBAC, purge protection, private endpoint only) holding the PostgreSQL passwords and the connection
// strings built from them. The app's identity may read secrets; nobody gets them from the template outputs.
param location string
param vaultName string
param appPrincipalId string
param postgresHost string
param databaseName string
@secure()
param adminPassword string
@secure()
param ownerPassword string
@secure()
param appPassword string
@secure()
param orleansPassword string

var secretsUser = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }
  }
}

resource pgAdmin 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pg-admin-password'
  properties: { value: adminPassword }
}

resource pgOwner 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pg-owner-password'
  properties: { value: ownerPassword }
}

resource pgApp 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pg-app-password'
  properties: { value: appPassword }
}

resource pgOrleans 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'pg-orleans-password'
  properties: { value: orleansPassword }
}

resource ownerConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connection-owner'
  properties: { value: 'Host=${postgresHost};Database=${databaseName};Username=humas_owner;Password=${ownerPassword};SSL Mode=VerifyFull' }
}

resource appConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connection-app'
  properties: { value: 'Host=${postgresHost};Database=${databaseName};Username=humas_app;Password=${appPassword};SSL Mode=VerifyFull' }
}

// The silo's storage, clustering and reminders; the migrations grant this role schema orleans and nothing else.
resource orleansConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connection-orleans'
  properties: { value: 'Host=${postgresHost};Database=${databaseName};Username=humas_orleans;Password=${orleansPassword};SSL Mode=VerifyFull;Search Path=orleans' }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appPrincipalId, secretsUser)
  properties: {
    roleDefinitionId: secretsUser
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
