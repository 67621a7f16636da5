#include "model/ScriptedModel.h"

#include "common/LatentLabError.h"
#include "train/CheckpointArchive.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <filesystem>
#include <sstream>

namespace latentlab::model {

namespace fs = std::filesystem;

namespace {

/// Larger than any model this tool can explore on a desktop; the archive is read whole for its CRC checks.
constexpr std::uintmax_t kMaxModuleBytes = 2ull << 30;
constexpr std::int64_t kProbeBatch = 2;

std::string shapeText(c10::IntArrayRef sizes) { return train::CheckpointArchive::shapeText(sizes); }

std::string firstLine(const char* what) { return train::CheckpointArchive::firstLine(what); }

std::string inQuotes(const std::string& s) { return "'" + s + "'"; }

} // namespace

/// The loaded module(s): one with encode/decode(/relate) methods, or an encoder and a decoder whose forward is
/// the method. Methods are looked up once; running them from several threads at once is safe (inference only).
struct ScriptedModel::Modules {
    std::vector<torch::jit::Module> modules;
    std::optional<torch::jit::Method> encode, decode, relate;
};

ScriptedModel ScriptedModel::open(const std::string& path)
{
    ScriptedModel model;
    model.m_manifestPath = io::ScriptedModelManifest::manifestPathFor(path);
    if (path != model.m_manifestPath && !fs::is_regular_file(model.m_manifestPath))
        throw LatentLabError("TorchScript model " + inQuotes(path) + " has no manifest " + inQuotes(model.m_manifestPath) +
                             " beside it; an imported model needs one (docs/design/file-formats.md#torchscript-models).");
    model.m_manifest = std::make_shared<const io::ScriptedModelManifest>(io::ScriptedModelManifest::readFile(model.m_manifestPath));
    const auto& manifest = *model.m_manifest;
    model.m_moduleFiles = manifest.moduleFiles(model.m_manifestPath);

    // The same integrity checks as our checkpoints: a readable regular file of sane size whose zip entries pass
    // their CRCs before LibTorch parses anything (its importer crashes on some corrupt archives).
    model.m_modules = std::make_shared<Modules>();
    for (const auto& file : model.m_moduleFiles) {
        std::error_code ec;
        if (!fs::is_regular_file(file, ec))
            throw LatentLabError("TorchScript model " + inQuotes(file) + " does not exist; its manifest " + inQuotes(model.m_manifestPath) +
                                 " names it.");
        const auto size = fs::file_size(file, ec);
        if (ec || size > kMaxModuleBytes)
            throw LatentLabError("TorchScript model " + inQuotes(file) + " is " +
                                 (ec ? std::string("unreadable") : std::to_string(size >> 20) + " MiB") + "; at most " +
                                 std::to_string(kMaxModuleBytes >> 20) + " MiB can be opened.");
        train::CheckpointArchive::verifyZipArchive(file, "TorchScript model", "a TorchScript module (torch.jit.save)");
        try {
            auto module = torch::jit::load(file, torch::kCPU);
            module.eval();
            model.m_modules->modules.push_back(std::move(module));
        } catch (const LatentLabError&) {
            throw;
        } catch (const std::exception& e) {
            throw LatentLabError("TorchScript model " + inQuotes(file) + " cannot be loaded by LibTorch " + TORCH_VERSION + " (" +
                                 firstLine(e.what()) + ").");
        }
    }
    auto& mods = *model.m_modules;
    auto method = [&](std::size_t index, const std::string& name, bool required) -> std::optional<torch::jit::Method> {
        auto found = mods.modules[index].find_method(name);
        if (!found && required)
            throw LatentLabError("TorchScript model " + inQuotes(model.m_moduleFiles[index]) + " has no method '" + name + "'; the contract needs " +
                                 (manifest.encoderFile.empty() ? "encode(x) and decode(z)" : "forward as the encoder resp. the decoder") + ".");
        return found ? std::optional<torch::jit::Method>(*found) : std::nullopt;
    };
    if (manifest.encoderFile.empty()) {
        mods.encode = method(0, "encode", true);
        mods.decode = method(0, "decode", true);
        mods.relate = method(0, "relate", false);
        if (!manifest.relations.empty() && !mods.relate)
            throw LatentLabError("TorchScript model " + inQuotes(model.m_moduleFiles[0]) + " has no method 'relate', but its manifest " +
                                 inQuotes(model.m_manifestPath) + " lists " + std::to_string(manifest.relations.size()) + " relations.");
    } else {
        mods.encode = method(0, "forward", true);
        mods.decode = method(1, "forward", true);
    }

    model.m_layout.codeDim = manifest.latentDim;
    for (const auto& p : manifest.partitions)
        model.m_layout.partitions.push_back({p.name, p.begin, p.dim(), static_cast<std::int64_t>(p.values.size()), p.values});
    for (const auto& r : manifest.relations)
        model.m_layout.relations.push_back({r.name, manifest.partitionIndex(r.partition), {}});
    if (manifest.hasPriors()) {
        std::vector<torch::Tensor> means, covariances, counts;
        for (std::size_t pi = 0; pi < manifest.partitions.size(); ++pi) {
            const auto& p = manifest.partitions[pi];
            const auto V = static_cast<std::int64_t>(p.values.size()), d = static_cast<std::int64_t>(p.dim());
            auto mu = torch::empty({V, d}, torch::kFloat64);
            auto cov = torch::empty({V, d, d}, torch::kFloat64);
            auto w = torch::empty({V}, torch::kFloat64);
            for (std::int64_t v = 0; v < V; ++v) {
                w[v] = p.prior->weights[static_cast<std::size_t>(v)];
                for (std::int64_t a = 0; a < d; ++a) {
                    mu[v][a] = p.prior->means[static_cast<std::size_t>(v)][static_cast<std::size_t>(a)];
                    for (std::int64_t b = 0; b < d; ++b)
                        cov[v][a][b] = p.prior->covariances[static_cast<std::size_t>(v)][static_cast<std::size_t>(a)][static_cast<std::size_t>(b)];
                }
            }
            const auto info = std::get<1>(at::linalg_cholesky_ex(cov));
            for (std::int64_t v = 0; v < V; ++v)
                if (info[v].item<std::int64_t>() != 0)
                    throw LatentLabError("Manifest " + inQuotes(model.m_manifestPath) + " field 'partitions[" + std::to_string(pi) +
                                         "].prior.covariances[" + std::to_string(v) + "]' must be positive definite.");
            means.push_back(mu.to(torch::kFloat32));
            covariances.push_back(cov.to(torch::kFloat32));
            counts.push_back(torch::zeros({V}, torch::kInt64));
            model.m_logWeights.push_back((w / w.sum()).log().to(torch::kFloat32));
        }
        model.m_prior = MixturePrior(model.m_layout, MixturePriorOptions{});
        model.m_prior.setParameters(std::move(means), std::move(covariances), std::move(counts));
    }
    model.probe();
    return model;
}

namespace {

/// Runs a method and turns whatever it throws into one sentence.
c10::IValue call(torch::jit::Method& method, std::vector<c10::IValue> inputs, const std::string& file, const std::string& what,
                 const std::string& inputText)
{
    try {
        torch::NoGradGuard noGrad;
        return method(std::move(inputs));
    } catch (const std::exception& e) {
        throw LatentLabError("TorchScript model " + inQuotes(file) + " fails in " + what + " on " + inputText + " (" + firstLine(e.what()) + ").");
    }
}

/// A float32 tensor of the expected shape, or one sentence.
torch::Tensor checkedTensor(const c10::IValue& value, const std::vector<std::int64_t>& expected, const std::string& file, const std::string& what,
                            const std::string& expectedWhy)
{
    if (!value.isTensor())
        throw LatentLabError("TorchScript model " + inQuotes(file) + " " + what + " returns a " + value.tagKind() + ", not a tensor " +
                             shapeText(expected) + expectedWhy + ".");
    const auto t = value.toTensor();
    if (!t.is_floating_point())
        throw LatentLabError("TorchScript model " + inQuotes(file) + " " + what + " returns " + std::string(c10::toString(t.scalar_type())) +
                             " values; the contract expects float32.");
    if (t.sizes().vec() != expected)
        throw LatentLabError("TorchScript model " + inQuotes(file) + " " + what + " returns " + shapeText(t.sizes()) + " where " +
                             shapeText(expected) + " was expected" + expectedWhy + ".");
    return t.to(torch::kCPU, torch::kFloat32).contiguous();
}

} // namespace

std::pair<torch::Tensor, torch::Tensor> ScriptedModel::encodeWithLogVar(const torch::Tensor& images) const
{
    const auto& m = *m_manifest;
    const auto& file = m_moduleFiles.front();
    if (images.dim() != 4 || images.size(1) != m.channels || images.size(2) != m.height || images.size(3) != m.width)
        throw LatentLabError("TorchScript model " + inQuotes(file) + " encodes images [B, " + std::to_string(m.channels) + ", " +
                             std::to_string(m.height) + ", " + std::to_string(m.width) + "], not " + shapeText(images.sizes()) + ".");
    auto x = images.to(torch::kCPU, torch::kFloat32);
    if (m.inputRange[0] != 0.0 || m.inputRange[1] != 1.0)
        x = x * (m.inputRange[1] - m.inputRange[0]) + m.inputRange[0];
    const std::int64_t B = images.size(0);
    const std::string why = " (latent_dim " + std::to_string(m.latentDim) + " in the manifest " + inQuotes(m_manifestPath) + ")";
    const auto out = call(*m_modules->encode, {x.contiguous()}, file, "encode", std::to_string(B) + " images");
    const std::vector<std::int64_t> shape{B, m.latentDim};
    if (!m.encodeReturnsLogVar) {
        if (out.isTuple())
            throw LatentLabError("TorchScript model " + inQuotes(file) + " encode returns a tuple, but its manifest " + inQuotes(m_manifestPath) +
                                 " says encode_returns \"mean\"; say \"mean_logvar\" for a module that returns (mu, logvar).");
        const auto mu = checkedTensor(out, shape, file, "encode", why);
        return {mu, torch::zeros_like(mu)};
    }
    if (!out.isTuple() || out.toTupleRef().elements().size() != 2)
        throw LatentLabError("TorchScript model " + inQuotes(file) + " encode does not return a (mu, logvar) tuple, but its manifest " +
                             inQuotes(m_manifestPath) + " says encode_returns \"mean_logvar\".");
    const auto& pair = out.toTupleRef().elements();
    return {checkedTensor(pair[0], shape, file, "encode (mu)", why), checkedTensor(pair[1], shape, file, "encode (logvar)", why)};
}

torch::Tensor ScriptedModel::encode(const torch::Tensor& images) const { return encodeWithLogVar(images).first; }

torch::Tensor ScriptedModel::decode(const torch::Tensor& codes) const
{
    const auto& m = *m_manifest;
    const auto& file = m_moduleFiles.back();
    if (codes.dim() != 2 || codes.size(1) != m.latentDim)
        throw LatentLabError("TorchScript model " + inQuotes(file) + " decodes codes [B, " + std::to_string(m.latentDim) + "], not " +
                             shapeText(codes.sizes()) + ".");
    const std::int64_t B = codes.size(0);
    const auto out = call(*m_modules->decode, {codes.to(torch::kCPU, torch::kFloat32).contiguous()}, file, "decode", std::to_string(B) + " codes");
    const auto t = checkedTensor(out, {B, m.channels, m.height, m.width}, file, "decode",
                                 " (image channels, height and width in the manifest " + inQuotes(m_manifestPath) + ")");
    return m.decoderOutputsLogits ? torch::sigmoid(t) : t;
}

torch::Tensor ScriptedModel::relate(const torch::Tensor& codes, int relation) const
{
    const auto& m = *m_manifest;
    const auto& file = m_moduleFiles.front();
    if (relation < 0 || relation >= static_cast<int>(m.relations.size()))
        throw LatentLabError("TorchScript model " + inQuotes(file) + " has no relation number " + std::to_string(relation) + "; its manifest lists " +
                             std::to_string(m.relations.size()) + ".");
    if (codes.dim() != 2 || codes.size(1) != m.latentDim)
        throw LatentLabError("TorchScript model " + inQuotes(file) + " relates codes [B, " + std::to_string(m.latentDim) + "], not " +
                             shapeText(codes.sizes()) + ".");
    const std::int64_t B = codes.size(0);
    const auto out = call(*m_modules->relate, {codes.to(torch::kCPU, torch::kFloat32).contiguous(), static_cast<std::int64_t>(relation)}, file,
                          "relate", std::to_string(B) + " codes");
    return checkedTensor(out, {B, m.latentDim}, file, "relate", " (latent_dim " + std::to_string(m.latentDim) + ")");
}

torch::Tensor ScriptedModel::classify(const torch::Tensor& codes) const
{
    if (!hasPrior())
        throw LatentLabError("Model " + inQuotes(m_manifestPath) + " has no prior for every partition in its manifest, so it cannot classify codes.");
    std::vector<torch::Tensor> cols;
    for (std::size_t p = 0; p < m_layout.partitions.size(); ++p) {
        const auto& part = m_layout.partitions[p];
        const auto z = codes.to(torch::kCPU, torch::kFloat32).narrow(1, part.offset, part.dim);
        cols.push_back((m_prior.logLikelihood(static_cast<int>(p), z) + m_logWeights[p]).argmax(1));
    }
    return torch::stack(cols, 1);
}

void ScriptedModel::probe() const
{
    const auto& m = *m_manifest;
    // A smooth ramp rather than black images: a module that only breaks on content is caught too.
    const auto images =
        torch::linspace(0.0, 1.0, kProbeBatch * m.channels * m.height * m.width).reshape({kProbeBatch, m.channels, m.height, m.width});
    const auto [mu, logvar] = encodeWithLogVar(images);
    if (!torch::isfinite(mu).all().item<bool>() || !torch::isfinite(logvar).all().item<bool>())
        throw LatentLabError("TorchScript model " + inQuotes(m_moduleFiles.front()) +
                             " encode returns non-finite values (NaN or infinity) on a probe batch of " + std::to_string(kProbeBatch) + " images.");
    const auto zeros = torch::zeros({kProbeBatch, m.latentDim});
    const auto& decoderFile = m_moduleFiles.back();
    const auto out = call(*m_modules->decode, {zeros}, decoderFile, "decode", std::to_string(kProbeBatch) + " zero codes");
    const auto raw = checkedTensor(out, {kProbeBatch, m.channels, m.height, m.width}, decoderFile, "decode",
                                   " (image channels, height and width in the manifest " + inQuotes(m_manifestPath) + ")");
    if (!torch::isfinite(raw).all().item<bool>())
        throw LatentLabError("TorchScript model " + inQuotes(decoderFile) +
                             " decode returns non-finite values (NaN or infinity) on a probe batch of " + std::to_string(kProbeBatch) +
                             " zero codes.");
    if (!m.decoderOutputsLogits && (raw.min().item<double>() < -1e-4 || raw.max().item<double>() > 1.0 + 1e-4)) {
        std::ostringstream range;
        range << "[" << raw.min().item<double>() << ", " << raw.max().item<double>() << "]";
        throw LatentLabError("TorchScript model " + inQuotes(decoderFile) + " decode returns values in " + range.str() + ", but its manifest " +
                             inQuotes(m_manifestPath) +
                             " says decoder_output \"probabilities\" (images in [0, 1]); say \"logits\" for a decoder without a final sigmoid.");
    }
    for (std::size_t r = 0; r < m.relations.size(); ++r) {
        const auto related = relate(mu, static_cast<int>(r));
        const auto& rel = m.relations[r];
        const auto& part = m.partitions[static_cast<std::size_t>(m.partitionIndex(rel.partition))];
        if (!torch::isfinite(related).all().item<bool>())
            throw LatentLabError("TorchScript model " + inQuotes(m_moduleFiles.front()) + " relate(z, " + std::to_string(r) + ") ('" + rel.name +
                                 "') returns non-finite values (NaN or infinity) on a probe batch.");
        const auto changed = (related != mu).any(0); // [D]
        for (int d = 0; d < m.latentDim; ++d)
            if ((d < part.begin || d >= part.end) && changed[d].item<bool>())
                throw LatentLabError("TorchScript model " + inQuotes(m_moduleFiles.front()) + " relate(z, " + std::to_string(r) + ") ('" + rel.name +
                                     "') changes code dimension " + std::to_string(d) + ", outside its partition '" + part.name + "' [" +
                                     std::to_string(part.begin) + ", " + std::to_string(part.end) + ").");
    }
}

} // namespace latentlab::model
