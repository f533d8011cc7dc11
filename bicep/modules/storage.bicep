// Blob storage: no public access, no account key (Entra ID only), TLS 1.2+, soft delete and versioning,
// reachable only through a private endpoint. The app's identity gets Storage Blob Data Contributor.
param location string
param accountName string
param appPrincipalId string
param softDeleteDays int = 14
@description('Monthly cap (GB) for Defender for Storage malware scanning on upload; -1 = no cap.')
param malwareScanningCapGbPerMonth int = 1000

var blobDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
    allowCrossTenantReplication: false
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

// Microsoft Defender for Storage malware scanning on upload: a second, Microsoft-operated scanner behind the app's own
// clamd. Each new blob gets the index tag "Malware Scanning scan result" ("No threats found" or "Malicious"), which the
// product can read through the same scanner seam (docs/ARCHITECTURE.md, "Malware scanning").
resource defender 'Microsoft.Security/defenderForStorageSettings@2022-12-01-preview' = {
  name: 'current'
  scope: account
  properties: {
    isEnabled: true
    overrideSubscriptionLevelSettings: true
    malwareScanning: {
      onUpload: { isEnabled: true, capGBPerMonth: malwareScanningCapGbPerMonth }
    }
    sensitiveDataDiscovery: { isEnabled: false }
  }
}

resource appCanUseBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: account
  name: guid(account.id, appPrincipalId, blobDataContributor)
  properties: {
    roleDefinitionId: blobDataContributor
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
