#include "explorer/LatentExplorer.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "explorer/DecodedImageBytes.h"
#include "model/ScriptedModel.h"
#include "train/ModelEvaluator.h"
#include "train/RelationOutcomeEvaluator.h"
#include "train/TrainedRun.h"
#include "train/TrainingData.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace latentlab::train {

struct LatentExplorer::State {
    TrainedRun run;
    int channels = 1;
    std::optional<TrainingData> data;
    std::vector<float> dataLow, dataHigh;    ///< per code dimension, over the test split's encodings
    std::vector<double> logLikelihoodFloors; ///< per partition, 1st percentile over the test split's encodings
    TestCodes testCodes;                     ///< the test split's encodings (the latent map's points)
    std::string dataFileOverride;

    // An imported model (openModel) instead of `run`: its layout and prior as the explorer reads them.
    std::optional<model::ScriptedModel> scripted;
    std::string scriptedPath;
    model::LatentLayout scriptedLayout;
    model::MixturePrior scriptedPrior;
    std::vector<torch::Tensor> logWeights; ///< per partition [V], float64: the manifest's mixture weights (runs: uniform, none)
    bool factorPrior = true;

    /// [B, V] what a code's partition `p` is classified by: log N(z_p; μ_v, Σ_v), plus an imported model's log w_v.
    torch::Tensor classificationScores(int p, const torch::Tensor& zPart) const
    {
        const auto ll = prior().logLikelihood(p, zPart);
        return logWeights.empty() ? ll : ll.to(torch::kFloat64) + logWeights.at(static_cast<std::size_t>(p));
    }

    const model::LatentLayout& layout() const { return scripted ? scriptedLayout : run.model->layout(); }
    const model::MixturePrior& prior() const { return scripted ? scriptedPrior : run.prior; }
    // The forward passes below are not const: the run's torch modules' methods are not (the State itself is
    // owned through a pointer, so LatentExplorer's const operations may call them).
    /// codes [n, D] → images [n, C, H, W] in [0, 1].
    torch::Tensor decodeImages(const torch::Tensor& codes) { return scripted ? scripted->decode(codes) : torch::sigmoid(run.model->decode(codes)); }
    /// codes [n, D] → uint8 images; a run's bytes exactly as before (decodedImageBytes of its logits).
    DecodedImages decodeBytes(const torch::Tensor& codes)
    {
        return scripted ? decodedImageBytesOfProbabilities(scripted->decode(codes)) : decodedImageBytes(run.model->decode(codes));
    }
    torch::Tensor encode(const torch::Tensor& images) { return scripted ? scripted->encode(images) : run.model->encode(images); }
    /// codes [n, D] after relation number `r` of layout().
    torch::Tensor relate(const torch::Tensor& codes, int r)
    {
        return scripted ? scripted->relate(codes, r) : run.model->relational->apply(codes, r, run.model->layout()).code;
    }
};

LatentExplorer::LatentExplorer() : m_state(std::make_unique<State>()) { }
LatentExplorer::~LatentExplorer() = default;

std::unique_ptr<LatentExplorer> LatentExplorer::open(const std::string& runDir)
{
    std::unique_ptr<LatentExplorer> e(new LatentExplorer());
    e->m_state->run = TrainedRun::load(runDir);
    if (!e->m_state->prior().fitted())
        throw LatentLabError("Run '" + runDir + "' has not reached the end of warm-up; there is no adaptive prior to explore yet.");
    e->m_state->run.model->eval();
    e->m_state->channels = static_cast<int>(e->m_state->run.model->options().channels);
    return e;
}

