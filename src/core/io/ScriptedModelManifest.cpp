#include "io/ScriptedModelManifest.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace latentlab::io {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A manifest is a few KB; a prior with large partitions a few MB. Anything bigger is not a manifest.
constexpr std::uintmax_t kMaxManifestBytes = 64u << 20;
constexpr int kMaxLatentDim = 65536;
constexpr int kMaxImageSide = 4096;

/// Validation with the file name and the JSON path of the field at fault in every sentence.
class FieldReader {
public:
    explicit FieldReader(std::string source) : m_source(std::move(source)) { }

    [[noreturn]] void fail(const std::string& field, const std::string& expected, const json* found = nullptr) const
    {
        std::string sentence = "Manifest '" + m_source + "' field '" + field + "' " + expected;
        if (found) {
            std::string text = found->dump();
            if (text.size() > 60)
                text = text.substr(0, 60) + "…";
            sentence += ", not " + text;
        }
        throw LatentLabError(sentence + ".");
    }

    const json* optional(const json& object, const std::string& key) const
    {
        const auto it = object.find(key);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }
    const json& required(const json& object, const std::string& key, const std::string& field) const
    {
        const json* v = optional(object, key);
        if (!v)
            throw LatentLabError("Manifest '" + m_source + "' has no field '" + field + "'; the contract requires it.");
        return *v;
    }
    std::string string(const json& v, const std::string& field, bool nonEmpty = false) const
    {
        if (!v.is_string() || (nonEmpty && v.get<std::string>().empty()))
            fail(field, nonEmpty ? "must be a non-empty string" : "must be a string", &v);
        return v.get<std::string>();
    }
    int integer(const json& v, const std::string& field, int low, int high, const std::string& meaning = {}) const
    {
        if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high)
            fail(field, "must be an integer in [" + std::to_string(low) + ", " + std::to_string(high) + "]" + meaning, &v);
        return static_cast<int>(v.get<long long>());
    }
    double number(const json& v, const std::string& field) const
    {
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            fail(field, "must be a finite number", &v);
        return v.get<double>();
    }
    const json& array(const json& v, const std::string& field, std::size_t size, const std::string& meaning) const
    {
        if (!v.is_array() || (size != 0 && v.size() != size))
            fail(field, size ? "must be an array of " + std::to_string(size) + " " + meaning : "must be an array of " + meaning, &v);
        return v;
    }
    std::vector<std::string> names(const json& v, const std::string& field, std::size_t size, const std::string& meaning) const
    {
        array(v, field, size, meaning);
        std::vector<std::string> out;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < v.size(); ++i) {
            out.push_back(string(v[i], field + "[" + std::to_string(i) + "]", true));
            if (!seen.insert(out.back()).second)
                fail(field + "[" + std::to_string(i) + "]", "must differ from the earlier entries", &v[i]);
        }
        return out;
    }
    std::vector<double> numbers(const json& v, const std::string& field, std::size_t size) const
    {
        array(v, field, size, "numbers");
        std::vector<double> out;
        for (std::size_t i = 0; i < v.size(); ++i)
            out.push_back(number(v[i], field + "[" + std::to_string(i) + "]"));
        return out;
    }

private:
    std::string m_source;
};

