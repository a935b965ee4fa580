using BenchmarkDotNet.Running;
using Frugal.Bench;

// dotnet run -c Release --project bench/Frugal.Bench -- --filter '*'     (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Frugal.Bench -- trainer-overhead  (end-to-end ratio against a bare loop)
// dotnet run -c Release --project bench/Frugal.Bench -- lm-throughput 30 2  (language-model training tokens/s: steps, threads)
if (args is ["trainer-overhead", ..]) return TrainerOverhead.Run(args[1..]);
if (args is ["lm-throughput", ..]) return LmThroughput.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
