using BenchmarkDotNet.Running;
using Frugal.Bench;

// dotnet run -c Release --project bench/Frugal.Bench -- --filter '*'     (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Frugal.Bench -- trainer-overhead  (end-to-end ratio against a bare loop)
// dotnet run -c Release --project bench/Frugal.Bench -- eval-throughput [preset records tokens repeats]
// dotnet run -c Release --project bench/Frugal.Bench -- store-overhead [STORE] [TRIALS]   (run store cost per trial)
// bench/fleet.sh                                                          (trials/hour for 1, 2, 3 workers)
if (args is ["trainer-overhead", ..]) return TrainerOverhead.Run(args[1..]);
if (args is ["eval-throughput", ..]) return EvalThroughput.Run(args[1..]);
if (args is ["store-overhead", ..]) return StoreOverhead.Run(args[1..]);
if (args is ["fleet", ..]) return WorkerFleet.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
