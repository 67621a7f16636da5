#include "train/ModelEvaluator.h"

#include "train/EvalModeScope.h"

#include <torch/nn/functional/loss.h>

namespace latentlab::train {

namespace {

torch::Device deviceOf(model::RelationalAutoEncoder& m) { return m->parameters().front().device(); }

template <typename F>
void forBatches(const std::vector<std::int64_t>& rows, F&& f)
{
    for (std::size_t start = 0; start < rows.size(); start += static_cast<std::size_t>(ModelEvaluator::kBatch)) {
        const std::size_t end = std::min(rows.size(), start + static_cast<std::size_t>(ModelEvaluator::kBatch));
        f(std::vector<std::int64_t>(rows.begin() + static_cast<std::ptrdiff_t>(start), rows.begin() + static_cast<std::ptrdiff_t>(end)));
    }
}

} // namespace

torch::Tensor ModelEvaluator::encodeRows(model::RelationalAutoEncoder& model, const TrainingData& data, const std::vector<std::int64_t>& rows)
{
    EvalModeScope scope(model);
    std::vector<torch::Tensor> codes;
    const auto dev = deviceOf(model);
    forBatches(rows, [&](const std::vector<std::int64_t>& b) { codes.push_back(model->encode(data.batch(b).to(dev)).cpu()); });
    return codes.empty() ? torch::zeros({0, model->layout().codeDim}) : torch::cat(codes, 0);
}

RelationAccuracy ModelEvaluator::relationAccuracy(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, std::int64_t triples)
{
    EvalModeScope scope(model);
    const auto& layout = model->layout();
    RelationAccuracy out;
    for (std::size_t r = 0; r < layout.relations.size(); ++r) {
        const auto& route = layout.relations[r];
        const auto& part = layout.partitions[static_cast<std::size_t>(route.partition)];
        const auto sources = torch::randint(part.numComponents, {triples}, torch::kInt64);
        const auto map = torch::tensor(route.componentMap, torch::kInt64);
        const auto targets = map.index_select(0, sources);
        // Full codes from the product prior, with the target partition drawn from the chosen sources.
        auto code = prior.sample(triples);
        code.narrow(1, part.offset, part.dim).copy_(prior.sampleComponents(route.partition, sources));
        const auto moved = model->relational->apply(code.to(deviceOf(model)), static_cast<std::int64_t>(r), layout).partition;
        const auto predicted = prior.logLikelihood(route.partition, moved).argmax(1);
        out.relations.push_back(route.name);
        out.perRelation.push_back(predicted.eq(targets).to(torch::kFloat64).mean().item<double>());
    }
    double sum = 0;
    for (double a : out.perRelation)
        sum += a;
    out.mean = out.perRelation.empty() ? 0.0 : sum / static_cast<double>(out.perRelation.size());
    return out;
}

RelationAccuracy ModelEvaluator::imageRelationAccuracy(model::RelationalAutoEncoder& model, const model::MixturePrior& prior,
                                                       const TrainingData& data, const std::vector<std::int64_t>& rows)
{
    EvalModeScope scope(model);
    const auto& layout = model->layout();
    RelationAccuracy out;
    const auto trueComponents = data.components(rows, layout); // [N, P]
    for (std::size_t r = 0; r < layout.relations.size(); ++r) {
        const auto& route = layout.relations[r];
        const auto& part = layout.partitions[static_cast<std::size_t>(route.partition)];
        const auto map = torch::tensor(route.componentMap, torch::kInt64);
        std::int64_t correct = 0;
        std::size_t offset = 0;
        forBatches(rows, [&](const std::vector<std::int64_t>& b) {
            const auto code = model->encode(data.batch(b).to(deviceOf(model)));
            const auto moved = model->relational->apply(code, static_cast<std::int64_t>(r), layout).code;
            const auto image = torch::sigmoid(model->decode(moved));
            const auto recoded = model->encode(image);
            const auto predicted = prior.logLikelihood(route.partition, recoded.narrow(1, part.offset, part.dim)).argmax(1);
            const auto expected = map.index_select(
                0, trueComponents.narrow(0, static_cast<std::int64_t>(offset), static_cast<std::int64_t>(b.size())).select(1, route.partition));
            correct += predicted.eq(expected).sum().item<std::int64_t>();
            offset += b.size();
        });
        out.relations.push_back(route.name);
        out.perRelation.push_back(rows.empty() ? 0.0 : static_cast<double>(correct) / static_cast<double>(rows.size()));
    }
    double sum = 0;
    for (double a : out.perRelation)
        sum += a;
    out.mean = out.perRelation.empty() ? 0.0 : sum / static_cast<double>(out.perRelation.size());
    return out;
}

std::vector<double> ModelEvaluator::priorSeparability(const model::MixturePrior& prior, std::int64_t samples)
{
    torch::NoGradGuard noGrad;
    std::vector<double> out;
    for (std::size_t p = 0; p < prior.layout().partitions.size(); ++p) {
        const auto V = prior.layout().partitions[p].numComponents;
        const auto comps = torch::arange(V, torch::kInt64).repeat({samples});
        const auto z = prior.sampleComponents(static_cast<int>(p), comps);
        out.push_back(prior.logLikelihood(static_cast<int>(p), z).argmax(1).eq(comps).to(torch::kFloat64).mean().item<double>());
    }
    return out;
}

double ModelEvaluator::reconstructionBce(model::RelationalAutoEncoder& model, const TrainingData& data, const std::vector<std::int64_t>& rows)
{
    EvalModeScope scope(model);
    double total = 0;
    std::int64_t pixels = 0;
    forBatches(rows, [&](const std::vector<std::int64_t>& b) {
        const auto x = data.batch(b).to(deviceOf(model));
        const auto logits = model->decode(model->encode(x));
        total += torch::nn::functional::binary_cross_entropy_with_logits(
                     logits, x, torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kSum))
                     .item<double>();
        pixels += x.numel();
    });
    return pixels ? total / static_cast<double>(pixels) : 0.0;
}

torch::Tensor ModelEvaluator::classCodes(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                         const std::vector<std::int64_t>& rows)
{
    return prior.classify(encodeRows(model, data, rows));
}

} // namespace latentlab::train
