using BenchmarkDotNet.Running;
using Frugal.Bench;

// dotnet run -c Release --project bench/Frugal.Bench -- --filter '*'     (BenchmarkDotNet micro-benchmarks)
// dotnet run -c Release --project bench/Frugal.Bench -- trainer-overhead  (end-to-end ratio against a bare loop)
// dotnet run -c Release --project bench/Frugal.Bench -- dpo-step [repeats] [threads] [preset] [pairs]  (DPO step vs a naive 4-forward step)
// dotnet run -c Release --project bench/Frugal.Bench -- dpo-heldout [pairs] [threads] [lr] [preset]  (held-out reward accuracy of a DPO run)
if (args is ["trainer-overhead", ..]) return TrainerOverhead.Run(args[1..]);
if (args is ["dpo-step", ..]) return DpoStep.Run(args[1..]);
if (args is ["dpo-heldout", ..]) return DpoHeldOut.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
