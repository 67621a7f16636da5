#!/usr/bin/python3
"""ctest torchscript_python: runs exported with `latentlab-cli export --torchscript` load in Debian's python3-torch.

    tests/torchscript/python_loads_export.py --cli build/release/src/cli/latentlab-cli --models models --readme README.md

Exports the bundled M-AE (models/dsprites-v2-mae) and the first beta-VAE member of the bundled ensemble, loads each
with torch.jit.load, and checks what the contract promises a Python user: encode on images, decode to logits of
the manifest's image size, relate rewriting only the target partition, a beta-VAE's (mu, logvar); the exported
weights are the checkpoint's, and the M-AE's decode equals, bit for bit, tests/bench's independent Python decoder
with those weights (when h5py and numpy are there for it). Then runs the
README's "Export to PyTorch" example verbatim on the M-AE export (it decodes a traversal of one latent).
Exits 77 (skipped) when /usr/bin/python3 has no torch.
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import torch
except ImportError:
    print("python3-torch is not installed; skipping")
    sys.exit(77)


def export(cli, run, out):
    subprocess.run([cli, "export", "--torchscript", run, out], check=True)
    return torch.jit.load(os.path.join(out, "model.pt")), json.load(open(os.path.join(out, "model.json")))


def checkpoint_tensors(run):
    """The run's own weights, read from its checkpoint (a LibTorch archive torch.jit.load opens), by export name."""
    archive = torch.jit.load(os.path.join(run, "checkpoint.pt"), map_location="cpu")
    named = list(archive.named_parameters()) + list(archive.named_buffers())
    return {k[len("model."):].replace(".", "_"): t for k, t in named if k.startswith("model.")}


def expect_run_weights(module, run):
    own = checkpoint_tensors(run)
    exported = list(module.named_parameters()) + list(module.named_buffers())
    assert exported, run
    for name, t in exported:
        assert torch.equal(t, own[name]), name


def reference_decoder(run):
    """tests/bench's independent Python Conv64Decoder with the run's checkpoint weights; None without its modules."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        spec = importlib.util.spec_from_file_location("reference_decode", os.path.join(here, "..", "bench", "reference_decode.py"))
        ref = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ref)
    except ImportError as e:  # h5py, numpy
        print("reference decoder unavailable (%s); its comparison is skipped" % e)
        return None
    return ref.load_decoder(run)[0]


def readme_example(readme):
    text = open(readme, encoding="utf-8").read()
    section = text.split("### Export to PyTorch", 1)[1].split("\n#", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--models", required=True)
    p.add_argument("--readme", required=True)
    a = p.parse_args()
    torch.manual_seed(0)
    with tempfile.TemporaryDirectory() as tmp, torch.no_grad():
        mae_run = os.path.join(a.models, "dsprites-v2-mae")
        mae, m = export(a.cli, mae_run, os.path.join(tmp, "mae-export"))
        expect_run_weights(mae, mae_run)
        assert m["format"] == "latentlab-torchscript" and m["model"] == "mae" and m["decoder_output"] == "logits", m
        image = m["image"]
        x = torch.rand(4, image["channels"], image["height"], image["width"])
        z = mae.encode(x)
        assert z.shape == (4, m["latent_dim"]), z.shape
        logits = mae.decode(z)
        assert logits.shape == (4, image["channels"], image["height"], image["width"]), logits.shape
        assert torch.isfinite(logits).all()
        names = [p["name"] for p in m["partitions"]]
        for r, relation in enumerate(m["relations"]):
            part = m["partitions"][names.index(relation["partition"])]
            moved = mae.relate(z, r)
            keep = torch.ones(m["latent_dim"], dtype=torch.bool)
            keep[part["begin"]:part["end"]] = False
            assert torch.equal(moved[:, keep], z[:, keep]), relation["name"]
        assert torch.equal(mae(x), logits)
        # Bit for bit the logits of an independent Python implementation of the decoder with the run's weights.
        reference = reference_decoder(mae_run)
        if reference is not None:
            for batch in (1, 7, 64):
                codes = torch.randn(batch, m["latent_dim"])
                assert torch.equal(mae.decode(codes), reference(codes)), batch

        vae_run = os.path.join(a.models, "dsprites-v2-betavae-ensemble", "member-000")
        vae, v = export(a.cli, vae_run, os.path.join(tmp, "vae-export"))
        expect_run_weights(vae, vae_run)
        assert v["model"] == "betavae" and v["encode_returns"] == "mean_logvar", v
        mu, logvar = vae.encode(x)
        assert mu.shape == logvar.shape == (4, v["latent_dim"])
        assert vae.decode(mu).shape == (4, 1, 64, 64)

        # The README's example, verbatim, where it expects the export ("mae-export" in the working directory).
        example = readme_example(a.readme)
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            scope = {}
            exec(example, scope)
        finally:
            os.chdir(cwd)
        images = scope["images"]
        assert images.shape == (9, 1, 64, 64), images.shape
        assert torch.isfinite(images).all() and images.min() >= 0 and images.max() <= 1
        assert not torch.equal(images[0], images[-1]), "the traversal does not change the image"
    print("torchscript_python: the exports load and decode in python3-torch", torch.__version__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
