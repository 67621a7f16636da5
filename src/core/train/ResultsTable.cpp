#include "train/ResultsTable.h"

#include "metrics/PaperReferenceResults.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace latentlab::train {

namespace {

SeedStatistic statistic(const std::vector<double>& values)
{
    SeedStatistic s;
    s.n = static_cast<int>(values.size());
    if (values.empty())
        return s;
    for (double v : values)
        s.mean += v / static_cast<double>(values.size());
    if (values.size() > 1) {
        double ss = 0;
        for (double v : values)
            ss += (v - s.mean) * (v - s.mean);
        s.std = std::sqrt(ss / static_cast<double>(values.size() - 1));
    }
    return s;
}

std::string format(const SeedStatistic& s, int decimals = 3)
{
    if (s.n == 0)
        return "–";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f ± %.*f (%d)", decimals, s.mean, decimals, s.std, s.n);
    return buffer;
}

std::string format(const std::optional<double>& v)
{
    if (!v)
        return "–";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", *v);
    return buffer;
}

std::string csvCells(const SeedStatistic& s)
{
    if (s.n == 0)
        return ",,0";
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%.6f,%.6f,%d", s.mean, s.std, s.n);
    return buffer;
}

std::string csvCell(const std::optional<double>& v)
{
    if (!v)
        return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", *v);
    return buffer;
}

} // namespace

std::vector<ResultsTableRow> ResultsTable::build(const std::vector<RunResults>& runs)
{
    std::map<std::string, std::vector<const RunResults*>> groups;
    for (const auto& r : runs)
        groups[r.groupKey()].push_back(&r);
    std::vector<ResultsTableRow> rows;
    for (const auto& [key, members] : groups) {
        (void)key;
        ResultsTableRow row;
        const auto& first = *members.front();
        row.model = model::modelKindName(first.config.model);
        row.version = first.config.version;
        row.preset = first.config.preset;
        std::vector<double> relation, image, relative, nearest, classified, dci, mig, sap, minutes;
        for (const RunResults* r : members) {
            row.seeds.push_back(r->config.seedTorch);
            if (r->hasEvaluation) {
                relation.push_back(r->relationAccuracy);
                image.push_back(r->imageRelationAccuracy);
                minutes.push_back(r->seconds / 60.0);
            }
            if (r->nearestAccuracy)
                nearest.push_back(*r->nearestAccuracy);
            if (!r->classification.empty()) {
                relative.push_back(r->imageRelativeAccuracy);
                double mean = 0;
                for (double c : r->classification)
                    mean += c / static_cast<double>(r->classification.size());
                classified.push_back(mean);
            }
            const auto codes = r->metrics.find("class_codes");
            if (codes != r->metrics.end()) {
                const auto pick = [&](const char* name, std::vector<double>& out) {
                    const auto it = codes->second.find(name);
                    if (it != codes->second.end())
                        out.push_back(it->second);
                };
                pick("dci_disentanglement", dci);
                pick("mig", mig);
                pick("sap", sap);
            }
        }
        std::sort(row.seeds.begin(), row.seeds.end());
        row.relation = statistic(relation);
        row.image = statistic(image);
        row.imageRelative = statistic(relative);
        row.nearest = statistic(nearest);
        row.classification = statistic(classified);
        row.dci = statistic(dci);
        row.mig = statistic(mig);
        row.sap = statistic(sap);
        row.minutes = statistic(minutes);
        row.paperRelation = metrics::PaperReferenceResults::relationAccuracy(row.version, first.config.model);
        if (const auto paper = metrics::PaperReferenceResults::disentanglement(row.version, first.config.model)) {
            row.paperDci = paper->dci;
            row.paperMig = paper->mig;
            row.paperSap = paper->sap;
        }
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const ResultsTableRow& a, const ResultsTableRow& b) {
        return std::tie(a.version, a.model, a.preset) < std::tie(b.version, b.model, b.preset);
    });
    return rows;
}

std::string ResultsTable::markdown(const std::vector<ResultsTableRow>& rows)
{
    std::string out =
        "| version | model | preset | relation accuracy (prior triples) | paper | image-level (real) | image-level from the classified value "
        "| image-level judged by pixels | classified right (real) | DCI | paper | MIG | paper | SAP | paper | minutes |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : rows)
        out += "| " + r.version + " | " + r.model + " | " + r.preset + " | " + format(r.relation) + " | " + format(r.paperRelation) + " | " +
            format(r.image) + " | " + format(r.imageRelative) + " | " + format(r.nearest) + " | " + format(r.classification) + " | " + format(r.dci) +
            " | " + format(r.paperDci) + " | " + format(r.mig) + " | " + format(r.paperMig) + " | " + format(r.sap) + " | " + format(r.paperSap) +
            " | " + format(r.minutes, 1) + " |\n";
    return out;
}

std::string ResultsTable::csv(const std::vector<ResultsTableRow>& rows)
{
    std::string out = "version,model,preset,seeds";
    for (const char* f : {"relation", "image", "image_relative", "image_nearest", "classification", "dci", "mig", "sap", "minutes"})
        out += std::string(",") + f + "_mean," + f + "_std," + f + "_n";
    out += ",paper_relation,paper_dci,paper_mig,paper_sap\n";
    for (const auto& r : rows) {
        std::string seeds;
        for (auto s : r.seeds)
            seeds += (seeds.empty() ? "" : " ") + std::to_string(s);
        out += r.version + "," + r.model + "," + r.preset + "," + seeds;
        for (const SeedStatistic* s : {&r.relation, &r.image, &r.imageRelative, &r.nearest, &r.classification, &r.dci, &r.mig, &r.sap, &r.minutes})
            out += "," + csvCells(*s);
        out += "," + csvCell(r.paperRelation) + "," + csvCell(r.paperDci) + "," + csvCell(r.paperMig) + "," + csvCell(r.paperSap) + "\n";
    }
    return out;
}

} // namespace latentlab::train
