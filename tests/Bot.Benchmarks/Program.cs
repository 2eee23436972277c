using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Bot.Benchmarks -- --filter '*'
// (or pick one: --filter '*Analyzer*', '*IndexBuild*', '*Query*')
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