std::unique_ptr<LatentExplorer> LatentExplorer::openModel(const std::string& path)
{
    std::unique_ptr<LatentExplorer> e(new LatentExplorer());
    auto& st = *e->m_state;
    st.scripted.emplace(model::ScriptedModel::open(path));
    st.scriptedPath = path;
    const model::ScriptedModel& scripted = *st.scripted;
    const auto& manifest = scripted.manifest();
    st.channels = manifest.channels;
    st.factorPrior = !manifest.partitions.empty() && scripted.hasPrior();

    // The explorer's layout: the manifest's partitions, or one pseudo-partition over the whole code. Where the
    // manifest gives no prior, the partition has the one component N(0, I) (a VAE's prior).
    model::LatentLayout layout;
    layout.codeDim = manifest.latentDim;
    layout.kind = e->modelKind();
    const std::string standardNormal = "N(0, I)";
    if (manifest.partitions.empty())
        layout.partitions.push_back({"latent", 0, manifest.latentDim, 1, {standardNormal}});
    for (const auto& part : scripted.layout().partitions)
        layout.partitions.push_back(st.factorPrior ? part : model::LatentPartition{part.name, part.offset, part.dim, 1, {standardNormal}});
    std::vector<torch::Tensor> means, covariances, counts;
    for (std::size_t p = 0; p < layout.partitions.size(); ++p) {
        const auto& part = layout.partitions[p];
        means.push_back(st.factorPrior ? scripted.prior().means(static_cast<int>(p)) : torch::zeros({1, part.dim}, torch::kFloat32));
        covariances.push_back(st.factorPrior ? scripted.prior().covariances(static_cast<int>(p))
                                             : torch::eye(part.dim, torch::kFloat32).unsqueeze(0));
        counts.push_back(torch::zeros({part.numComponents}, torch::kInt64));
    }
    st.scriptedPrior = model::MixturePrior(layout, model::MixturePriorOptions{});
    st.scriptedPrior.setParameters(means, covariances, counts);
    if (st.factorPrior)
        for (const auto& part : manifest.partitions) {
            const auto w = torch::tensor(at::ArrayRef<double>(part.prior->weights), torch::dtype(torch::kFloat64));
            st.logWeights.push_back((w / w.sum()).log());
        }

    // The manifest names no value map for a relation: the map is what relate() makes of each component mean of
    // its partition (the other partitions at their first component), classified by the prior.
    torch::NoGradGuard noGrad;
    const auto& routes = scripted.layout().relations;
    for (std::size_t r = 0; r < routes.size(); ++r) {
        model::RelationRoute mapped = routes[r];
        const auto& part = layout.partitions.at(static_cast<std::size_t>(mapped.partition));
        auto codes = torch::zeros({part.numComponents, layout.codeDim}, torch::kFloat32);
        for (std::size_t q = 0; q < layout.partitions.size(); ++q) {
            const auto& other = layout.partitions[q];
            codes.narrow(1, other.offset, other.dim)
                .copy_(static_cast<int>(q) == mapped.partition ? means[q] : means[q][0].expand({part.numComponents, other.dim}));
        }
        const auto related = scripted.relate(codes, static_cast<int>(r));
        const auto targets = st.classificationScores(mapped.partition, related.narrow(1, part.offset, part.dim)).argmax(1).contiguous(); // [V]
        mapped.componentMap.assign(targets.data_ptr<std::int64_t>(), targets.data_ptr<std::int64_t>() + targets.numel());
        layout.relations.push_back(std::move(mapped));
    }
    st.scriptedLayout = std::move(layout);
    return e;
}

bool LatentExplorer::imported() const { return m_state->scripted.has_value(); }
std::string LatentExplorer::modelName() const { return m_state->scripted ? m_state->scripted->manifest().name : std::string(); }
bool LatentExplorer::hasFactorPrior() const { return m_state->factorPrior; }

std::string LatentExplorer::runDir() const { return m_state->scripted ? m_state->scriptedPath : m_state->run.runDir; }

model::ModelKind LatentExplorer::modelKind() const
{
    if (!m_state->scripted)
        return m_state->run.config.model;
    const auto& manifest = m_state->scripted->manifest();
    try {
        return model::modelKindFromName(manifest.model);
    } catch (const LatentLabError&) {
        // Free text ("", "my-vae"): told by the latent space's shape.
        return manifest.partitions.empty() ? model::ModelKind::BetaVae : model::ModelKind::ModularAutoEncoder;
    }
}

std::string LatentExplorer::versionName() const
{
    if (!m_state->scripted)
        return m_state->run.config.version;
    const auto& dataset = m_state->scripted->manifest().dataset;
    return dataset ? dataset->version : std::string();
}

