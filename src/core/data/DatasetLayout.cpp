#include "data/DatasetLayout.h"

#include "data/DatasetKind.h"

namespace latentlab::data {

std::string layoutName(DatasetLayout layout) { return DatasetKind::of(layout).name; }

DatasetLayout layoutFromName(const std::string& name) { return DatasetKind::named(name).layout; }

} // namespace latentlab::data
