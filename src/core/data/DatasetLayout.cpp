#include "data/DatasetLayout.h"

#include "common/LatentLabError.h"

namespace latentlab::data {

std::string layoutName(DatasetLayout layout)
{
    return layout == DatasetLayout::DSprites ? "dsprites" : "shapes3d";
}

DatasetLayout layoutFromName(const std::string& name)
{
    if (name == "dsprites")
        return DatasetLayout::DSprites;
    if (name == "shapes3d")
        return DatasetLayout::Shapes3D;
    throw LatentLabError("Unknown dataset kind '" + name + "'; expected 'dsprites' or 'shapes3d'.");
}

} // namespace latentlab::data
