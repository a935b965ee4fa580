using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Frugal.Models;

/// <summary>
/// The variational autoencoder of "Auto-Encoding Variational Bayes" (Kingma and Welling, 2014) in the
/// REX paper's VAE-MNIST setting: encoder Linear(rows*cols, 400) -> ReLU -> (mu, log sigma^2) in 20-d,
/// decoder Linear(20, 400) -> ReLU -> Linear(400, rows*cols) Bernoulli logits.
/// <see cref="forward"/> is the loss: the per-example negative ELBO in nats, shape (B),
/// from one reparameterised sample in train and eval mode alike (torch's RNG, so
/// <c>torch.manual_seed</c> makes it reproducible).
/// </summary>
public sealed class Vae : Module<Tensor, Tensor>
{
    private readonly Linear encoder;
    private readonly Linear to_mu;
    private readonly Linear to_logvar;
    private readonly Linear decoder;
    private readonly Linear to_logits;
    private readonly int _rows;
    private readonly int _cols;

    public Vae(int rows = 28, int cols = 28, int hidden = 400, int latent = 20) : base(nameof(Vae))
    {
        _rows = rows;
        _cols = cols;
        Latent = latent;
        encoder = Linear(rows * cols, hidden);
        to_mu = Linear(hidden, latent);
        to_logvar = Linear(hidden, latent);
        decoder = Linear(latent, hidden);
        to_logits = Linear(hidden, rows * cols);
        RegisterComponents();
    }

    /// <summary>Size of the latent code z.</summary>
    public int Latent { get; }

    /// <summary>q(z | x) = N(mu, diag(exp(logvar))) for images (B, 1, rows, cols); both (B, latent).</summary>
    public (Tensor Mu, Tensor LogVar) Encode(Tensor x)
    {
        var h = functional.relu(encoder.forward(x.flatten(1)));  // (B, hidden)
        return (to_mu.forward(h), to_logvar.forward(h));         // (B, latent) each
    }

    /// <summary>z = mu + sigma * eps, eps ~ N(0, I): the sample stays differentiable in mu and logvar.</summary>
    public static Tensor Reparameterise(Tensor mu, Tensor logVar) =>
        mu + (0.5 * logVar).exp() * randn_like(mu);

    /// <summary>Bernoulli logits of p(x | z) for codes (B, latent), shaped as images (B, 1, rows, cols).
    /// Sigmoid gives pixel means; decoding z ~ N(0, I) generates.</summary>
    public Tensor Decode(Tensor z)
    {
        var h = functional.relu(decoder.forward(z));                      // (B, hidden)
        return to_logits.forward(h).view(-1, 1, _rows, _cols);          // (B, 1, rows, cols)
    }

    /// <summary>The two terms of the negative ELBO for images (B, 1, rows, cols), each (B).</summary>
    public (Tensor Reconstruction, Tensor Kl) Terms(Tensor x)
    {
        var (mu, logVar) = Encode(x);
        var logits = Decode(Reparameterise(mu, logVar));
        return (Reconstruction(logits, x), Kl(mu, logVar));
    }

    /// <summary>-log p(x | z) under independent Bernoulli pixels: binary cross-entropy with logits summed
    /// over all but the batch dimension; targets are the pixel intensities in [0, 1], not binarised. (B)</summary>
    public static Tensor Reconstruction(Tensor logits, Tensor x) =>
        functional.binary_cross_entropy_with_logits(logits, x, reduction: Reduction.None).flatten(1).sum(1);

    /// <summary>KL(N(mu, diag(exp(logvar))) || N(0, I)) in closed form (Kingma and Welling, appendix B):
    /// -1/2 sum(1 + log sigma^2 - mu^2 - sigma^2) over the latent dimensions. (B)</summary>
    public static Tensor Kl(Tensor mu, Tensor logVar) =>
        -0.5 * (1 + logVar - mu.square() - logVar.exp()).sum(1);

    public override Tensor forward(Tensor x)
    {
        var (reconstruction, kl) = Terms(x);
        return reconstruction + kl;  // (B)
    }
}
