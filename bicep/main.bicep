// HumasSaaS on Azure: one resource group holds the whole environment.
//   network -> monitoring -> identity -> PostgreSQL (private) -> Key Vault (passwords) -> storage (identity only)
//   -> Container Apps environment + the app (N >= 2 replicas, one Orleans cluster) + the db-init job.
// Deploy: see README.md in this folder.
targetScope = 'resourceGroup'

@description('Short environment name used in resource names: dev, staging, prod.')
@minLength(2)
@maxLength(8)
param environmentName string

param location string = resourceGroup().location

@description('Container image of src/HumasSaaS.Api built from the repository Dockerfile, e.g. myregistry.azurecr.io/humassaas-api:1.4.0.')
param image string

@description('Replicas that always run; each is an Orleans silo. Two or more, so a lost replica leaves the cluster serving.')
@minValue(2)
param minReplicas int = 2

@minValue(2)
param maxReplicas int = 6

@description('PostgreSQL standby in another availability zone (automatic failover).')
param postgresZoneRedundantHa bool

param postgresSkuName string = 'Standard_D2ds_v5'
param postgresSkuTier string = 'GeneralPurpose'
param postgresStorageSizeGB int = 128

@description('Base domain for tenant sub-domains ({slug}.<base>); empty to address tenants by path only.')
param baseDomain string = ''

@description('One entry per tenant custom domain: { hostName: string, certificateId: string }. certificateId is the resource id of a certificate in the Container Apps environment, or empty for the first pass (binding disabled until the certificate exists).')
param customDomains array = []

@description('Orleans cluster identity; silos with the same ClusterId and ServiceId form one cluster.')
param orleansClusterId string = 'humassaas-${environmentName}'
param orleansServiceId string = 'humassaas'

@secure()
@description('Server administrator password (used only by the db-init job).')
param postgresAdminPassword string

@secure()
@description('Password of humas_owner, the migration role.')
param postgresOwnerPassword string

@secure()
@description('Password of humas_app, the role the app runs requests as.')
param postgresAppPassword string

@secure()
@description('Password of humas_orleans, the only role with rights on schema orleans (clustering, grain state, reminders).')
param postgresOrleansPassword string

var namePrefix = 'humas-${environmentName}'
var suffix = uniqueString(resourceGroup().id)
var databaseName = 'humas'
var addressPrefix = '10.40.0.0/16'

module network 'modules/network.bicep' = {
  name: 'network'
  params: { location: location, namePrefix: namePrefix, addressPrefix: addressPrefix }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, namePrefix: namePrefix }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { location: location, namePrefix: namePrefix }
}

module postgresDns 'modules/privateDnsZone.bicep' = {
  name: 'dns-postgres'
  params: { zoneName: '${namePrefix}.private.postgres.database.azure.com', vnetId: network.outputs.vnetId }
}

module blobDns 'modules/privateDnsZone.bicep' = {
  name: 'dns-blob'
  params: { zoneName: 'privatelink.blob.${environment().suffixes.storage}', vnetId: network.outputs.vnetId }
}

module vaultDns 'modules/privateDnsZone.bicep' = {
  name: 'dns-vault'
  params: { zoneName: 'privatelink${environment().suffixes.keyvaultDns}', vnetId: network.outputs.vnetId }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: '${namePrefix}-pg-${suffix}'
    subnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: postgresDns.outputs.zoneId
    databaseName: databaseName
    administratorPassword: postgresAdminPassword
    zoneRedundantHa: postgresZoneRedundantHa
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: take('humas${environmentName}kv${suffix}', 24)
    appPrincipalId: identity.outputs.principalId
    postgresHost: postgres.outputs.fqdn
    databaseName: databaseName
    adminPassword: postgresAdminPassword
    ownerPassword: postgresOwnerPassword
    appPassword: postgresAppPassword
    orleansPassword: postgresOrleansPassword
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: take('humas${environmentName}${suffix}', 24)
    appPrincipalId: identity.outputs.principalId
  }
}

module blobEndpoint 'modules/privateEndpoint.bicep' = {
  name: 'pe-blob'
  params: {
    location: location
    name: '${namePrefix}-pe-blob'
    subnetId: network.outputs.endpointsSubnetId
    targetId: storage.outputs.id
    groupId: 'blob'
    zoneId: blobDns.outputs.zoneId
  }
}

module vaultEndpoint 'modules/privateEndpoint.bicep' = {
  name: 'pe-vault'
  params: {
    location: location
    name: '${namePrefix}-pe-vault'
    subnetId: network.outputs.endpointsSubnetId
    targetId: vault.outputs.id
    groupId: 'vault'
    zoneId: vaultDns.outputs.zoneId
  }
}

module app 'modules/app.bicep' = {
  name: 'app'
  dependsOn: [blobEndpoint, vaultEndpoint]
  params: {
    location: location
    namePrefix: namePrefix
    image: image
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    appsSubnetId: network.outputs.appsSubnetId
    appsSubnetPrefix: cidrSubnet(addressPrefix, 23, 0)
    workspaceName: monitoring.outputs.workspaceName
    insightsName: monitoring.outputs.insightsName
    vaultUri: vault.outputs.uri
    blobEndpoint: storage.outputs.blobEndpoint
    storageAccountName: storage.outputs.name
    baseDomain: baseDomain
    minReplicas: minReplicas
    maxReplicas: maxReplicas
    clusterId: orleansClusterId
    serviceId: orleansServiceId
    customDomains: customDomains
  }
}

module dbInit 'modules/dbInit.bicep' = {
  name: 'db-init'
  params: {
    location: location
    namePrefix: namePrefix
    environmentId: app.outputs.environmentId
    identityId: identity.outputs.id
    vaultUri: vault.outputs.uri
    postgresHost: postgres.outputs.fqdn
    administratorLogin: postgres.outputs.administratorLogin
    databaseName: databaseName
  }
}

output appFqdn string = app.outputs.fqdn
output customDomainVerificationId string = app.outputs.customDomainVerificationId
output containerAppsEnvironment string = app.outputs.environmentName
output dbInitJob string = dbInit.outputs.name
output postgresServer string = postgres.outputs.name
output keyVault string = vault.outputs.name
output storageAccount string = storage.outputs.name
