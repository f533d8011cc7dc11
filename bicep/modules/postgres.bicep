// PostgreSQL Flexible Server on a delegated subnet (no public address). Zone-redundant HA is a parameter: a standby
// in another zone takes over in about a minute, which the app rides out with 503 + Retry-After.
param location string
param serverName string
param subnetId string
param privateDnsZoneId string
param databaseName string = 'humas'
param administratorLogin string = 'humas_admin'
@secure()
param administratorPassword string
param zoneRedundantHa bool
param skuName string = 'Standard_D2ds_v5'
param skuTier string = 'GeneralPurpose'
param storageSizeGB int = 128
param version string = '15'

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: serverName
  location: location
  sku: { name: skuName, tier: skuTier }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    storage: { storageSizeGB: storageSizeGB, autoGrow: 'Enabled' }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: zoneRedundantHa ? 'ZoneRedundant' : 'Disabled' }
    network: {
      delegatedSubnetResourceId: subnetId
      privateDnsZoneArmResourceId: privateDnsZoneId
      publicNetworkAccess: 'Disabled'
    }
    authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Row-level security and the migration runner need nothing beyond core PostgreSQL; pgcrypto is allow-listed in case.
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: { value: 'PGCRYPTO', source: 'user-override' }
}

output fqdn string = server.properties.fullyQualifiedDomainName
output name string = server.name
output administratorLogin string = administratorLogin