int LatentExplorer::codeDim() const { return m_state->layout().codeDim; }
int LatentExplorer::partitionCount() const { return static_cast<int>(m_state->layout().partitions.size()); }
std::string LatentExplorer::partitionName(int p) const { return m_state->layout().partitions.at(static_cast<std::size_t>(p)).name; }
int LatentExplorer::partitionOffset(int p) const { return m_state->layout().partitions.at(static_cast<std::size_t>(p)).offset; }
int LatentExplorer::partitionDim(int p) const { return m_state->layout().partitions.at(static_cast<std::size_t>(p)).dim; }
std::vector<std::string> LatentExplorer::componentNames(int p) const
{
    return m_state->layout().partitions.at(static_cast<std::size_t>(p)).componentNames;
}
std::vector<std::string> LatentExplorer::relationNames() const
{
    std::vector<std::string> names;
    for (const auto& r : m_state->layout().relations)
        names.push_back(r.name);
    return names;
}

int LatentExplorer::relationPartition(int r) const { return m_state->layout().relations.at(static_cast<std::size_t>(r)).partition; }

std::vector<std::pair<std::int64_t, std::int64_t>> LatentExplorer::relationWraps(int r) const
{
    const auto& route = m_state->layout().relations.at(static_cast<std::size_t>(r));
    // The catalogue says whether a relation is a cyclic shift; a saturating one never leaves its grid. A
    // cyclic step off the end is news only for an ordered factor: a circular factor's ends are neighbours
    // and a categorical one has no ends (docs/design/models.md#factor-order).
    try {
        const data::DatasetVersion& version = data::DatasetVersionCatalog::find(versionName());
        const data::Relation& relation = version.relation(route.name);
        if (!relation.cyclic)
            return {};
        const int factor = version.factorIndex(relation.factor);
        if (factor >= 0 && version.factors[static_cast<std::size_t>(factor)].order != data::VersionFactor::Order::Ordered)
            return {};
    } catch (const LatentLabError&) {
        // A version outside the built-in catalogue: its map alone tells (a saturating map has no step back).
    }
    // A shift of one bin moves every value the same way along the mixed-radix index (+stride or −stride)
    // except where it wraps around; the entries against the majority direction are the wraps.
    const auto& map = route.componentMap;
    std::int64_t direction = 0;
    for (std::size_t v = 0; v < map.size(); ++v)
        direction += (map[v] > static_cast<std::int64_t>(v)) - (map[v] < static_cast<std::int64_t>(v));
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (std::size_t v = 0; v < map.size(); ++v) {
        const std::int64_t step = map[v] - static_cast<std::int64_t>(v);
        if ((direction > 0 && step < 0) || (direction < 0 && step > 0))
            out.emplace_back(static_cast<std::int64_t>(v), map[v]);
    }
    return out;
}

std::vector<std::vector<float>> LatentExplorer::componentMeans(int p) const
{
    const auto means = m_state->prior().means(p).to(torch::kFloat32).contiguous(); // [V, d]
    std::vector<std::vector<float>> out;
    for (std::int64_t v = 0; v < means.size(0); ++v)
        out.emplace_back(means[v].data_ptr<float>(), means[v].data_ptr<float>() + means.size(1));
    return out;
}

std::vector<std::vector<double>> LatentExplorer::componentCovariances(int p) const
{
    const auto covariances = m_state->prior().covariances(p).to(torch::kFloat64).contiguous(); // [V, d, d]
    std::vector<std::vector<double>> out;
    for (std::int64_t v = 0; v < covariances.size(0); ++v)
        out.emplace_back(covariances[v].data_ptr<double>(), covariances[v].data_ptr<double>() + covariances[v].numel());
    return out;
}

std::string LatentExplorer::dataFile() const
{
    if (!m_state->scripted)
        return m_state->run.config.dataFile;
    const auto& dataset = m_state->scripted->manifest().dataset;
    return dataset ? dataset->file : std::string();
}

std::uint64_t LatentExplorer::torchSeed() const { return m_state->scripted ? 0 : m_state->run.config.seedTorch; }

