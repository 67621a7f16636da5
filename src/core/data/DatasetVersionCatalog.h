#pragma once
#include "data/DatasetVersion.h"

#include <string>
#include <vector>

namespace latentlab::data {

/// The table of dataset versions and their relations, parsed from JSON. The built-in table (builtinJson())
/// holds dsprites-v2/v3/v4 and shapes3d-v2/v3/v5 (docs/design/models.md#dataset-versions and
/// docs/design/models.md#relation-catalogue); users can load their own table of the same schema.
class DatasetVersionCatalog {
public:
    /// Parses a catalog; relation maps are derived from each relation's axis, step and boundary unless
    /// given explicitly as "map". Throws LatentLabError on a schema error, naming the entry.
    static DatasetVersionCatalog fromJson(const std::string& json);
    /// The built-in catalog (parsed once).
    static const DatasetVersionCatalog& builtin();
    /// The JSON text of the built-in catalog.
    static const char* builtinJson();

    const std::vector<DatasetVersion>& versions() const { return m_versions; }
    std::vector<std::string> names() const;
    /// Throws LatentLabError listing the known versions when `name` is unknown.
    const DatasetVersion& version(const std::string& name) const;
    /// Versions of one layout, in catalog order.
    std::vector<const DatasetVersion*> versionsFor(DatasetLayout layout) const;

private:
    std::vector<DatasetVersion> m_versions;
};

} // namespace latentlab::data
