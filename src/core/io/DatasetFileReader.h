#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "data/ImageDataset.h"
#include "io/DatasetFileInfo.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::io {

class DSpritesNpzFile;

/// Reads dSprites and 3D Shapes files in their published HDF5 layouts (docs/design/file-formats.md#dataset-files),
/// real or generated, chunked+gzip or contiguous, through one code path.
///
/// Construction opens the file, validates its structure (datasets present, ranks, dtypes, lengths)
/// and reads the whole label table (rows × 6, at most 35 MB for full dSprites), checking every label
/// lies on the factor grid. Images are read later, by hyperslab, only for the rows asked for, in slabs
/// aligned to the file's chunks so that every compressed chunk is inflated at most once. That keeps a
/// full 5.9 GB 3D Shapes file usable on a 24 GB machine: load the rows a dataset version needs.
///
/// Any problem becomes a LatentLabError whose message names the file, the dataset and what was
/// expected. The reader holds no HDF5 object between calls; all access goes through Hdf5Gateway.
///
/// The real dSprites as users download it, a NumPy .npz (a zip archive), is read through the same
/// interface by io/DSpritesNpzFile (docs/design/file-formats.md#numpy-npz-dsprites): a file is taken for
/// an .npz when it starts with a zip signature or its name ends in ".npz".
class DatasetFileReader {
public:
    explicit DatasetFileReader(std::string path);

    const DatasetFileInfo& info() const { return m_info; }
    /// rows × 6 class indices (3D Shapes values already mapped to classes by nearest grid value).
    const std::vector<std::int64_t>& classes() const { return m_classes; }

    /// Reads the given file rows (ascending, unique, each in [0, rows)) into memory.
    /// Progress counts rows; cancellation is checked between slabs.
    data::ImageDataset readRows(const std::vector<std::int64_t>& rows, const ProgressCallback& progress = {},
                                const CancellationToken& cancel = {}) const;
    /// Reads every row.
    data::ImageDataset readAll(const ProgressCallback& progress = {}, const CancellationToken& cancel = {}) const;

    /// Largest slab read at once, in bytes (the real dSprites file needs one 94 MB chunk row).
    static constexpr std::size_t kSlabBudgetBytes = 128u << 20;

private:
    void inspect();
    void inspectNpz();
    std::string m_path;
    std::shared_ptr<const DSpritesNpzFile> m_npz; ///< set for an .npz; immutable, so const reads may share it
    DatasetFileInfo m_info;
    std::vector<std::int64_t> m_classes;
};

} // namespace latentlab::io
