#include "io/MetricMatrices.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "train/TrainingConfig.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace latentlab::io {
namespace {

using nlohmann::json;

std::string readText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw LatentLabError("Cannot read '" + path + "'.");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::vector<std::pair<std::string, std::string>>& matrixTitles()
{
    static const std::vector<std::pair<std::string, std::string>> titles{
        {"dci_importance", "DCI importance"}, {"mig_mutual_information", "MIG mutual information (nats)"}, {"sap_score_matrix", "SAP score"}};
    return titles;
}

/// A [rows, cols] matrix from an array of equal-length arrays of numbers.
metrics::DenseMatrix<double> parseMatrix(const json& rows, const std::string& where, std::int64_t expectedRows, std::int64_t expectedCols)
{
    if (!rows.is_array())
        throw LatentLabError(where + " is not an array of rows.");
    if (static_cast<std::int64_t>(rows.size()) != expectedRows)
        throw LatentLabError(where + " has " + std::to_string(rows.size()) + " rows; expected " + std::to_string(expectedRows) +
                             " (one per code dimension).");
    metrics::DenseMatrix<double> m(expectedRows, expectedCols);
    for (std::int64_t r = 0; r < expectedRows; ++r) {
        const json& row = rows.at(static_cast<std::size_t>(r));
        if (!row.is_array() || static_cast<std::int64_t>(row.size()) != expectedCols)
            throw LatentLabError(where + " row " + std::to_string(r) + " does not have " + std::to_string(expectedCols) +
                                 " numbers (one per scored factor).");
        for (std::int64_t c = 0; c < expectedCols; ++c) {
            const json& v = row.at(static_cast<std::size_t>(c));
            if (!v.is_number())
                throw LatentLabError(where + " row " + std::to_string(r) + " holds a value that is not a number.");
            m(r, c) = v.get<double>();
        }
    }
    return m;
}

} // namespace

const std::vector<std::string>& MetricMatrices::matrixKeys()
{
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const auto& t : matrixTitles())
            k.push_back(t.first);
        return k;
    }();
    return keys;
}

bool MetricMatrices::hasDetails(const json& file, const std::string& representation)
{
    if (!file.is_object() || !file.contains(representation) || !file.at(representation).is_object())
        return false;
    const json& one = file.at(representation);
    if (!one.contains("details") || !one.at("details").is_object())
        return false;
    for (const auto& key : matrixKeys())
        if (one.at("details").contains(key))
            return true;
    return false;
}

MetricMatrices MetricMatrices::fromJson(const json& file, const std::string& representation)
{
    const std::string where = "metrics.json's " + representation;
    if (!hasDetails(file, representation))
        throw LatentLabError(where + " has no matrices; compute the metrics with `latentlab-cli eval --metrics all --details`.");
    const json& details = file.at(representation).at("details");
    if (!file.contains("factor_names") || !file.at("factor_names").is_array())
        throw LatentLabError("metrics.json has no factor_names list to name the matrices' columns.");
    const auto allNames = file.at("factor_names");
    if (!details.contains("kept_factors") || !details.at("kept_factors").is_array())
        throw LatentLabError(where + " details have no kept_factors list (the matrices' columns).");
    MetricMatrices m;
    m.representation = representation;
    for (const json& k : details.at("kept_factors")) {
        if (!k.is_number_integer() || k.get<std::int64_t>() < 0 || k.get<std::int64_t>() >= static_cast<std::int64_t>(allNames.size()))
            throw LatentLabError(where + " kept_factors holds " + k.dump() + "; expected an index into factor_names (0.." +
                                 std::to_string(static_cast<std::int64_t>(allNames.size()) - 1) + ").");
        m.factorIndices.push_back(k.get<std::int64_t>());
        const json& name = allNames.at(k.get<std::size_t>());
        m.factorNames.push_back(name.is_string() ? name.get<std::string>() : name.dump());
    }
    // The row count: code_dims when written, else the first matrix's rows.
    if (details.contains("code_dims") && details.at("code_dims").is_number_integer())
        m.codes = details.at("code_dims").get<std::int64_t>();
    else
        for (const auto& key : matrixKeys())
            if (details.contains(key) && details.at(key).is_array()) {
                m.codes = static_cast<std::int64_t>(details.at(key).size());
                break;
            }
    const auto cols = static_cast<std::int64_t>(m.factorIndices.size());
    for (const auto& [key, title] : matrixTitles())
        if (details.contains(key))
            m.matrices.push_back({key, title, parseMatrix(details.at(key), where + " " + key, m.codes, cols)});
    for (std::int64_t r = 0; r < m.codes; ++r) {
        m.codeNames.push_back("code " + std::to_string(r));
        m.codePlaces.push_back({});
    }
    return m;
}

json MetricMatrices::readMetricsFile(const std::string& runDir)
{
    const std::string path = (std::filesystem::path(runDir) / "metrics.json").string();
    if (!std::filesystem::is_regular_file(path))
        throw LatentLabError("The run '" + runDir + "' has no metrics.json; compute it with `latentlab-cli eval --run " + runDir +
                             " --metrics all --details`.");
    try {
        return json::parse(readText(path));
    } catch (const json::exception& e) {
        throw LatentLabError("'" + path + "' is not valid JSON (" + e.what() + ").");
    }
}

model::LatentLayout MetricMatrices::runLayout(const std::string& runDir)
{
    const std::string path = (std::filesystem::path(runDir) / "config.json").string();
    const auto config = train::TrainingConfig::fromJson(readText(path), "'" + path + "'");
    const auto& version = data::DatasetVersionCatalog::find(config.version);
    return model::LatentLayout::forModel(config.model, version, config.partitionDim, config.jointCodeDim);
}

void MetricMatrices::withLayout(const model::LatentLayout& layout)
{
    const bool classCodes = representation == "class_codes";
    const auto expected = classCodes ? static_cast<std::int64_t>(layout.partitions.size()) : static_cast<std::int64_t>(layout.codeDim);
    if (expected != codes)
        return; // a file from another model: keep the plain names rather than guess
    codeNames.clear();
    codePlaces.clear();
    for (int p = 0; p < static_cast<int>(layout.partitions.size()); ++p) {
        const auto& partition = layout.partitions[static_cast<std::size_t>(p)];
        if (classCodes) {
            codeNames.push_back(partition.name);
            codePlaces.push_back({p, 0});
            continue;
        }
        for (int d = 0; d < partition.dim; ++d) {
            codeNames.push_back(partition.name + "\xc2\xb7" + std::to_string(d));
            codePlaces.push_back({p, d});
        }
    }
}

} // namespace latentlab::io
