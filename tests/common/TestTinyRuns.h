#pragma once
#include "model/ModelKind.h"

#include <QString>

#include <cstdint>

/// Tiny trained runs for tests: seconds on one core, enough to exercise every path that needs a fitted
/// prior and a Relational Learner (not to be good models).
namespace testruns {

/// An M-AE or AbsAE of dsprites-v2 on `dataFile` (the "test" preset, 4 epochs of which 3 warm-up, a
/// 32-unit ReL, 120 labelled images, seed 11, CPU) written to `runDir`; `runDir` on success, else "".
QString trainTinyRun(latentlab::model::ModelKind kind, const QString& dataFile, const QString& runDir);
/// A β-VAE of dsprites-v2 on `dataFile` (the "test" preset, 12 steps, one thread, CPU) with `seed`,
/// written to `runDir`; `runDir` on success, else "".
QString trainTinyBetaVae(const QString& dataFile, const QString& runDir, std::uint64_t seed);

} // namespace testruns
