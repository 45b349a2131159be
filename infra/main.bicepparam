// Parameters for infra/main.bicep. The keys come from the environment, so they never sit in a file:
//   export MEDIASYNC_MASTER_KEY=$(openssl rand -hex 24) MEDIASYNC_FUNCTION_KEY=$(openssl rand -hex 24) MEDIASYNC_SYSTEM_KEY=$(openssl rand -hex 24)
using './main.bicep'

param namePrefix = 'mediasync'
param planSku = 'B1'
param instanceCount = 1
param masterKey = readEnvironmentVariable('MEDIASYNC_MASTER_KEY')
param functionKey = readEnvironmentVariable('MEDIASYNC_FUNCTION_KEY')
param durableSystemKey = readEnvironmentVariable('MEDIASYNC_SYSTEM_KEY')
param extraAppSettings = {
  // Sources__tv__Kind: 'jellyfin'
  // Sources__tv__BaseUrl: 'https://jellyfin.example.net'
  // Sources__tv__ApiKey: '@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/jellyfin-api-key)'
}
