using Frugal.Models;
using static TorchSharp.torch;

namespace Frugal.Tests.Models;

[Collection(TorchGlobalState.Name)]
public class VaeTests
{
    [Fact]
    public void The_negative_elbo_is_finite_positive_and_the_sum_of_its_terms()
    {
        using var scope = NewDisposeScope();
        var (x, _) = ModelSteps.Batch(8);
        manual_seed(5);
        var vae = new Vae();
        manual_seed(6);
        var loss = vae.forward(x);
        manual_seed(6);
        var (reconstruction, kl) = vae.Terms(x);

        Assert.True(isfinite(loss).all().item<bool>());
        Assert.True((loss > 0).all().item<bool>());
        Assert.True((reconstruction > 0).all().item<bool>());
        Assert.True((kl >= 0).all().item<bool>());
        Assert.True(loss.eq(reconstruction + kl).all().item<bool>());
    }

    [Fact]
    public void Eval_mode_still_samples_one_z_drawn_from_the_seeded_rng()
    {
        using var scope = NewDisposeScope();
        var (x, _) = ModelSteps.Batch(4);
        var vae = new Vae();
        vae.eval();
        manual_seed(7);
        var first = vae.forward(x);
        manual_seed(7);
        var again = vae.forward(x);
        manual_seed(8);
        var other = vae.forward(x);
        Assert.True(first.eq(again).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
    }

    [Fact]
    public void Encode_and_decode_have_the_latent_and_image_shapes()
    {
        using var scope = NewDisposeScope();
        var vae = new Vae();
        var (mu, logVar) = vae.Encode(rand(5, 1, 28, 28));
        Assert.Equal([5L, 20], mu.shape);
        Assert.Equal([5L, 20], logVar.shape);
        Assert.Equal([3L, 1, 28, 28], vae.Decode(randn(3, vae.Latent)).shape);
    }

    [Fact]
    public void Kl_has_the_closed_form_values()
    {
        using var scope = NewDisposeScope();
        // Per dimension KL(N(mu, s^2) || N(0, 1)) = (mu^2 + s^2 - 1 - log s^2) / 2.
        var mu = tensor(new float[,] { { 0, 0 }, { 1, 0 }, { 0, 0 }, { 2, -1 } });
        var logVar = tensor(new float[,] { { 0, 0 }, { 0, 0 }, { 1, 0 }, { 0, 0 } });
        var kl = Vae.Kl(mu, logVar).data<float>().ToArray();
        Assert.Equal(0, kl[0], 6);
        Assert.Equal(0.5, kl[1], 6);
        Assert.Equal((Math.E - 2) / 2, kl[2], 6);
        Assert.Equal(2.5, kl[3], 6);
    }

    [Fact]
    public void Reconstruction_is_the_bernoulli_log_likelihood_summed_over_pixels()
    {
        using var scope = NewDisposeScope();
        // Zero logits mean p = 1/2 for every pixel: log 2 nats a pixel, whatever the intensity.
        Assert.Equal(784 * Math.Log(2), Vae.Reconstruction(zeros(2, 1, 28, 28), rand(2, 1, 28, 28))[1].item<float>(), 2);
        // One pixel, logit l, intensity t: -(t log sigmoid(l) + (1 - t) log sigmoid(-l)).
        var expected = -(0.25 * Math.Log(1 / (1 + Math.Exp(-2.0))) + 0.75 * Math.Log(1 / (1 + Math.Exp(2.0))));
        Assert.Equal(expected, Vae.Reconstruction(full(1, 1, 1, 1, 2f), full(1, 1, 1, 1, 0.25f))[0].item<float>(), 5);
    }
}
