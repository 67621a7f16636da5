#include "train/RelationOutcomeEvaluator.h"

#include "train/EvalModeScope.h"
#include "train/ModelEvaluator.h"

#include <algorithm>

namespace latentlab::train {

namespace {

/// [n, P] components as rows of version values (AbsAE: its combination split into factor values).
std::vector<std::vector<std::int64_t>> valuesOf(const torch::Tensor& components, const model::LatentLayout& layout)
{
    const auto c = components.to(torch::kInt64).contiguous();
    const auto n = c.size(0), P = c.size(1);
    std::vector<std::vector<std::int64_t>> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t* row = c.data_ptr<std::int64_t>() + i * P;
        out.push_back(layout.valuesOf(std::vector<std::int64_t>(row, row + P)));
    }
    return out;
}

} // namespace

std::vector<RelationOutcome> RelationOutcomeEvaluator::evaluate(model::RelationalAutoEncoder& model, const model::MixturePrior& prior,
                                                                const TrainingData& data, const std::vector<std::int64_t>& testRows,
                                                                const ProgressCallback& progress, const CancellationToken& cancel)
{
    EvalModeScope scope(model);
    const auto& layout = model->layout();
    const auto& version = data.version();
    const auto dev = model->parameters().front().device();
    const auto R = layout.relations.size();
    const auto N = static_cast<std::int64_t>(testRows.size());
    std::vector<std::vector<RelationOutcome>> perRelation(R);
    std::vector<std::size_t> factorOf(R);
    for (std::size_t r = 0; r < R; ++r)
        factorOf[r] = static_cast<std::size_t>(version.factorIndex(version.relation(layout.relations[r].name).factor));
    const std::int64_t total = N * static_cast<std::int64_t>(R);
    std::int64_t done = 0;
    for (std::int64_t start = 0; start < N; start += ModelEvaluator::kBatch) {
        cancel.throwIfCancelled();
        const auto n = std::min(ModelEvaluator::kBatch, N - start);
        // Encoded per batch exactly as ModelEvaluator::imageRelationAccuracy does, so the figures agree.
        const std::vector<std::int64_t> rows(testRows.begin() + start, testRows.begin() + start + n);
        const auto code = model->encode(data.batch(rows).to(dev));
        const auto sourceValues = valuesOf(prior.classify(code.cpu()), layout);
        for (std::size_t r = 0; r < R; ++r) {
            cancel.throwIfCancelled();
            const auto& relation = version.relation(layout.relations[r].name);
            const auto moved = model->relational->apply(code, static_cast<std::int64_t>(r), layout);
            const auto recoded = model->encode(torch::sigmoid(model->decode(moved.code)));
            const auto resultValues = valuesOf(prior.classify(recoded.cpu()), layout);
            const auto f = factorOf[r];
            for (std::int64_t i = 0; i < n; ++i) {
                const auto& truth = data.versionValues(rows[static_cast<std::size_t>(i)]);
                const auto& result = resultValues[static_cast<std::size_t>(i)];
                RelationOutcome o;
                o.testIndex = start + i;
                o.fileRow = data.images().fileRows[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])];
                o.relation = static_cast<int>(r);
                o.sourceTrue = truth[f];
                o.sourceClassified = sourceValues[static_cast<std::size_t>(i)][f];
                o.expected = relation.apply(truth[f]);
                o.result = result[f];
                o.othersKept = true;
                for (std::size_t g = 0; g < truth.size(); ++g)
                    o.othersKept = o.othersKept && (g == f || result[g] == truth[g]);
                perRelation[r].push_back(o);
            }
            done += n;
            if (progress)
                progress({done, total, "relation " + relation.name});
        }
    }
    std::vector<RelationOutcome> out;
    out.reserve(static_cast<std::size_t>(total));
    for (auto& outcomes : perRelation)
        out.insert(out.end(), outcomes.begin(), outcomes.end());
    return out;
}

} // namespace latentlab::train
