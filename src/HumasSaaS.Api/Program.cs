using HumasSaaS.Api;

var seedDemo = args.Contains("--seed-demo");
var app = HumasApp.Build(args.Where(a => a != "--seed-demo").ToArray());
await HumasApp.PrepareAsync(app);
await app.StartAsync();
if (seedDemo) await HumasApp.SeedDemoAsync(app);
await app.WaitForShutdownAsync();
