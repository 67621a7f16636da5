#include "data/DatasetKind.h"

#include "common/LatentLabError.h"
#include "data/kinds/DSpritesKind.h"
#include "data/kinds/GenericKind.h"
#include "data/kinds/Shapes3DKind.h"

namespace latentlab::data {

namespace {
/// The one list of dataset kinds: a new kind adds its descriptor here.
const std::vector<DatasetKind>& registry()
{
    static const std::vector<DatasetKind> kinds{dspritesKind(), shapes3dKind()};
    return kinds;
}

/// The generic layout stays out of the registry: it has no renderer and no fixed factors, so menus,
/// generation and format detection by image path (DatasetKind::all()) do not offer it.
const DatasetKind& generic()
{
    static const DatasetKind kind = genericKind();
    return kind;
}
} // namespace

const DatasetKind& DatasetKind::of(DatasetLayout layout)
{
    for (const DatasetKind& kind : registry())
        if (kind.layout == layout)
            return kind;
    if (layout == DatasetLayout::Generic)
        return generic();
    throw LatentLabError("Dataset kind number " + std::to_string(static_cast<int>(layout)) + " has no descriptor; expected " + namesText("'") + ".");
}

const DatasetKind& DatasetKind::named(const std::string& name)
{
    for (const DatasetKind& kind : registry())
        if (kind.name == name)
            return kind;
    if (name == generic().name)
        return generic();
    throw LatentLabError("Unknown dataset kind '" + name + "'; expected " + namesText("'") + ".");
}

const std::vector<const DatasetKind*>& DatasetKind::all()
{
    static const std::vector<const DatasetKind*> kinds = [] {
        std::vector<const DatasetKind*> v;
        for (const DatasetKind& kind : registry())
            v.push_back(&kind);
        return v;
    }();
    return kinds;
}

std::string DatasetKind::namesText(const std::string& quote)
{
    const auto& kinds = registry();
    std::string text;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (i > 0)
            text += i + 1 == kinds.size() ? " or " : ", ";
        text += quote + kinds[i].name + quote;
    }
    return text;
}

} // namespace latentlab::data
