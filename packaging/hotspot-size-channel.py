#!/usr/bin/python3
"""How much of the size hotspot's shortfall against the scale factor is the sprite's shape.

    packaging/hotspot-size-channel.py [models/dsprites-full-betavae-hotspots]

An analysis for docs/design/information.md#hotspot-demo, not a test. Reads the demo's enc.h5 (posterior
means and log-variances of every member on the shared fingerprint images, with their factor classes) and
sim.h5 (which channel of each member has the highest label NMI with scale). For that channel it prints:

- its label NMI with scale, recomputed here with the estimator of the similarity engine (it must match
  sim.h5's label_nmi, which the script checks);
- the channel's mean at each (shape, scale) class, in units of one scale step, which shows how far a shape
  change moves it;
- the label NMI it would have if each shape's mean offset were subtracted from the posterior means (the
  posterior widths kept): the ceiling a channel encoding size could reach if shape were explained elsewhere.

Needs Debian's python3-numpy and python3-h5py. 1000 images: about a second per member.
"""
import math
import os
import sys

import h5py
import numpy as np

# A label channel puts different labels this far apart (-ln of 1e-10), as the similarity engine does.
DIFFERENT_LABEL_DISTANCE = 23.025850929940457


def information(distance):
    """I(D) in nats: minus the mean over samples of ln of the mean of exp(-D) over the row."""
    return -float(np.mean(np.log(np.mean(np.exp(-distance), axis=1))))


def gaussian_distance(mu, var):
    """-ln of the Bhattacharyya coefficient between every pair of 1-D Gaussians."""
    summed = var[:, None] + var[None, :]
    return (mu[:, None] - mu[None, :]) ** 2 / (4 * summed) + 0.5 * np.log(summed / (2 * np.sqrt(var[:, None] * var[None, :])))


def label_nmi(mu, var, label_distance, label_info):
    d = gaussian_distance(mu, var)
    info = information(d)
    self_info = 2 * info - information(2 * d)
    if info <= 0 or self_info <= 0:
        return 0.0
    shared = info + label_info - information(d + label_distance)
    return shared / math.sqrt(self_info * label_info)


def main():
    run = sys.argv[1] if len(sys.argv) > 1 else "models/dsprites-full-betavae-hotspots"
    with h5py.File(os.path.join(run, "enc.h5"), "r") as enc:
        mus, logvars, factors = enc["mu"][:].astype(float), enc["logvar"][:].astype(float), enc["factors"][:]
    with h5py.File(os.path.join(run, "sim.h5"), "r") as sim:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in sim.attrs["model_names"]]
        dims = int(sim.attrs["dims_per_model"])
        factor_names = [n.decode() if isinstance(n, bytes) else str(n) for n in sim["label_nmi"].attrs["names"]]
        stored = sim["label_nmi"][:]
    shape_col, scale_col = factor_names.index("shape"), factor_names.index("scale")
    shape = np.unique(factors[:, shape_col], return_inverse=True)[1]
    scale = np.unique(factors[:, scale_col], return_inverse=True)[1]
    scale_distance = np.where(scale[:, None] == scale[None, :], 0.0, DIFFERENT_LABEL_DISTANCE)
    scale_info = information(scale_distance)
    print("member      dim  scale NMI  shape-offset removed  shape offsets (scale steps)")
    ceilings = []
    for m, name in enumerate(names):
        dim = int(np.argmax(stored[m * dims:(m + 1) * dims, scale_col]))
        mu, var = mus[m, :, dim], np.exp(logvars[m, :, dim])
        as_is = label_nmi(mu, var, scale_distance, scale_info)
        if abs(as_is - stored[m * dims + dim, scale_col]) > 1e-3:
            sys.exit(f"{name} dim {dim}: recomputed label NMI {as_is:.4f} differs from sim.h5's {stored[m * dims + dim, scale_col]:.4f}.")
        step = np.polyfit(scale, mu, 1)[0]  # mean move per scale step
        offsets = np.array([mu[shape == s].mean() for s in range(shape.max() + 1)]) - mu.mean()
        ceiling = label_nmi(mu - offsets[shape], var, scale_distance, scale_info)
        ceilings.append((as_is, ceiling))
        print(f"{name:10s}  {dim:3d}  {as_is:9.2f}  {ceiling:20.2f}  " + " ".join(f"{o / step:+.2f}" for o in offsets))
    arr = np.array(ceilings)
    print(f"mean        {'':3s}  {arr[:, 0].mean():9.2f}  {arr[:, 1].mean():20.2f}")


if __name__ == "__main__":
    main()
