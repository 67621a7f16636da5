"""Wrap a PyTorch VAE/AE into LatentLab's TorchScript contract (docs/design/file-formats.md, "TorchScript models").

    import latentlab_torchscript as lt
    lt.export_model(my_vae, "my-vae.pt", image_size=64, channels=1, latent_dim=10,
                    encode="encode", decode="decode", encode_returns="mean_logvar", decoder_output="logits")

writes my-vae.pt (a TorchScript module with encode(x) and decode(z), and relate(z, r) when the model has
relations) and my-vae.json (the manifest) side by side; LatentLab opens either file.

The module is compiled with torch.jit.script when the model's methods are scriptable and named like the
contract's; otherwise encode and decode are traced with torch.jit.trace_module (a traced method runs the
operations of the example input: data-dependent control flow is frozen, and relate cannot be traced).
A TorchScript file is code: whoever opens it runs what it contains. Share and open only models you trust.
"""

import json
import math
import os

import torch
from torch import nn

FORMAT = "latentlab-torchscript"
FORMAT_VERSION = 1


class _ScriptedContract(nn.Module):
    """encode/decode delegating to the user's module's methods of the same names (scriptable)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.encode(x)

    @torch.jit.export
    def encode(self, x):
        return self.net.encode(x)

    @torch.jit.export
    def decode(self, z):
        return self.net.decode(z)


class _ScriptedContractWithRelate(_ScriptedContract):
    @torch.jit.export
    def relate(self, z, relation: int):
        return self.net.relate(z, relation)


class _TracedContract(nn.Module):
    """encode/decode calling arbitrary Python callables (traced)."""

    def __init__(self, net, encode, decode):
        super().__init__()
        self.net = net
        self._encode = encode
        self._decode = decode

    def forward(self, x):
        return self.encode(x)

    def encode(self, x):
        return self._encode(x)

    def decode(self, z):
        return self._decode(z)


def _callable(net, what):
    if isinstance(what, str):
        if not hasattr(net, what):
            raise ValueError(f"the model has no method '{what}'")
        return getattr(net, what)
    if callable(what):
        return what
    raise ValueError(f"{what!r} is neither a method name nor a callable")


def _check_outputs(module, example, latent_dim, channels, image_size, encode_returns):
    with torch.no_grad():
        code = module.encode(example)
        if encode_returns == "mean_logvar":
            if not isinstance(code, tuple) or len(code) != 2:
                raise ValueError("encode_returns='mean_logvar' but encode does not return a (mu, logvar) tuple")
            code = code[0]
        elif not isinstance(code, torch.Tensor):
            raise ValueError("encode returns a tuple: pass encode_returns='mean_logvar'")
        if tuple(code.shape) != (example.shape[0], latent_dim):
            raise ValueError(f"encode returns {tuple(code.shape)}, expected {(example.shape[0], latent_dim)}")
        image = module.decode(torch.zeros(example.shape[0], latent_dim))
        want = (example.shape[0], channels, image_size[0], image_size[1])
        if tuple(image.shape) != want:
            raise ValueError(f"decode returns {tuple(image.shape)}, expected {want}")


def _plain(value):
    """JSON-ready numbers from tensors, arrays and nested lists."""
    if isinstance(value, torch.Tensor):
        return value.detach().double().cpu().tolist()
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def manifest(image_size, channels, latent_dim, name="", model="", input_range=(0.0, 1.0), encode_returns="mean",
             decoder_output="logits", latent_names=None, partitions=None, relations=None, dataset=None, factors=None):
    """The manifest as a dict (the fields of the contract; None leaves an optional field out)."""
    height, width = (image_size, image_size) if isinstance(image_size, int) else image_size
    m = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": name,
        "model": model,
        "image": {"channels": int(channels), "height": int(height), "width": int(width)},
        "input_range": [float(input_range[0]), float(input_range[1])],
        "encode_returns": encode_returns,
        "decoder_output": decoder_output,
        "latent_dim": int(latent_dim),
    }
    if latent_names is not None:
        m["latent_names"] = list(latent_names)
    if partitions is not None:
        parts = []
        for p in partitions:
            q = {"name": p["name"], "begin": int(p["begin"]), "end": int(p["end"]), "values": list(p["values"])}
            if p.get("prior") is not None:
                prior = p["prior"]
                q["prior"] = {k: _plain(prior[k]) for k in ("weights", "means", "covariances")}
            parts.append(q)
        m["partitions"] = parts
    if relations is not None:
        m["relations"] = [dict(r) for r in relations]
    if dataset is not None:
        m["dataset"] = dict(dataset)
    if factors is not None:
        m["factors"] = list(factors)
    return m


def export_model(module, path, image_size=64, channels=1, latent_dim=None, encode="encode", decode="decode", relate=None,
                 encode_returns="mean", decoder_output="logits", partitions=None, relations=None, name=None, model="",
                 input_range=(0.0, 1.0), latent_names=None, dataset=None, factors=None, trace=False):
    """Writes PATH (.pt, TorchScript) and PATH with .json (the manifest); returns the manifest dict.

    module: the user's nn.Module. encode/decode: method names or callables (x [B, C, H, W] -> mu [B, D] or
    (mu, logvar); z [B, D] -> logits or images [B, C, H, W]). relate: None, or "relate" for a method
    relate(z, relation: int) -> z' (needs scripting). partitions/relations/dataset/factors: as in the contract.
    trace=True skips the torch.jit.script attempt.
    """
    if latent_dim is None:
        raise ValueError("latent_dim is required")
    if not str(path).endswith(".pt"):
        raise ValueError("path must end in .pt (the manifest goes beside it as .json)")
    if relations and relate is None:
        relate = "relate"
    size = (image_size, image_size) if isinstance(image_size, int) else tuple(image_size)
    lo, hi = input_range
    example = lo + (hi - lo) * torch.rand(2, channels, size[0], size[1])
    module = module.cpu().eval()
    scripted = None
    if not trace and encode == "encode" and decode == "decode" and relate in (None, "relate"):
        wrapper = _ScriptedContractWithRelate(module) if relate else _ScriptedContract(module)
        try:
            scripted = torch.jit.script(wrapper)
        except Exception as error:  # not scriptable: fall back to tracing below
            if relate:
                raise ValueError(f"relate needs torch.jit.script, which failed: {error}") from error
            scripted = None
    if scripted is None:
        if relate:
            raise ValueError("relate cannot be traced: name the methods encode/decode/relate and make them scriptable")
        wrapper = _TracedContract(module, _callable(module, encode), _callable(module, decode))
        try:
            with torch.no_grad():
                scripted = torch.jit.trace_module(wrapper, {"encode": example, "decode": torch.zeros(2, latent_dim)})
        except Exception as error:
            raise ValueError(f"tracing encode on images [2, {channels}, {size[0]}, {size[1]}] and decode on codes [2, {latent_dim}] failed "
                             f"(check image_size, channels and latent_dim): {error}") from error
    _check_outputs(scripted, example, latent_dim, channels, size, encode_returns)
    torch.jit.save(scripted, str(path))
    m = manifest(size, channels, latent_dim, name=name if name is not None else os.path.basename(str(path))[:-3], model=model,
                 input_range=input_range, encode_returns=encode_returns, decoder_output=decoder_output, latent_names=latent_names,
                 partitions=partitions, relations=relations, dataset=dataset, factors=factors)
    write_manifest(m, str(path)[:-3] + ".json")
    return m


def write_manifest(m, path):
    with open(path, "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")


class ExampleBetaVae(nn.Module):
    """A tiny convolutional beta-VAE for 64x64 greyscale images: the README's example and the test fixtures' model."""

    def __init__(self, latent_dim=4):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(nn.Conv2d(1, 4, 4, stride=4), nn.ReLU(), nn.Conv2d(4, 8, 4, stride=4), nn.ReLU(), nn.Flatten(),
                                     nn.Linear(8 * 4 * 4, 2 * latent_dim))
        self.decoder_in = nn.Linear(latent_dim, 8 * 4 * 4)
        self.decoder = nn.Sequential(nn.ReLU(), nn.ConvTranspose2d(8, 4, 4, stride=4), nn.ReLU(), nn.ConvTranspose2d(4, 1, 4, stride=4))

    def encode(self, x):
        h = self.encoder(x)
        return h[:, :self.latent_dim], h[:, self.latent_dim:]

    def decode(self, z):
        return self.decoder(self.decoder_in(z).view(-1, 8, 4, 4))  # logits

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return self.decode(z), mu, logvar


def _example(out_dir):
    """Scripts an (untrained) ExampleBetaVae into OUT_DIR/example-betavae.pt + .json."""
    torch.manual_seed(0)
    net = ExampleBetaVae(latent_dim=4)
    export_model(net, os.path.join(out_dir, "example-betavae.pt"), image_size=64, channels=1, latent_dim=4,
                 encode_returns="mean_logvar", decoder_output="logits", model="betavae", name="example beta-VAE")
    return os.path.join(out_dir, "example-betavae.pt")


if __name__ == "__main__":
    import sys

    print(_example(sys.argv[1] if len(sys.argv) > 1 else "."))
