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

    /// Reads a user's catalogue file (the built-in schema; a version over the generic layout says
    /// "layout": "generic" and names the file's factors as "raw", docs/design/file-formats.md#generic-layout),
    /// checks it and registers its versions for this process, so that find() and every run trained with
    /// it know them. A name the built-in catalogue already has is refused; registering the same file
    /// again is harmless. Thread-safe. Throws LatentLabError naming the file and the problem.
    static DatasetVersionCatalog loadUserFile(const std::string& path);
    /// The version called `name`: built-in first, then the user versions registered so far (the most
    /// recent registration of a name wins). Throws LatentLabError listing all known versions when none
    /// has that name. The reference stays valid for the whole program. Thread-safe.
    static const DatasetVersion& find(const std::string& name);

private:
    std::vector<DatasetVersion> m_versions;
};

} // namespace latentlab::data
