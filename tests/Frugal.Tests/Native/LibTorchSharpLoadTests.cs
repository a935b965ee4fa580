using System.Runtime.Versioning;
using Frugal.Build;
using TorchSharp;

namespace Frugal.Tests.Native;

/// <summary>Proves build/Frugal.Native.targets ran on this test project's own output.</summary>
[SupportedOSPlatform("linux")]
public sealed class LibTorchSharpLoadTests
{
    public static string OutputCopy { get; } =
        Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void The_output_copy_of_LibTorchSharp_loads_and_computes()
    {
        using var scope = torch.NewDisposeScope();

        Assert.Equal(2f, torch.ones(2).sum().item<float>());

        // TorchSharp falls back to other folders when a load fails; only the output copy counts.
        var mapped = File.ReadLines("/proc/self/maps")
            .Where(line => line.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(line => line[line.IndexOf('/')..])
            .Distinct();
        Assert.Equal([Path.GetFullPath(OutputCopy)], mapped);
    }

    [Fact]
    public void The_output_copy_is_weak_exactly_when_this_machines_libstdcxx_lacks_GLIBCXX_3_4_32()
    {
        string? libStdCxx = LibStdCxx.Find();
        Assert.NotNull(libStdCxx);
        bool lacking = !ElfVersionPatch.ReadDefinedVersions(libStdCxx).Contains("GLIBCXX_3.4.32");

        var marker = ElfVersionPatch.ReadNeededVersions(OutputCopy).Single(v => v.Name == "GLIBCXX_3.4.32");

        Assert.Equal(lacking, marker.IsWeak);
    }
}
