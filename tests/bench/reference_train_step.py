#!/usr/bin/python3
"""PyTorch reference benchmark for one LatentLab M-AE training step.

What it measures
----------------
The wall-clock time of one full M-AE training step on the CPU, in the order of
docs/design/models.md#step-order, so that the LibTorch (C++) implementation can be compared
with it, in images per second, on the same machine:

  1. AE step: x_hat = decoder(encoder(x)); BCE-with-logits (mean over B*C*H*W)
     against x; step the encoder Adam and the decoder Adam.
  2. ReL step: a fresh relational batch of rel_batch triples per relation
     (rel_batch * n_rel rows): z_src ~ N(0, I) of width partition_dim (8),
     concatenated with the relation's one-hot; target ~ N(0, I); MSE (mean);
     step the ReL Adam. (In the real model z_src and the target come from the
     adaptive prior; random normals cost about the same and keep this script
     self-contained.)
  3. Generator step: 0.2 * BCE-with-logits(D(E(x)), 1) on a fresh encoder
     forward; the discriminator is frozen (requires_grad off, as the reference
     code's set_trainable does) and only the ENCODER Adam steps.
  4. Discriminator step: z_prior ~ U(-1, 1)^z_dim (the warm-up prior, docs/design/models.md#warm-up-prior);
     fake = a fresh E(x) with the encoder frozen (no_grad); loss
     0.2 * (0.5 * BCE(D(fake), 0) + 0.5 * BCE(D(z_prior), 1)); step the
     discriminator Adam.

With --phase ae-only only step 1 runs, for a narrower comparison of the
convolutional backbone.

Only the steps after --warmup are timed (time.perf_counter around each step).
One JSON line goes to stdout: median and mean ms per step, images per second
(batch * 1000 / median), peak RSS in MiB, the torch version, the BLAS that
libblas.so.3 resolves to, and all the arguments.

Why the architecture matches docs/design/models.md#networks
-----------------------------------------------------------
* Encoder (docs/design/models.md#encoder, Conv64Encoder): 4 x [Conv2d(k4, s2, p1, no bias) -> BatchNorm2d
  -> LeakyReLU], slope 0.1 except the 4th (0.2); every conv has width nf (no
  channel doubling); flatten nf*4*4 (S = 4: the repo's S = 6 is a bug);
  Linear(-> 1024) -> LeakyReLU(0.1) -> Linear(-> z_dim), no output activation.
* Decoder (docs/design/models.md#decoder, Conv64Decoder): Linear(z -> 1024) -> LeakyReLU(0.1) ->
  Linear(1024 -> nf*4*4) -> LeakyReLU(0.1) -> reshape nf x 4 x 4 ->
  3 x [ConvTranspose2d(nf -> nf, 4, 2, 1, no bias) -> BN -> LeakyReLU(0.1)] ->
  ConvTranspose2d(nf -> nc, 4, 2, 1, no bias), identity output (logits).
* Discriminator (docs/design/models.md#discriminator): MLP Linear(in -> H), tanh, 3 x [Linear(H -> H), tanh],
  Linear(H -> 1) (logit), 5 Linear layers, no normalisation. Its input is the
  full code (z_dim): LatentLab's default is one discriminator on the full 8k
  code (docs/design/models.md#decision-1-modular-design), without the repo's all-zero label columns.
* ReL (docs/design/models.md#relational-learner): the same MLP shape with input partition_dim + n_relations
  (the target partition concatenated with the relation one-hot) and output
  partition_dim (8): a relation rewrites only its factor's partition.
* Four Adam optimizers (encoder, decoder, discriminator, ReL), lr 1e-4, default
  betas; PyTorch default initialisation (docs/design/models.md#networks); BatchNorm defaults, train mode.

Environment
-----------
Run with Debian's /usr/bin/python3 and Debian's python3-torch (the same
libtorch the C++ build links against). OMP_WAIT_POLICY=PASSIVE must be in the
environment: libgomp reads it once, when it is loaded (i.e. when torch is
imported), and with the default ACTIVE policy idle OpenMP threads spin and
steal the cores that the benchmark itself needs on a small machine. If the
variable is missing, the script re-executes itself with it set (os.execve, at
the very top, before torch is imported). A value that is already set is
respected and reported in the JSON line.

Example:
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tests/bench/reference_train_step.py --threads 2
"""

# --- Re-exec with OMP_WAIT_POLICY=PASSIVE before anything loads libgomp. ---
import os
import sys

if "OMP_WAIT_POLICY" not in os.environ:
    _env = dict(os.environ)
    _env["OMP_WAIT_POLICY"] = "PASSIVE"
    os.execve(sys.executable, [sys.executable] + sys.argv, _env)

