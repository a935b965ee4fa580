namespace Frugal.Tests.Models;

/// <summary>
/// Tests that seed torch's global RNG and then read it (initialisation, VAE sampling) would see other
/// tests' draws if they ran alongside; this collection runs them alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalState
{
    public const string Name = "torch global state";
}
