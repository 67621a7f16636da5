#include "data/kinds/Shapes3DKind.h"

#include "data/kinds/Shapes3DFileFormat.h"
#include "data/kinds/Shapes3DRenderer.h"

namespace latentlab::data {

DatasetKind shapes3dKind()
{
    DatasetKind k;
    k.layout = DatasetLayout::Shapes3D;
    k.name = "shapes3d";
    k.title = "3D Shapes";
    k.factors = FactorSpace::shapes3d();
    k.height = k.width = 64;
    k.channels = 3;
    k.pixelMaximum = 255;
    k.orientationInRadians = false; // degrees, -30..30
    k.huesOnColourWheel = true;     // floor/wall/object hue are fractions of the HSV wheel
    // 12 KB images: 64 per chunk keeps a chunk near the dSprites chunk's size.
    k.generatorChunkRows = 64;
    k.defaultVersion = "shapes3d-v3";

    DatasetTrainingDefaults& t = k.training;
    // docs/design/models.md#hyper-parameters, Shapes3D column: nf 64, lr 1e-5, no adversarial term.
    t.paperFilters = 64;
    t.paperEpochs = 15001;
    t.paperWarmupEpochs = 5000;
    t.paperLearningRate = 1e-5;
    t.adversarial = false;
    t.jointCodeDim = 16;
    t.gpuFilters = 64;
    // The cycle teaches the decoder textures that only the judge reads (rainbow rooms that re-encode as the
    // right value), so it is off here; paired ReL targets keep the room's colours through a relation and
    // the decoded images are what they claim (image-level 0.90, docs/design/model-quality.md).
    t.cycleWeight = 0.0;
    t.relationalPairedTarget = true;
    t.referenceEpochs = 10;
    t.referenceWarmupEpochs = 4;
    t.betaVaeFilters = 64;

    k.makeRenderer = [] { return std::unique_ptr<DatasetImageRenderer>(std::make_unique<Shapes3DRenderer>()); };
    k.fileFormat = std::make_shared<Shapes3DFileFormat>();
    return k;
}

} // namespace latentlab::data