ScriptedModelManifest::Prior readPrior(const FieldReader& r, const json& j, const std::string& field, std::size_t values, std::size_t dim)
{
    if (!j.is_object())
        r.fail(field, "must be an object with weights, means and covariances", &j);
    ScriptedModelManifest::Prior prior;
    prior.weights = r.numbers(r.required(j, "weights", field + ".weights"), field + ".weights", values);
    double total = 0;
    for (std::size_t v = 0; v < values; ++v) {
        if (prior.weights[v] < 0)
            r.fail(field + ".weights[" + std::to_string(v) + "]", "must not be negative", &j["weights"][v]);
        total += prior.weights[v];
    }
    if (!(total > 0))
        r.fail(field + ".weights", "must not all be zero", &j["weights"]);
    const json& means = r.array(r.required(j, "means", field + ".means"), field + ".means", values, "mean vectors, one per value");
    const json& covs =
        r.array(r.required(j, "covariances", field + ".covariances"), field + ".covariances", values, "covariance matrices, one per value");
    for (std::size_t v = 0; v < values; ++v) {
        const std::string vf = "[" + std::to_string(v) + "]";
        prior.means.push_back(r.numbers(means[v], field + ".means" + vf, dim));
        r.array(covs[v], field + ".covariances" + vf, dim, "rows (the partition's dimensions)");
        std::vector<std::vector<double>> cov;
        for (std::size_t a = 0; a < dim; ++a)
            cov.push_back(r.numbers(covs[v][a], field + ".covariances" + vf + "[" + std::to_string(a) + "]", dim));
        for (std::size_t a = 0; a < dim; ++a) {
            if (!(cov[a][a] > 0))
                r.fail(field + ".covariances" + vf, "must have a positive diagonal", &covs[v][a][a]);
            for (std::size_t b = 0; b < a; ++b)
                if (std::abs(cov[a][b] - cov[b][a]) > 1e-6 * (std::abs(cov[a][b]) + std::abs(cov[b][a]) + 1e-12))
                    r.fail(field + ".covariances" + vf, "must be symmetric");
        }
        prior.covariances.push_back(std::move(cov));
    }
    return prior;
}

} // namespace

