using MediaSync.Functions;
using Microsoft.AspNetCore.Builder;

WebApplication app = MediaSyncApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
