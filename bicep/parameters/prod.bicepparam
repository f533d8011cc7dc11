// Parameters for the prod environment. Passwords come from the shell environment (see ../README.md), never from
// this file; the image tag is passed on the command line or via HUMAS_IMAGE.
using '../main.bicep'

param environmentName = 'prod'
param image = readEnvironmentVariable('HUMAS_IMAGE', 'humassaas.azurecr.io/humassaas-api:latest')
param minReplicas = 3
param maxReplicas = 8
param postgresZoneRedundantHa = true
param baseDomain = readEnvironmentVariable('HUMAS_BASE_DOMAIN', '')
param customDomains = [
  { hostName: 'humas.minahasatenggarakab.go.id', certificateId: '' }
  { hostName: 'humas.kuburayakab.go.id', certificateId: '' }
]
param postgresAdminPassword = readEnvironmentVariable('HUMAS_PG_ADMIN_PASSWORD')
param postgresOwnerPassword = readEnvironmentVariable('HUMAS_PG_OWNER_PASSWORD')
param postgresAppPassword = readEnvironmentVariable('HUMAS_PG_APP_PASSWORD')
param postgresOrleansPassword = readEnvironmentVariable('HUMAS_PG_ORLEANS_PASSWORD')