ScriptedModelManifest ScriptedModelManifest::fromJson(const json& j, const std::string& source)
{
    const FieldReader r(source);
    if (!j.is_object())
        throw LatentLabError("Manifest '" + source + "' is not a JSON object; expected a LatentLab TorchScript manifest.");
    const std::string format = r.string(r.required(j, "format", "format"), "format");
    if (format != kFormat)
        r.fail("format", std::string("must be \"") + kFormat + "\"", &j["format"]);
    const json& version = r.required(j, "format_version", "format_version");
    if (!version.is_number_integer() || version.get<long long>() != kFormatVersion)
        r.fail("format_version", "must be " + std::to_string(kFormatVersion) + " (the version this build reads)", &version);

    ScriptedModelManifest m;
    if (const json* v = r.optional(j, "name"))
        m.name = r.string(*v, "name");
    if (const json* v = r.optional(j, "model"))
        m.model = r.string(*v, "model");

    const json& image = r.required(j, "image", "image");
    if (!image.is_object())
        r.fail("image", "must be an object {\"channels\", \"height\", \"width\"}", &image);
    m.channels = r.integer(r.required(image, "channels", "image.channels"), "image.channels", 1, 4);
    m.height = r.integer(r.required(image, "height", "image.height"), "image.height", 1, kMaxImageSide);
    m.width = r.integer(r.required(image, "width", "image.width"), "image.width", 1, kMaxImageSide);

    if (const json* v = r.optional(j, "input_range")) {
        const auto range = r.numbers(*v, "input_range", 2);
        if (!(range[0] < range[1]))
            r.fail("input_range", "must be [low, high] with low < high", v);
        m.inputRange = {range[0], range[1]};
    }
    if (const json* v = r.optional(j, "encode_returns")) {
        const std::string s = r.string(*v, "encode_returns");
        if (s != "mean" && s != "mean_logvar")
            r.fail("encode_returns", "must be \"mean\" or \"mean_logvar\"", v);
        m.encodeReturnsLogVar = s == "mean_logvar";
    }
    {
        const json& v = r.required(j, "decoder_output", "decoder_output");
        const std::string s = r.string(v, "decoder_output");
        if (s != "logits" && s != "probabilities")
            r.fail("decoder_output", "must be \"logits\" or \"probabilities\"", &v);
        m.decoderOutputsLogits = s == "logits";
    }
    m.latentDim = r.integer(r.required(j, "latent_dim", "latent_dim"), "latent_dim", 1, kMaxLatentDim);
    if (const json* v = r.optional(j, "latent_names"))
        m.latentNames = r.names(*v, "latent_names", static_cast<std::size_t>(m.latentDim), "names (latent_dim)");

    if (const json* v = r.optional(j, "partitions")) {
        r.array(*v, "partitions", 0, "partition objects");
        std::vector<bool> used(static_cast<std::size_t>(m.latentDim), false);
        std::set<std::string> names;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const std::string f = "partitions[" + std::to_string(i) + "]";
            const json& pj = (*v)[i];
            if (!pj.is_object())
                r.fail(f, "must be an object with name, begin, end and values", &pj);
            Partition p;
            p.name = r.string(r.required(pj, "name", f + ".name"), f + ".name", true);
            if (!names.insert(p.name).second)
                r.fail(f + ".name", "must differ from the other partitions' names", &pj["name"]);
            p.begin = r.integer(r.required(pj, "begin", f + ".begin"), f + ".begin", 0, m.latentDim - 1, " (a code dimension)");
            p.end = r.integer(r.required(pj, "end", f + ".end"), f + ".end", p.begin + 1, m.latentDim, " (after begin, within latent_dim)");
            for (int d = p.begin; d < p.end; ++d) {
                if (used[static_cast<std::size_t>(d)])
                    r.fail(f, "must not overlap an earlier partition (dimension " + std::to_string(d) + " is taken)");
                used[static_cast<std::size_t>(d)] = true;
            }
            p.values = r.names(r.required(pj, "values", f + ".values"), f + ".values", 0, "value names");
            if (p.values.empty())
                r.fail(f + ".values", "must name at least one value", &pj["values"]);
            if (const json* prior = r.optional(pj, "prior"))
                p.prior = readPrior(r, *prior, f + ".prior", p.values.size(), static_cast<std::size_t>(p.dim()));
            m.partitions.push_back(std::move(p));
        }
    }
    if (const json* v = r.optional(j, "relations")) {
        r.array(*v, "relations", 0, "relation objects");
        std::set<std::string> names;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const std::string f = "relations[" + std::to_string(i) + "]";
            const json& rj = (*v)[i];
            if (!rj.is_object())
                r.fail(f, "must be an object with name and partition", &rj);
            Relation rel;
            rel.name = r.string(r.required(rj, "name", f + ".name"), f + ".name", true);
            if (!names.insert(rel.name).second)
                r.fail(f + ".name", "must differ from the other relations' names", &rj["name"]);
            rel.partition = r.string(r.required(rj, "partition", f + ".partition"), f + ".partition", true);
            if (m.partitionIndex(rel.partition) < 0)
                r.fail(f + ".partition", "must name one of the manifest's partitions", &rj["partition"]);
            if (const json* d = r.optional(rj, "description"))
                rel.description = r.string(*d, f + ".description");
            m.relations.push_back(std::move(rel));
        }
    }
    if (const json* v = r.optional(j, "dataset")) {
        if (!v->is_object())
            r.fail("dataset", "must be an object {\"file\", \"layout\", \"version\"}", v);
        Dataset d;
        if (const json* s = r.optional(*v, "file"))
            d.file = r.string(*s, "dataset.file");
        if (const json* s = r.optional(*v, "layout"))
            d.layout = r.string(*s, "dataset.layout");
        if (const json* s = r.optional(*v, "version"))
            d.version = r.string(*s, "dataset.version");
        m.dataset = d;
    }
    if (const json* v = r.optional(j, "factors")) {
        if (m.partitions.empty())
            m.factors = r.names(*v, "factors", 0, "dataset factor names");
        else
            m.factors = r.names(*v, "factors", m.partitions.size(), "dataset factor names (one per partition)");
    }
    const json* encoder = r.optional(j, "encoder");
    const json* decoder = r.optional(j, "decoder");
    if (encoder || decoder) {
        if (!encoder || !decoder)
            r.fail(encoder ? "decoder" : "encoder", "must be given too when the model is an encoder/decoder pair");
        m.encoderFile = r.string(*encoder, "encoder", true);
        m.decoderFile = r.string(*decoder, "decoder", true);
        if (!m.relations.empty())
            r.fail("relations", "need a single module with a relate method, not an encoder/decoder pair");
    }
    return m;
}

