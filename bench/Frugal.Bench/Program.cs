using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Frugal.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
