using BenchmarkDotNet.Running;
using Frugal.Bench;

// dotnet run -c Release --project bench/Frugal.Bench -- --filter '*'     (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Frugal.Bench -- trainer-overhead  (end-to-end ratio against a bare loop)
// dotnet run -c Release --project bench/Frugal.Bench -- eval-throughput [preset records tokens repeats]
// dotnet run -c Release --project bench/Frugal.Bench -- store-overhead [STORE] [TRIALS]   (run store cost per trial)
// bench/fleet.sh                                                          (trials/hour for 1, 2, 3 workers)
// dotnet run -c Release --project bench/Frugal.Bench -- dpo-step [repeats] [threads] [preset] [pairs]  (DPO step vs a naive 4-forward step)
// dotnet run -c Release --project bench/Frugal.Bench -- dpo-heldout [pairs] [threads] [lr] [preset]  (held-out reward accuracy of a DPO run)
// dotnet run -c Release --project bench/Frugal.Bench -- lm-throughput 30 2  (language-model training tokens/s: steps, threads)
// dotnet run -c Release --project bench/Frugal.Bench -- rex-trial gpt adam rex 1 1  (one REX study trial, timed: setting optimizer schedule budget threads)
if (args is ["rex-trial", ..]) return RexTrial.Run(args[1..]);
if (args is ["trainer-overhead", ..]) return TrainerOverhead.Run(args[1..]);
if (args is ["eval-throughput", ..]) return EvalThroughput.Run(args[1..]);
if (args is ["store-overhead", ..]) return StoreOverhead.Run(args[1..]);
if (args is ["fleet", ..]) return WorkerFleet.Run(args[1..]);
if (args is ["dpo-step", ..]) return DpoStep.Run(args[1..]);
if (args is ["dpo-heldout", ..]) return DpoHeldOut.Run(args[1..]);
if (args is ["lm-throughput", ..]) return LmThroughput.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
