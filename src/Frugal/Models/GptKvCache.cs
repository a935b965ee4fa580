using static TorchSharp.torch;

namespace Frugal.Models;

/// <summary>
/// Keys and values of every layer for the positions already seen, so generating a token costs one
/// position's forward instead of the whole sequence's. Storage is allocated once for the full context,
/// (B, H, ContextLength, d) per layer, and filled from the left; <see cref="Length"/> positions are valid.
/// Keys are stored after the rotary turn, which depends only on their own position.
/// </summary>
public sealed class GptKvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public GptKvCache(GptConfig config, long batch = 1, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        Capacity = config.ContextLength;
        _keys = new Tensor[config.Layers];
        _values = new Tensor[config.Layers];
        for (var layer = 0; layer < config.Layers; layer++)
        {
            // The cache outlives the dispose scopes of the steps that fill it; it is disposed with the cache.
            _keys[layer] = zeros([batch, config.Heads, Capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
            _values[layer] = zeros([batch, config.Heads, Capacity, config.HeadDim], dtype, device).DetachFromDisposeScope();
        }
    }

    /// <summary>Positions stored; the next token fed goes to this position.</summary>
    public int Length { get; private set; }

    public int Capacity { get; }

    /// <summary>Forgets every position, keeping the storage.</summary>
    public void Reset() => Length = 0;

    /// <summary>
    /// Writes the new keys and values k, v (B, H, T, d) of one layer at positions Length..Length+T-1 and
    /// returns that layer's keys and values for positions 0..Length+T-1, each (B, H, Length+T, d).
    /// </summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        var count = k.shape[2];
        using (no_grad())
        {
            _keys[layer].narrow(2, Length, count).copy_(k);
            _values[layer].narrow(2, Length, count).copy_(v);
        }
        return (_keys[layer].narrow(2, 0, Length + count), _values[layer].narrow(2, 0, Length + count));
    }

    /// <summary>Called once every layer has appended <paramref name="count"/> positions.</summary>
    internal void Advance(int count) => Length += count;

    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values)) tensor.Dispose();
    }
}