namespace {

torch::Tensor toTensor(const LatentCode& code, int dim)
{
    if (static_cast<int>(code.size()) != dim)
        throw LatentLabError("A latent code of " + std::to_string(code.size()) + " numbers was given; this model's codes have " +
                             std::to_string(dim) + ".");
    return torch::from_blob(const_cast<float*>(code.data()), {1, dim}, torch::kFloat32).clone();
}

LatentCode toCode(const torch::Tensor& t)
{
    const auto c = t.reshape({-1}).to(torch::kFloat32).contiguous();
    return LatentCode(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

} // namespace

LatentCode LatentExplorer::samplePrior(std::uint64_t seed) const
{
    torch::NoGradGuard noGrad;
    torch::manual_seed(seed);
    return toCode(m_state->prior().sample(1));
}

LatentCode LatentExplorer::withComponent(const LatentCode& code, int p, std::int64_t component) const
{
    const auto& part = m_state->layout().partitions.at(static_cast<std::size_t>(p));
    if (component < 0 || component >= part.numComponents)
        throw LatentLabError("Partition '" + part.name + "' has " + std::to_string(part.numComponents) + " values; " + std::to_string(component) +
                             " is not one of them.");
    toTensor(code, codeDim());
    LatentCode out = code;
    const auto mean = m_state->prior().means(p)[component].to(torch::kFloat32).contiguous();
    std::copy(mean.data_ptr<float>(), mean.data_ptr<float>() + part.dim, out.begin() + part.offset);
    return out;
}

std::vector<PartitionClassification> LatentExplorer::classify(const LatentCode& code) const
{
    torch::NoGradGuard noGrad;
    const auto z = toTensor(code, codeDim());
    std::vector<PartitionClassification> out;
    const auto& layout = m_state->layout();
    for (std::size_t p = 0; p < layout.partitions.size(); ++p) {
        const auto& part = layout.partitions[p];
        const auto zPart = z.narrow(1, part.offset, part.dim);
        const auto ll = m_state->prior().logLikelihood(static_cast<int>(p), zPart).reshape({-1}).to(torch::kFloat64);
        const auto scores = m_state->logWeights.empty() ? ll : m_state->classificationScores(static_cast<int>(p), zPart).reshape({-1});
        const auto probs = torch::softmax(scores, 0).contiguous();
        PartitionClassification c;
        c.component = scores.argmax().item<std::int64_t>();
        c.componentName = part.componentNames.at(static_cast<std::size_t>(c.component));
        c.logLikelihood = ll[c.component].item<double>();
        c.probabilities.assign(probs.data_ptr<double>(), probs.data_ptr<double>() + probs.numel());
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<PartitionClassification> LatentExplorer::classifyDecoded(const LatentCode& code) const
{
    torch::NoGradGuard noGrad;
    const auto image = m_state->decodeImages(toTensor(code, codeDim()));
    return classify(toCode(m_state->encode(image)));
}

RelationStep LatentExplorer::applyRelation(const LatentCode& code, const std::string& relation) const
{
    const auto& layout = m_state->layout();
    const auto it = std::find_if(layout.relations.begin(), layout.relations.end(), [&](const auto& r) { return r.name == relation; });
    if (it == layout.relations.end()) {
        std::string names;
        for (const auto& r : layout.relations)
            names += (names.empty() ? "" : ", ") + r.name;
        throw LatentLabError("Relation '" + relation + "' does not apply to version '" + versionName() + "'; expected one of " + names + ".");
    }
    torch::NoGradGuard noGrad;
    RelationStep step;
    step.relation = relation;
    step.partition = it->partition;
    step.before = classify(code);
    step.code = toCode(m_state->relate(toTensor(code, codeDim()), static_cast<int>(it - layout.relations.begin())));
    step.after = classify(step.code);
    step.expectedComponent = it->componentMap.at(static_cast<std::size_t>(step.before[static_cast<std::size_t>(it->partition)].component));
    step.asExpected = step.after[static_cast<std::size_t>(it->partition)].component == step.expectedComponent;
    step.imageAfter = classifyDecoded(step.code);
    step.imageAsExpected = step.imageAfter[static_cast<std::size_t>(it->partition)].component == step.expectedComponent;
    const auto source = step.before[static_cast<std::size_t>(it->partition)].component;
    for (const auto& wrap : relationWraps(static_cast<int>(it - layout.relations.begin())))
        step.wraps = step.wraps || wrap.first == source;
    return step;
}

std::vector<LatentCode> LatentExplorer::relationOutputs(const std::vector<LatentCode>& codes, const std::string& relation) const
{
    const auto& layout = m_state->layout();
    const int r = layout.relationIndex(relation);
    if (r < 0) {
        std::string names;
        for (const auto& known : layout.relations)
            names += (names.empty() ? "" : ", ") + known.name;
        throw LatentLabError("Relation '" + relation + "' does not apply to version '" + versionName() + "'; expected one of " + names + ".");
    }
    if (codes.empty())
        return {};
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> rows;
    for (const auto& c : codes)
        rows.push_back(toTensor(c, codeDim()));
    const auto out = m_state->relate(torch::cat(rows, 0), r).to(torch::kFloat32).contiguous();
    std::vector<LatentCode> result;
    for (std::int64_t i = 0; i < out.size(0); ++i)
        result.emplace_back(out[i].data_ptr<float>(), out[i].data_ptr<float>() + out.size(1));
    return result;
}

DecodedImages LatentExplorer::decode(const std::vector<LatentCode>& codes) const
{
    DecodedImages out;
    out.count = static_cast<std::int64_t>(codes.size());
    out.channels = m_state->channels;
    if (codes.empty())
        return out;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> rows;
    for (const auto& c : codes)
        rows.push_back(toTensor(c, codeDim()));
    return m_state->decodeBytes(torch::cat(rows, 0));
}

std::vector<LatentCode> LatentExplorer::traversal(const LatentCode& code, int p) const
{
    const auto& part = m_state->layout().partitions.at(static_cast<std::size_t>(p));
    std::vector<LatentCode> out;
    for (std::int64_t v = 0; v < part.numComponents; ++v)
        out.push_back(withComponent(code, p, v));
    return out;
}

void LatentExplorer::loadData(const ProgressCallback& progress, const CancellationToken& cancel)
{
    auto& st = *m_state;
    if (st.scripted)
        throw LatentLabError(
            "Imported model '" + st.scriptedPath +
            "' is explored without dataset images (the explorer reads datasets for LatentLab runs only); its sliders and prior samples work.");
    TrainingConfig config = st.run.config;
    if (!st.dataFileOverride.empty())
        config.dataFile = st.dataFileOverride;
    TrainingData data = TrainingData::load(config, st.layout(), progress, cancel);
    torch::NoGradGuard noGrad;
    const auto z = ModelEvaluator::encodeRows(st.run.model, data, data.testRows()); // [n, codeDim]
    if (z.size(0) > 0) {
        const auto low = std::get<0>(z.min(0)).contiguous(), high = std::get<0>(z.max(0)).contiguous();
        st.dataLow.assign(low.data_ptr<float>(), low.data_ptr<float>() + low.numel());
        st.dataHigh.assign(high.data_ptr<float>(), high.data_ptr<float>() + high.numel());
        // How far inside the prior real images sit: the 1st percentile of each partition's classified
        // log-likelihood, so the explorer can say when an edited code has left that region.
        st.logLikelihoodFloors.clear();
        for (const auto& part : st.layout().partitions) {
            const int p = static_cast<int>(st.logLikelihoodFloors.size());
            const auto best = std::get<0>(st.run.prior.logLikelihood(p, z.narrow(1, part.offset, part.dim)).max(1));
            const auto sorted = std::get<0>(best.to(torch::kFloat64).sort());
            st.logLikelihoodFloors.push_back(sorted[static_cast<std::int64_t>(0.01 * static_cast<double>(sorted.size(0) - 1))].item<double>());
        }
    }
    // Kept for the latent map: every test code with its images' true components.
    const auto& layout = st.layout();
    TestCodes codes;
    codes.count = z.size(0);
    codes.codeDim = static_cast<int>(z.size(1));
    codes.partitions = static_cast<int>(layout.partitions.size());
    const auto flat = z.to(torch::kFloat32).contiguous();
    codes.codes.assign(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
    for (const std::int64_t row : data.testRows())
        for (const std::int64_t c : layout.componentsOf(data.versionValues(row)))
            codes.components.push_back(c);
    st.testCodes = std::move(codes);
    st.data.emplace(std::move(data));
}

const TestCodes& LatentExplorer::testCodes() const { return m_state->testCodes; }

void LatentExplorer::setDataFile(const std::string& path) { m_state->dataFileOverride = path; }

bool LatentExplorer::hasData() const { return m_state->data.has_value(); }

std::int64_t LatentExplorer::sampleCount() const { return m_state->data ? static_cast<std::int64_t>(m_state->data->testRows().size()) : 0; }

DataSample LatentExplorer::dataSample(std::int64_t index) const
{
    const std::int64_t n = sampleCount();
    if (n == 0)
        throw LatentLabError("Run '" + runDir() + "' has no dataset images loaded; load its data file first.");
    const auto& data = *m_state->data;
    DataSample s;
    s.index = ((index % n) + n) % n;
    const std::int64_t row = data.testRows()[static_cast<std::size_t>(s.index)];
    s.fileRow = data.images().fileRows[static_cast<std::size_t>(row)];
    s.values = data.versionValues(row);
    // One name per partition: a factor value for the M-AE, the combination for the AbsAE's joint partition.
    const auto components = m_state->layout().componentsOf(s.values);
    for (std::size_t p = 0; p < components.size(); ++p)
        s.valueNames.push_back(componentNames(static_cast<int>(p)).at(static_cast<std::size_t>(components[p])));
    s.image = testImage(s.index);
    torch::NoGradGuard noGrad;
    s.code = toCode(ModelEvaluator::encodeRows(m_state->run.model, data, {row}));
    return s;
}

RelationOutcomes LatentExplorer::relationOutcomes(const ProgressCallback& progress, const CancellationToken& cancel) const
{
    if (!m_state->data)
        throw LatentLabError("Run '" + runDir() + "' has no dataset images loaded; load its data file first.");
    const auto& data = *m_state->data;
    const auto& version = data.version();
    RelationOutcomes out;
    out.runDir = runDir();
    out.modelKind = model::modelKindName(modelKind());
    out.version = versionName();
    out.testImages = sampleCount();
    for (const auto& route : m_state->layout().relations) {
        const auto& factor = version.factors.at(static_cast<std::size_t>(version.factorIndex(version.relation(route.name).factor)));
        out.relations.push_back(route.name);
        out.relationFactors.push_back(factor.name);
        std::vector<std::string> names;
        for (std::int64_t v = 0; v < factor.numValues(); ++v)
            names.push_back(factor.valueName(v));
        out.relationValueNames.push_back(std::move(names));
    }
    out.outcomes = RelationOutcomeEvaluator::evaluate(m_state->run.model, m_state->run.prior, data, data.testRows(), progress, cancel);
    return out;
}

namespace {

/// Rows of the data for test indices (each wrapped into range).
std::vector<std::int64_t> testRowsOf(const TrainingData& data, const std::vector<std::int64_t>& indices)
{
    const auto n = static_cast<std::int64_t>(data.testRows().size());
    std::vector<std::int64_t> rows;
    for (const auto i : indices)
        rows.push_back(data.testRows()[static_cast<std::size_t>(((i % n) + n) % n)]);
    return rows;
}

} // namespace

DecodedImages LatentExplorer::testImages(const std::vector<std::int64_t>& indices) const
{
    if (sampleCount() == 0)
        throw LatentLabError("Run '" + runDir() + "' has no dataset images loaded; load its data file first.");
    const auto& images = m_state->data->images();
    DecodedImages out;
    out.count = static_cast<std::int64_t>(indices.size());
    out.height = images.height;
    out.width = images.width;
    out.channels = images.channels;
    const int scale = 255 / images.pixelMaximum();
    for (const auto row : testRowsOf(*m_state->data, indices)) {
        const std::uint8_t* px = images.image(row);
        for (std::size_t i = 0; i < images.bytesPerImage(); ++i)
            out.pixels.push_back(static_cast<std::uint8_t>(px[i] * scale));
    }
    return out;
}

DecodedImages LatentExplorer::relationImages(const std::vector<std::int64_t>& indices, const std::string& relation) const
{
    if (sampleCount() == 0)
        throw LatentLabError("Run '" + runDir() + "' has no dataset images loaded; load its data file first.");
    const auto& layout = m_state->layout();
    const int r = layout.relationIndex(relation);
    if (r < 0)
        throw LatentLabError("Relation '" + relation + "' does not apply to version '" + versionName() + "'.");
    if (indices.empty())
        return decode({});
    torch::NoGradGuard noGrad;
    const auto codes = ModelEvaluator::encodeRows(m_state->run.model, *m_state->data, testRowsOf(*m_state->data, indices));
    const auto moved = m_state->run.model->relational->apply(codes, r, layout).code;
    return decodedImageBytes(m_state->run.model->decode(moved));
}

DecodedImages LatentExplorer::testImage(std::int64_t index) const { return testImages({index}); }

std::vector<double> LatentExplorer::logLikelihoodFloors() const { return m_state->logLikelihoodFloors; }

std::int64_t LatentExplorer::firstSampleShowing(const std::string& relation, std::int64_t limit) const
{
    const auto& layout = m_state->layout();
    const int r = layout.relationIndex(relation);
    if (r < 0)
        throw LatentLabError("Relation '" + relation + "' does not apply to version '" + versionName() + "'.");
    const auto& route = layout.relations[static_cast<std::size_t>(r)];
    const auto part = static_cast<std::size_t>(route.partition);
    const std::int64_t n = std::min(limit, sampleCount());
    for (std::int64_t i = 0; i < n; ++i) {
        const DataSample s = dataSample(i);
        const auto truth = layout.componentsOf(s.values);
        const auto classes = classify(s.code);
        bool read = true;
        for (std::size_t p = 0; p < truth.size() && p < classes.size(); ++p)
            read = read && classes[p].component == truth[p];
        if (!read)
            continue;
        const RelationStep step = applyRelation(s.code, relation);
        const std::int64_t expected = route.componentMap.at(static_cast<std::size_t>(truth.at(part)));
        if (step.after[part].component == expected && step.imageAfter[part].component == expected)
            return i;
    }
    return -1;
}

std::vector<LatentCode> LatentExplorer::sweep(const LatentCode& code, int p, int dim, SliderRange range, int steps) const
{
    toTensor(code, codeDim());
    const int offset = partitionOffset(p);
    if (dim < 0 || dim >= partitionDim(p) || steps < 2)
        throw LatentLabError("A sweep needs a dimension of partition '" + partitionName(p) + "' and at least 2 steps.");
    std::vector<LatentCode> out;
    for (int i = 0; i < steps; ++i) {
        LatentCode c = code;
        c[static_cast<std::size_t>(offset + dim)] = static_cast<float>(range.low + (range.high - range.low) * i / (steps - 1));
        out.push_back(std::move(c));
    }
    return out;
}

SliderRange LatentExplorer::sliderRange(const LatentCode& code, int p, int dim, SliderRangeMode mode) const
{
    const auto& part = m_state->layout().partitions.at(static_cast<std::size_t>(p));
    if (dim < 0 || dim >= part.dim)
        throw LatentLabError("Partition '" + part.name + "' has " + std::to_string(part.dim) + " dimensions; " + std::to_string(dim) +
                             " is not one.");
    if (mode == SliderRangeMode::Fixed)
        return {-3.0, 3.0};
    if (mode == SliderRangeMode::DataMinMax && !m_state->dataLow.empty()) {
        const auto i = static_cast<std::size_t>(part.offset + dim);
        return {m_state->dataLow[i], m_state->dataHigh[i]};
    }
    const auto means = m_state->prior().means(p).to(torch::kFloat64);     // [V, d]
    const auto cov = m_state->prior().covariances(p).to(torch::kFloat64); // [V, d, d]
    auto interval = [&](std::int64_t v) {
        const double m = means[v][dim].item<double>(), s = std::sqrt(std::max(cov[v][dim][dim].item<double>(), 0.0));
        return SliderRange{m - 2 * s, m + 2 * s};
    };
    if (mode == SliderRangeMode::PriorComponent)
        return interval(classify(code)[static_cast<std::size_t>(p)].component);
    SliderRange r{INFINITY, -INFINITY};
    for (std::int64_t v = 0; v < part.numComponents; ++v) {
        const auto i = interval(v);
        r.low = std::min(r.low, i.low);
        r.high = std::max(r.high, i.high);
    }
    return r;
}

} // namespace latentlab::train