ScriptedModelManifest ScriptedModelManifest::readFile(const std::string& path)
{
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw LatentLabError("Manifest '" + path + "' does not exist; a TorchScript model needs its JSON manifest beside it.");
    const auto size = fs::file_size(path, ec);
    if (ec || size > kMaxManifestBytes)
        throw LatentLabError("Manifest '" + path + "' is " + (ec ? std::string("unreadable") : std::to_string(size >> 20) + " MiB") +
                             "; a manifest is a small JSON file (at most " + std::to_string(kMaxManifestBytes >> 20) + " MiB).");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw LatentLabError("Manifest '" + path + "' cannot be read.");
    std::ostringstream text;
    text << in.rdbuf();
    json j;
    try {
        j = json::parse(text.str());
    } catch (const json::exception& e) {
        std::string why = e.what();
        why = why.substr(0, why.find('\n'));
        throw LatentLabError("Manifest '" + path + "' is not valid JSON (" + why + ").");
    }
    return fromJson(j, path);
}

json ScriptedModelManifest::toJson() const
{
    json j;
    j["format"] = kFormat;
    j["format_version"] = kFormatVersion;
    j["name"] = name;
    j["model"] = model;
    j["image"] = {{"channels", channels}, {"height", height}, {"width", width}};
    j["input_range"] = {inputRange[0], inputRange[1]};
    j["encode_returns"] = encodeReturnsLogVar ? "mean_logvar" : "mean";
    j["decoder_output"] = decoderOutputsLogits ? "logits" : "probabilities";
    j["latent_dim"] = latentDim;
    if (!latentNames.empty())
        j["latent_names"] = latentNames;
    if (!partitions.empty()) {
        json parts = json::array();
        for (const auto& p : partitions) {
            json pj = {{"name", p.name}, {"begin", p.begin}, {"end", p.end}, {"values", p.values}};
            if (p.prior)
                pj["prior"] = {{"weights", p.prior->weights}, {"means", p.prior->means}, {"covariances", p.prior->covariances}};
            parts.push_back(std::move(pj));
        }
        j["partitions"] = std::move(parts);
    }
    if (!relations.empty()) {
        json rels = json::array();
        for (const auto& r : relations) {
            json rj = {{"name", r.name}, {"partition", r.partition}};
            if (!r.description.empty())
                rj["description"] = r.description;
            rels.push_back(std::move(rj));
        }
        j["relations"] = std::move(rels);
    }
    if (dataset)
        j["dataset"] = {{"file", dataset->file}, {"layout", dataset->layout}, {"version", dataset->version}};
    if (!factors.empty())
        j["factors"] = factors;
    if (!encoderFile.empty()) {
        j["encoder"] = encoderFile;
        j["decoder"] = decoderFile;
    }
    return j;
}

void ScriptedModelManifest::writeFile(const std::string& path) const
{
    const std::string text = toJson().dump(2) + "\n";
    atomicfile::writeAtomically(path, "manifest", [&](const atomicfile::ByteSink& sink) { sink(text.data(), text.size()); });
}

std::string ScriptedModelManifest::manifestPathFor(const std::string& openedPath)
{
    fs::path p(openedPath);
    if (p.extension() == ".json")
        return openedPath;
    return p.replace_extension(".json").string();
}

std::vector<std::string> ScriptedModelManifest::moduleFiles(const std::string& manifestPath) const
{
    const fs::path dir = fs::path(manifestPath).parent_path();
    if (!encoderFile.empty())
        return {(dir / encoderFile).string(), (dir / decoderFile).string()};
    return {fs::path(manifestPath).replace_extension(".pt").string()};
}

bool ScriptedModelManifest::hasPriors() const
{
    if (partitions.empty())
        return false;
    for (const auto& p : partitions)
        if (!p.prior)
            return false;
    return true;
}

int ScriptedModelManifest::partitionIndex(const std::string& partitionName) const
{
    for (std::size_t i = 0; i < partitions.size(); ++i)
        if (partitions[i].name == partitionName)
            return static_cast<int>(i);
    return -1;
}

} // namespace latentlab::io
