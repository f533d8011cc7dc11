// The Container Apps environment (on the virtual network, logs to Log Analytics, OpenTelemetry to Application
// Insights) and the app: N >= 2 replicas that form one Orleans cluster. Silo-to-silo and gateway traffic are TCP
// ports on the internal network only; HTTP ingress is public with one custom domain per tenant.
param location string
param namePrefix string
param image string
param identityId string
param identityClientId string
param appsSubnetId string
param appsSubnetPrefix string
param workspaceName string
param insightsName string
param vaultUri string
param blobEndpoint string
param storageAccountName string
param baseDomain string
@minValue(2)
param minReplicas int
param maxReplicas int
param clusterId string
param serviceId string
param siloPort int = 11111
param gatewayPort int = 30000
param customDomains array
param cpu string = '1.0'
param memory string = '2Gi'
// api + clamav together must be a Consumption size: 1.0 + 1.0 CPU and 2 + 2 GiB (clamd holds the full database in memory).
@description('ClamAV image of the scanner sidecar (clamd on 127.0.0.1:3310; freshclam in the image keeps its signatures current).')
param clamavImage string = 'docker.io/clamav/clamav:1.4'
param clamavCpu string = '1.0'
param clamavMemory string = '2Gi'

var httpPort = 8080

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: appsSubnetId
      internal: false
    }
    workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }]
    zoneRedundant: true
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    daprAIConnectionString: insights.properties.ConnectionString
  }
}

var secretRefs = [
  { name: 'connection-app', keyVaultUrl: '${vaultUri}secrets/connection-app', identity: identityId }
  { name: 'connection-owner', keyVaultUrl: '${vaultUri}secrets/connection-owner', identity: identityId }
  { name: 'connection-orleans', keyVaultUrl: '${vaultUri}secrets/connection-orleans', identity: identityId }
  { name: 'insights-connection', value: insights.properties.ConnectionString }
]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-api'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      secrets: secretRefs
      ingress: {
        external: true
        targetPort: httpPort
        transport: 'http'
        allowInsecure: false
        customDomains: [for d in customDomains: {
          name: d.hostName
          bindingType: empty(d.certificateId) ? 'Disabled' : 'SniEnabled'
          certificateId: empty(d.certificateId) ? null : d.certificateId
        }]
        // Orleans: silo-to-silo and client gateway, reachable from the other replicas only.
        additionalPortMappings: [
          { external: false, targetPort: siloPort, exposedPort: siloPort }
          { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
        ]
      }
    }
    template: {
      terminationGracePeriodSeconds: 60
      containers: [
        {
          name: 'api'
          image: image
          resources: { cpu: json(cpu), memory: memory }
          env: [
            { name: 'ConnectionStrings__App', secretRef: 'connection-app' }
            { name: 'ConnectionStrings__Owner', secretRef: 'connection-owner' }
            { name: 'ConnectionStrings__Orleans', secretRef: 'connection-orleans' }
            { name: 'Blob__ServiceUri', value: blobEndpoint }
            { name: 'Blob__AccountName', value: storageAccountName }
            { name: 'Blob__Authentication', value: 'ManagedIdentity' }
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'Tenancy__BaseDomain', value: baseDomain }
            { name: 'ReverseProxy__KnownNetworks__0', value: appsSubnetPrefix }
            { name: 'Orleans__ClusterId', value: clusterId }
            { name: 'Orleans__ServiceId', value: serviceId }
            { name: 'Orleans__SiloPort', value: string(siloPort) }
            { name: 'Orleans__GatewayPort', value: string(gatewayPort) }
            { name: 'Logging__Console__FormatterName', value: 'json' }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', secretRef: 'insights-connection' }
            { name: 'OTEL_SERVICE_NAME', value: 'humassaas-api' }
            // Every upload is scanned by the sidecar before it is stored; without a scanner the app does not start.
            { name: 'Clamd__Endpoint', value: 'tcp://127.0.0.1:3310' }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/health/live', port: httpPort }
              initialDelaySeconds: 5
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Liveness'
              httpGet: { path: '/health/live', port: httpPort }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              // 503 while PostgreSQL or blob storage is unreachable: the replica leaves the load balancer, not the cluster.
              type: 'Readiness'
              httpGet: { path: '/health/ready', port: httpPort }
              periodSeconds: 5
              failureThreshold: 2
              successThreshold: 1
            }
          ]
        }
        {
          // Replicas share localhost with this container; the port is not part of the ingress.
          name: 'clamav'
          image: clamavImage
          resources: { cpu: json(clamavCpu), memory: clamavMemory }
          probes: [
            {
              type: 'Startup'
              tcpSocket: { port: 3310 }
              periodSeconds: 10
              failureThreshold: 60
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '100' } } }]
      }
    }
  }
}

output environmentId string = environment.id
output environmentName string = environment.name
output appName string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
output customDomainVerificationId string = app.properties.customDomainVerificationId
