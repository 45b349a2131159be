var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "MediaSync sandbox");
await app.RunAsync().ConfigureAwait(false);
