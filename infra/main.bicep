// MediaSync on Azure: one storage account (the durable task hub's queues, tables and blobs, and the catalog tables),
// a user-assigned identity with data-plane roles on it (no account keys: shared-key access is off), and a Linux App
// Service that runs the published host (always on: the durable dispatchers and the timers run in the process).
//
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
//   dotnet publish src/MediaSync.Functions -c Release -o out && (cd out && zip -qr ../app.zip .)
//   az webapp deploy -g <group> -n <webAppName output> --src-path app.zip --type zip

targetScope = 'resourceGroup'

@description('Prefix of every resource name (letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('App Service plan SKU. Basic (B1) or above: the host must stay always on.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param planSku string = 'B1'

@description('Instances of the host. Several share the task hub and split its partitions through blob leases.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Host:MasterKey (at least 16 characters): admin routes and the durable management API.')
@secure()
@minLength(16)
param masterKey string

@description('Host:Keys:Default (at least 16 characters): every function-level route.')
@secure()
@minLength(16)
param functionKey string

@description('Host:SystemKeys:durabletask_extension (at least 16 characters): the durable webhooks\' key.')
@secure()
@minLength(16)
param durableSystemKey string

@description('More app settings (double underscores for sections), e.g. the Sources__{id}__* of the providers. Provider passwords and tokens belong in Key Vault references here rather than in plain values.')
param extraAppSettings object = {}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = toLower('${namePrefix}${suffix}')

// Built-in data-plane roles the host needs: blobs (payloads, partition and timer leases), queues (control and work
// items), tables (history, instances, catalog).
var roles = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-host'
  location: location
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(storage.id, identity.id, role.value)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
  }
}]

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: planSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var appSettings = union({
  // Identity-based storage (MediaSync.Hosting's StorageConnection): the three service endpoints and the identity.
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__clientId: identity.properties.clientId
  Host__MasterKey: masterKey
  Host__Keys__Default: functionKey
  Host__SystemKeys__durabletask_extension: durableSystemKey
  ASPNETCORE_URLS: 'http://0.0.0.0:8080'
  WEBSITES_PORT: '8080'
}, extraAppSettings)

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${namePrefix}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      appCommandLine: 'dotnet MediaSync.Functions.dll'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/api/health'
    }
  }
}

// Set apart from the site: the storage endpoints and the identity's client id are only known once those exist. The
// roles come first, so the host's first start can reach storage.
resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
  dependsOn: [
    roleAssignments
  ]
}

@description('The host\'s base URL.')
output url string = 'https://${site.properties.defaultHostName}'

@description('The web app to deploy the published host to (az webapp deploy -n).')
output webAppName string = site.name

@description('The storage account holding the task hub and the catalog.')
output storageAccountName string = storage.name

@description('The client id of the host\'s identity (AzureWebJobsStorage__clientId).')
output identityClientId string = identity.properties.clientId
