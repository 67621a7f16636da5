// Fuzzes SimilarityFileReader (docs/design/file-formats.md#similarity-file; any tool may write these files) by
// structure-aware edits of a valid file, then re-clusters the result as the similarity view does.
#include "FuzzScratch.h"
#include "Hdf5FuzzFile.h"

#include "common/LatentLabError.h"
#include "info/SimilarityAnalysis.h"
#include "info/SimilarityFileReader.h"

using namespace latentlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const fuzz::Hdf5FuzzFile similarity = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("similarity.h5"));
    static const std::string path = fuzz::scratchPath("similarity.h5");
    fuzz::FuzzBytes in(data, size);
    fuzz::Hdf5FuzzFile file = similarity;
    file.mutate(in);
    file.write(path);
    try {
        auto result = info::SimilarityFileReader::read(path);
        info::SimilarityOptions options = result.options;
        options.minSamples = 2 + in.byte() % 6;
        info::SimilarityAnalysis::recluster(result, options);
        fuzz::noteAccepted();
    } catch (const LatentLabError& e) {
        fuzz::noteRejected(e);
    } catch (const std::exception& e) {
        fuzz::failOnUnexpected(e);
    }
    return 0;
}