import argparse  # noqa: E402  (imports after the re-exec on purpose)
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

PARTITION_DIM = 8       # width of one M-AE partition (docs/design/models.md#latent-layout)
ENC_HIDDEN = 1024       # width of the encoder/decoder fully connected layer (docs/design/models.md#encoder)
LR = 1e-4               # Adam learning rate, default betas
ADV_WEIGHT = 0.2        # adversarial_weight (docs/design/models.md#step-order)
SPATIAL = 4             # 64 -> 32 -> 16 -> 8 -> 4 (S = 4, docs/design/models.md#encoder)
ONES_FRACTION = 0.04    # about 4% lit pixels, like a dSprites image


class Conv64Encoder(nn.Module):
    """docs/design/models.md#encoder: nc x 64 x 64 -> z_dim, deterministic, linear code."""

    def __init__(self, nc: int, nf: int, z_dim: int):
        super().__init__()
        layers = []
        in_ch = nc
        for i in range(4):
            slope = 0.2 if i == 3 else 0.1  # the 4th block is the only 0.2 slope
            layers += [
                nn.Conv2d(in_ch, nf, kernel_size=4, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(nf),
                nn.LeakyReLU(slope),
            ]
            in_ch = nf
        self.conv = nn.Sequential(*layers)
        self.fc = nn.Sequential(
            nn.Flatten(),
            nn.Linear(nf * SPATIAL * SPATIAL, ENC_HIDDEN),
            nn.LeakyReLU(0.1),
            nn.Linear(ENC_HIDDEN, z_dim),  # no activation
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.conv(x))


class Conv64Decoder(nn.Module):
    """docs/design/models.md#decoder: z_dim -> nc x 64 x 64 logits."""

    def __init__(self, nc: int, nf: int, z_dim: int):
        super().__init__()
        self.nf = nf
        self.fc = nn.Sequential(
            nn.Linear(z_dim, ENC_HIDDEN),
            nn.LeakyReLU(0.1),
            nn.Linear(ENC_HIDDEN, nf * SPATIAL * SPATIAL),
            nn.LeakyReLU(0.1),
        )
        layers = []
        for _ in range(3):
            layers += [
                nn.ConvTranspose2d(nf, nf, kernel_size=4, stride=2, padding=1, bias=False),
                nn.BatchNorm2d(nf),
                nn.LeakyReLU(0.1),
            ]
        # Output layer: identity activation, the sigmoid lives in the loss.
        layers.append(nn.ConvTranspose2d(nf, nc, kernel_size=4, stride=2, padding=1, bias=False))
        self.deconv = nn.Sequential(*layers)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = self.fc(z).view(-1, self.nf, SPATIAL, SPATIAL)
        return self.deconv(h)


def tanh_mlp(in_dim: int, hidden: int, out_dim: int) -> nn.Sequential:
    """The repo's MLP with n_layers = 3 (docs/design/models.md#tanh-mlp): 5 Linear layers, tanh, identity output."""
    layers = [nn.Linear(in_dim, hidden), nn.Tanh()]
    for _ in range(3):
        layers += [nn.Linear(hidden, hidden), nn.Tanh()]
    layers.append(nn.Linear(hidden, out_dim))
    return nn.Sequential(*layers)


def set_trainable(module: nn.Module, flag: bool) -> None:
    """Toggle requires_grad, as the reference code's set_trainable does (docs/design/models.md#step-order)."""
    for p in module.parameters():
        p.requires_grad_(flag)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", type=int, default=64, help="images per step (B)")
    ap.add_argument("--nc", type=int, default=1, help="image channels")
    ap.add_argument("--nf", type=int, default=32, help="conv width")
    ap.add_argument("--zdim", type=int, default=16, help="code width (8k for k partitions)")
    ap.add_argument("--hidden", type=int, default=1024, help="discriminator / ReL hidden width H")
    ap.add_argument("--nrel", type=int, default=5, help="number of relations")
    ap.add_argument("--rel-batch", type=int, default=128, help="ReL triples per relation")
    ap.add_argument("--steps", type=int, default=20, help="timed steps")
    ap.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    ap.add_argument("--phase", choices=["full", "ae-only"], default="full",
                    help="full: steps 1-4 of docs/design/models.md#step-order; ae-only: step 1 only")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.steps < 1 or args.warmup < 0 or args.batch < 1 or args.threads < 1:
        ap.error("--steps, --batch and --threads must be >= 1, --warmup >= 0")
    return args


def blas_library() -> str:
    """The file libblas.so.3 resolves to (OpenBLAS openmp / pthread / reference)."""
    try:
        return os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    except OSError:
        return "unknown"


def main() -> None:
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    # --- Networks (docs/design/models.md#networks) and optimizers. -------------
    encoder = Conv64Encoder(args.nc, args.nf, args.zdim)
    decoder = Conv64Decoder(args.nc, args.nf, args.zdim)
    disc = tanh_mlp(args.zdim, args.hidden, 1)
    rel = tanh_mlp(PARTITION_DIM + args.nrel, args.hidden, PARTITION_DIM)
    for m in (encoder, decoder, disc, rel):
        m.train()

    opt_enc = torch.optim.Adam(encoder.parameters(), lr=LR)
    opt_dec = torch.optim.Adam(decoder.parameters(), lr=LR)
    opt_disc = torch.optim.Adam(disc.parameters(), lr=LR)
    opt_rel = torch.optim.Adam(rel.parameters(), lr=LR)

    # --- Data: a fixed binary, dSprites-like batch. -------------------------------
    gen = torch.Generator().manual_seed(args.seed)
    x = (torch.rand(args.batch, args.nc, 64, 64, generator=gen) < ONES_FRACTION).float()

    # Relation one-hots for the ReL batch: rel_batch rows per relation, block by block.
    rel_rows = args.rel_batch * args.nrel
    rel_onehot = F.one_hot(
        torch.arange(args.nrel).repeat_interleave(args.rel_batch), args.nrel
    ).float()

    def train_step() -> None:
        # (1) AE step: reconstruction, step the encoder and decoder Adams.
        opt_enc.zero_grad(set_to_none=True)
        opt_dec.zero_grad(set_to_none=True)
        logits = decoder(encoder(x))
        rec_loss = F.binary_cross_entropy_with_logits(logits, x)  # mean over B*C*H*W
        rec_loss.backward()
        opt_enc.step()
        opt_dec.step()
        if args.phase == "ae-only":
            return

        # (2) ReL step: fresh relational batch (independent of x), step the ReL Adam.
        opt_rel.zero_grad(set_to_none=True)
        z_src = torch.randn(rel_rows, PARTITION_DIM)
        z_tgt = torch.randn(rel_rows, PARTITION_DIM)
        pred = rel(torch.cat([z_src, rel_onehot], dim=1))
        rel_loss = F.mse_loss(pred, z_tgt)
        rel_loss.backward()
        opt_rel.step()

        # (3) Generator step: fool D with a fresh E(x); only the ENCODER Adam steps.
        set_trainable(disc, False)
        opt_enc.zero_grad(set_to_none=True)
        d_fake = disc(encoder(x))
        gen_loss = ADV_WEIGHT * F.binary_cross_entropy_with_logits(d_fake, torch.ones_like(d_fake))
        gen_loss.backward()
        opt_enc.step()
        set_trainable(disc, True)

        # (4) Discriminator step: prior samples are real (1), a fresh frozen E(x) is fake (0).
        opt_disc.zero_grad(set_to_none=True)
        z_prior = torch.rand(args.batch, args.zdim) * 2.0 - 1.0  # U(-1, 1)^z_dim
        with torch.no_grad():
            z_fake = encoder(x)  # encoder frozen; BN still in train mode as in the repo
        d_fake = disc(z_fake)
        d_real = disc(z_prior)
        disc_loss = ADV_WEIGHT * (
            0.5 * F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake))
            + 0.5 * F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real))
        )
        disc_loss.backward()
        opt_disc.step()

    # --- Warm-up (untimed), then timed steps. --------------------------------------
    for _ in range(args.warmup):
        train_step()
    times_ms = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        train_step()
        times_ms.append((time.perf_counter() - t0) * 1000.0)

    median_ms = statistics.median(times_ms)
    # ru_maxrss is in KiB on Linux.
    peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    result = {
        "framework": "pytorch",
        "torch_version": torch.__version__,
        "phase": args.phase,
        "batch": args.batch,
        "ms_per_step": round(median_ms, 3),
        "ms_per_step_mean": round(statistics.fmean(times_ms), 3),
        "ms_per_step_min": round(min(times_ms), 3),
        "ms_per_step_max": round(max(times_ms), 3),
        "images_per_s": round(args.batch * 1000.0 / median_ms, 2),
        "peak_rss_mib": round(peak_rss_mib, 1),
        "nc": args.nc,
        "nf": args.nf,
        "zdim": args.zdim,
        "hidden": args.hidden,
        "nrel": args.nrel,
        "rel_batch": args.rel_batch,
        "steps": args.steps,
        "warmup": args.warmup,
        "threads": args.threads,
        "torch_num_threads": torch.get_num_threads(),
        "seed": args.seed,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
        "blas": blas_library(),
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
