using Frugal.Data;

namespace Frugal.Tests.Data;

public class BatchOrderTests
{
    [Fact]
    public void The_order_is_pinned()
    {
        // Computed by an independent Python SplitMix64 + Lemire + Fisher-Yates; a change here reorders every run.
        Assert.Equal([0, 2, 7, 1, 5, 9, 8, 3, 4, 6], BatchOrder.Permutation(10, seed: 0, epoch: 0));
        Assert.Equal([6, 5, 8, 3, 2, 4, 0, 1, 9, 7], BatchOrder.Permutation(10, seed: 0, epoch: 1));
        Assert.Equal([8, 6, 0, 5, 4, 2, 9, 7, 3, 1], BatchOrder.Permutation(10, seed: -1, epoch: 7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(60000)]
    public void Is_a_permutation(int count)
    {
        var order = BatchOrder.Permutation(count, seed: 3, epoch: 5);
        Assert.Equal(Enumerable.Range(0, count), order.Order());
    }

    [Fact]
    public void Same_seed_and_epoch_give_the_same_order()
    {
        Assert.Equal(BatchOrder.Permutation(1000, 42, 3), BatchOrder.Permutation(1000, 42, 3));
    }

    [Fact]
    public void Epochs_and_seeds_give_different_orders()
    {
        var orders = new List<int[]>();
        for (var seed = 0; seed < 5; seed++)
            for (var epoch = 0; epoch < 5; epoch++)
                orders.Add(BatchOrder.Permutation(1000, seed, epoch));
        for (var i = 0; i < orders.Count; i++)
            for (var j = i + 1; j < orders.Count; j++)
                Assert.False(orders[i].SequenceEqual(orders[j]), $"orders {i} and {j} are equal");
    }

    [Fact]
    public void Every_position_is_equally_likely()
    {
        // 3 elements, 60,000 shuffles: each of the 6 orders expected 10,000 times, standard deviation ~91.
        var counts = new Dictionary<string, int>();
        for (var epoch = 0; epoch < 60_000; epoch++)
        {
            var key = string.Join(',', BatchOrder.Permutation(3, seed: 1, epoch));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 9_500, 10_500));
    }
}
