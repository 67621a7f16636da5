#include "data/kinds/GenericKind.h"

#include "data/kinds/Shapes3DKind.h"

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
    k.training = shapes3dKind().training;
    return k;
}

} // namespace latentlab::data
