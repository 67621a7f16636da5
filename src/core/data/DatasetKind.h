#pragma once
#include "data/DatasetLayout.h"
#include "data/DatasetTrainingDefaults.h"
#include "data/FactorSpace.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace latentlab::io {
class DatasetFileFormat;
}

namespace latentlab::data {

class DatasetImageRenderer;

/// Everything LatentLab knows about one kind of dataset, in one place (docs/design/datasets.md#dataset-kinds):
/// core, io, training, the CLI and the GUI read these facts here instead of branching on the kind, so a
/// new kind is a new descriptor in data/kinds/ (plus its DatasetLayout value), not an edit of every
/// `if dSprites … else …`. Descriptors are built once and live for the whole program.
struct DatasetKind {
    DatasetLayout layout = DatasetLayout::DSprites; ///< the kind's id
    std::string name;                               ///< "dsprites": the spelling of the CLI, of `dataset info` and of version names
    std::string title;                              ///< "dSprites": for people (GUI, bench tables)
    FactorSpace factors;                            ///< the raw factor space of the published files (all their label columns)
    int height = 64;                                ///< pixels
    int width = 64;                                 ///< pixels
    int channels = 1;                               ///< 1 (grey) or 3 (RGB, HWC)
    int pixelMaximum = 1;                           ///< largest stored pixel value: divide by it to get [0, 1] floats
    bool orientationInRadians = false;              ///< the "orientation" grid is in radians (else degrees)
    bool huesOnColourWheel = false;                 ///< factors named "*_hue" are fractions of the colour wheel
    std::int64_t generatorChunkRows = 64;           ///< images per compressed chunk of a generated file
    std::string defaultVersion;                     ///< the version commands use when none is named (e.g. `ensemble train`)
    DatasetTrainingDefaults training;               ///< preset values that depend on the kind
    /// Makes the procedural renderer (DatasetGenerator calls it once per file).
    std::function<std::unique_ptr<DatasetImageRenderer>()> makeRenderer;
    /// The HDF5 layout of its files (DatasetFileReader, DatasetFileWriter).
    std::shared_ptr<const io::DatasetFileFormat> fileFormat;

    std::size_t bytesPerImage() const { return static_cast<std::size_t>(height) * width * channels; }

    /// The descriptor of `layout`; throws LatentLabError naming the known kinds for a value that has none.
    static const DatasetKind& of(DatasetLayout layout);
    /// The descriptor spelled `name` ("dsprites"); throws LatentLabError naming the accepted spellings.
    static const DatasetKind& named(const std::string& name);
    /// Every procedural kind, in the order of menus and of format detection when a file is read (the
    /// generic layout, DatasetLayout::Generic, is known to of() and named() but listed nowhere here).
    static const std::vector<const DatasetKind*>& all();
    /// "'dsprites' or 'shapes3d'" (with quote "'"), for error sentences listing the accepted names.
    static std::string namesText(const std::string& quote);
};

} // namespace latentlab::data
