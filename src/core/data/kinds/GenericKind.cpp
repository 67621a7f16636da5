#include "data/kinds/GenericKind.h"

namespace latentlab::data {

DatasetKind genericKind()
{
    DatasetKind k;
    k.layout = DatasetLayout::Generic;
    k.name = "generic";
    k.title = "Generic";
    k.height = k.width = 64; // what our networks take; a file may hold other sizes (the browser shows them)
    k.channels = 1;          // per file: io::DatasetFileInfo::channels
    k.pixelMaximum = 255;    // the layout stores 0..255 pixels
    k.generatorChunkRows = 64;

    // Nothing is known of a user's images, so the presets are the 3D Shapes ones (the harder of our two
    // kinds): no adversarial term, paired ReL targets, no decode → re-encode cycle.
    DatasetTrainingDefaults& t = k.training;
    t.paperFilters = 64;
    t.paperEpochs = 15001;
    t.paperWarmupEpochs = 5000;
    t.paperLearningRate = 1e-5;
    t.adversarial = false;
    t.jointCodeDim = 16;
    t.gpuFilters = 64;
    t.cycleWeight = 0.0;
    t.relationalPairedTarget = true;
    t.referenceEpochs = 10;
    t.referenceWarmupEpochs = 4;
    t.betaVaeFilters = 64;
    return k;
}

} // namespace latentlab::data
