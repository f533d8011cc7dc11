// Parameters for the dev environment. Passwords come from the shell environment (see ../README.md), never from
// this file; the image tag is passed on the command line or via HUMAS_IMAGE.
using '../main.bicep'

param environmentName = 'dev'
param image = readEnvironmentVariable('HUMAS_IMAGE', 'humassaas.azurecr.io/humassaas-api:latest')
param minReplicas = 2
param maxReplicas = 3
param postgresZoneRedundantHa = false
param baseDomain = readEnvironmentVariable('HUMAS_BASE_DOMAIN', '')
param customDomains = []
param postgresAdminPassword = readEnvironmentVariable('HUMAS_PG_ADMIN_PASSWORD')
param postgresOwnerPassword = readEnvironmentVariable('HUMAS_PG_OWNER_PASSWORD')
param postgresAppPassword = readEnvironmentVariable('HUMAS_PG_APP_PASSWORD')
param postgresOrleansPassword = readEnvironmentVariable('HUMAS_PG_ORLEANS_PASSWORD')
