#include "train/RealImageEvaluator.h"

#include "train/EvalModeScope.h"
#include "train/NearestImageJudge.h"

namespace latentlab::train {

namespace {

double meanOf(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

double fraction(std::int64_t correct, std::int64_t total) { return total ? static_cast<double>(correct) / static_cast<double>(total) : 0.0; }

/// Factor f read from partition p: a one-partition, shared-covariance Gaussian classifier.
double purityOf(const torch::Tensor& labelledCodes, const torch::Tensor& labelledComponents, const torch::Tensor& testCodes,
                const torch::Tensor& testComponents, const model::LatentPartition& source, const model::LatentPartition& factor, std::int64_t f)
{
    model::LatentLayout layout;
    model::LatentPartition only = factor;
    only.offset = 0;
    only.dim = source.dim;
    layout.partitions = {only};
    layout.codeDim = source.dim;
    model::MixturePriorOptions options;
    options.covarianceScale = 1.0;
    options.sharedCovariance = true;
    model::MixturePrior classifier(layout, options);
    classifier.fit(labelledCodes.narrow(1, source.offset, source.dim), labelledComponents.select(1, f).unsqueeze(1));
    const auto predicted = classifier.classify(testCodes.narrow(1, source.offset, source.dim)).select(1, 0);
    return predicted.eq(testComponents.select(1, f)).to(torch::kFloat64).mean().item<double>();
}

} // namespace

RealImageEvaluation RealImageEvaluator::evaluate(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                                 const std::vector<std::int64_t>& testRows, const std::vector<std::int64_t>& labelledRows)
{
    EvalModeScope scope(model);
    const auto& layout = model->layout();
    const auto dev = model->parameters().front().device();
    const auto P = layout.partitions.size();
    const auto R = layout.relations.size();
    const auto N = static_cast<std::int64_t>(testRows.size());
    RealImageEvaluation out;
    for (const auto& part : layout.partitions)
        out.partitions.push_back(part.name);

    const auto truth = data.components(testRows, layout);                 // [N, P]
    const auto codes = ModelEvaluator::encodeRows(model, data, testRows); // [N, D], CPU
    const auto classified = prior.classify(codes);                        // [N, P]
    for (std::size_t p = 0; p < P; ++p)
        out.classification.push_back(N ? classified.select(1, static_cast<std::int64_t>(p))
                                             .eq(truth.select(1, static_cast<std::int64_t>(p)))
                                             .to(torch::kFloat64)
                                             .mean()
                                             .item<double>()
                                       : 0.0);

    std::vector<std::int64_t> imageCorrect(R), relativeCorrect(R), latentCorrect(R), nearestCorrect(R), nearestJudged(R);
    std::int64_t reconstructionCorrect = 0, reconstructionJudged = 0;
    const NearestImageJudge judge(data);
    const auto& version = data.version();
    // Counts a batch's verdicts (1 right, 0 wrong, -1 not judged).
    auto tally = [](const std::vector<int>& verdicts, std::int64_t& correct, std::int64_t& judged) {
        for (const int v : verdicts)
            if (v >= 0) {
                correct += v;
                ++judged;
            }
    };
    for (std::int64_t start = 0; start < N; start += ModelEvaluator::kBatch) {
        const auto n = std::min(ModelEvaluator::kBatch, N - start);
        // Re-encoded per batch exactly as ModelEvaluator::imageRelationAccuracy does, so the figures agree.
        const std::vector<std::int64_t> rows(testRows.begin() + start, testRows.begin() + start + n);
        const auto code = model->encode(data.batch(rows).to(dev));
        const auto candidates = judge.gather(rows);
        std::vector<std::int64_t> expected;
        for (const auto row : rows)
            expected.push_back(judge.combinationOf(data.versionValues(row)));
        tally(judge.judge(candidates, torch::sigmoid(model->decode(code)), expected), reconstructionCorrect, reconstructionJudged);
        for (std::size_t r = 0; r < R; ++r) {
            const auto& route = layout.relations[r];
            const auto& part = layout.partitions[static_cast<std::size_t>(route.partition)];
            const auto map = torch::tensor(route.componentMap, torch::kInt64);
            const auto moved = model->relational->apply(code, static_cast<std::int64_t>(r), layout);
            const auto decoded = torch::sigmoid(model->decode(moved.code));
            const auto recoded = model->encode(decoded);
            const auto& relation = version.relation(route.name);
            const auto f = static_cast<std::size_t>(version.factorIndex(relation.factor));
            for (std::size_t i = 0; i < rows.size(); ++i) {
                auto values = data.versionValues(rows[i]);
                values[f] = relation.apply(values[f]);
                expected[i] = judge.combinationOf(values);
            }
            tally(judge.judge(candidates, decoded, expected), nearestCorrect[r], nearestJudged[r]);
            const auto predicted = prior.logLikelihood(route.partition, recoded.narrow(1, part.offset, part.dim)).argmax(1);
            const auto inLatent = prior.logLikelihood(route.partition, moved.partition).argmax(1);
            const auto expected = map.index_select(0, truth.narrow(0, start, n).select(1, route.partition));
            const auto expectedFromClass = map.index_select(0, classified.narrow(0, start, n).select(1, route.partition));
            imageCorrect[r] += predicted.eq(expected).sum().item<std::int64_t>();
            relativeCorrect[r] += predicted.eq(expectedFromClass).sum().item<std::int64_t>();
            latentCorrect[r] += inLatent.eq(expected).sum().item<std::int64_t>();
        }
    }
    for (RelationAccuracy* a : {&out.image, &out.imageRelative, &out.latent, &out.nearest})
        for (const auto& route : layout.relations)
            a->relations.push_back(route.name);
    for (std::size_t r = 0; r < R; ++r) {
        out.image.perRelation.push_back(fraction(imageCorrect[r], N));
        out.imageRelative.perRelation.push_back(fraction(relativeCorrect[r], N));
        out.latent.perRelation.push_back(fraction(latentCorrect[r], N));
        out.nearest.perRelation.push_back(fraction(nearestCorrect[r], nearestJudged[r]));
    }
    std::int64_t judged = 0;
    for (const auto j : nearestJudged)
        judged += j;
    out.nearestCoverage = fraction(judged, N * static_cast<std::int64_t>(R));
    out.reconstructionNearest = fraction(reconstructionCorrect, reconstructionJudged);
    out.image.mean = meanOf(out.image.perRelation);
    out.imageRelative.mean = meanOf(out.imageRelative.perRelation);
    out.latent.mean = meanOf(out.latent.perRelation);
    out.nearest.mean = meanOf(out.nearest.perRelation);

    if (!labelledRows.empty() && N > 0) {
        const auto labelledCodes = ModelEvaluator::encodeRows(model, data, labelledRows);
        const auto labelledTruth = data.components(labelledRows, layout);
        for (std::size_t p = 0; p < P; ++p)
            for (std::size_t f = 0; f < P; ++f)
                out.purity.push_back(
                    purityOf(labelledCodes, labelledTruth, codes, truth, layout.partitions[p], layout.partitions[f], static_cast<std::int64_t>(f)));
    }
    return out;
}

} // namespace latentlab::train
