#!/usr/bin/python3
"""A LatentLab run's decoder as an imported TorchScript model, for the latency comparison of issue 20:

    tests/bench/script_run_decoder.py --run models/dsprites-v2-mae --out /tmp/mae-decoder.pt
    latentlab-cli bench decode --run models/dsprites-v2-mae --codes C.h5 --json      # native LibTorch module
    latentlab-cli bench decode --model /tmp/mae-decoder.pt --codes C.h5 --json       # the same net, scripted

The decoder is reference_decode.py's (tests/bench/reference_train_step.py's Conv64Decoder with the run's
checkpoint weights), scripted with packaging/python/latentlab_torchscript.py; both print the byte sum of the
decoded images, which must agree. encode is a placeholder (zeros): only decode is measured. Not a test.
"""
import argparse
import importlib.util
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "packaging", "python"))
import latentlab_torchscript as lt  # noqa: E402


class DecoderOnly(nn.Module):
    def __init__(self, decoder, z_dim):
        super().__init__()
        self.decoder = decoder
        self.z_dim = z_dim

    def encode(self, x):
        return torch.zeros(x.shape[0], self.z_dim)

    def decode(self, z):
        return self.decoder(z)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("reference_decode", os.path.join(HERE, "reference_decode.py"))
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    decoder, z_dim = ref.load_decoder(a.run)
    channels = decoder.deconv[-1].weight.shape[1]
    lt.export_model(DecoderOnly(decoder, z_dim), a.out, image_size=64, channels=channels, latent_dim=z_dim, decoder_output="logits",
                    name=os.path.basename(os.path.normpath(a.run)) + " decoder (scripted)")
    print(a.out)


if __name__ == "__main__":
    main()
