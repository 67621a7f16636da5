#pragma once
#include "train/RunResults.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace latentlab::gui {

/// Runs grouped into configurations (seeds of one config together) and the statistics the metrics
/// dashboard draws: mean ± std of each disentanglement metric and of each relation's accuracy per
/// configuration, the paper's reference accuracy per configuration, and the runs' curves. The GUI view,
/// its exports and `latentlab-cli render --what metrics|relations|curves` all draw from this.
class RunComparisonData {
public:
    struct Stat {
        double mean = 0, std = 0; ///< std: sample standard deviation (n − 1), 0 for a single run
        int count = 0;            ///< runs that have the value
    };
    /// Which relation accuracy the relations figure shows: on triples sampled from the prior (the paper's
    /// figure) or on real test images (encode, apply, decode, re-encode, classify).
    enum class Accuracy {
        PriorTriples,
        RealImages
    };
    /// A run that one of the figures leaves out, and why (shown under the figures, so none vanishes silently).
    struct Omission {
        QString run;               ///< the run directory's name
        QString runDir;            ///< its path
        QString reason;            ///< "no metrics.json", …
        bool lacksMetrics = false; ///< true: `latentlab-cli eval --metrics all` would put it on the metrics figure
    };
    struct Group {
        QString label;
        std::string key;
        ::latentlab::model::ModelKind model = ::latentlab::model::ModelKind::ModularAutoEncoder;
        std::string version;
        std::vector<int> runs; ///< indices into runs()
    };

    RunComparisonData() = default;
    /// `groupSeeds`: seeds of one configuration form one group (mean ± std); false: one group per run.
    explicit RunComparisonData(std::vector<train::RunResults> runs, bool groupSeeds = true);
    bool groupsSeeds() const { return m_groupSeeds; }

    const std::vector<train::RunResults>& runs() const { return m_runs; }
    const std::vector<Group>& groups() const { return m_groups; }
    /// The metrics the dashboard shows, in order (metrics.json keys): the registry's dashboard keys.
    static QStringList metricNames();
    /// Relations of all runs, in the first run's order.
    const QStringList& relations() const { return m_relations; }
    Stat metric(int group, const QString& metric, const QString& representation) const;
    Stat relation(int group, const QString& relation, Accuracy accuracy = Accuracy::PriorTriples) const;
    Stat meanRelationAccuracy(int group) const;
    /// True where a metric says nothing about the group's codes: an AbsAE's class codes are one code (one
    /// partition), so its DCI completeness is 1 and its DCI disentanglement 0 by construction
    /// (docs/design/metrics.md#edge-cases).
    bool isTrivialMetric(int group, const QString& metric, const QString& representation) const;
    /// The value a trivial metric has by construction ("1", "0") and why, in a sentence; empty for any
    /// other metric.
    struct TrivialValue {
        QString value, reason;
    };
    static TrivialValue trivialValue(const QString& metric);
    /// Runs a figure leaves out and why: no metrics.json (metrics figure), no relations (a β-VAE: relations
    /// figure and curves), no evaluation yet (relations figure).
    std::vector<Omission> omissions() const;
    std::optional<double> paperAccuracy(int group) const;
    /// On real test images: image-level relation accuracy (encode, apply, decode, re-encode, classify),
    /// and the fraction classified right by the prior (mean over partitions); runs that did not record the
    /// latter are left out of its statistic.
    Stat imageLevelAccuracy(int group) const;
    Stat realClassification(int group) const;

    /// CSVs of what the figures show: one row per configuration (label, runs, mean and std per column).
    QString metricsCsv(const QString& representation) const;
    QString relationsCsv(Accuracy accuracy = Accuracy::PriorTriples) const;
    /// What the curves figure plots (docs/design/gui.md#figure-and-data-export): one row per (run,
    /// evaluation) with run, group, step, mean and per-relation accuracy and test BCE, then one row per
    /// training loss record of run.h5 with run, group, step and the training reconstruction loss in the
    /// last column (the evaluation columns empty).
    QString curvesCsv() const;

private:
    template <typename F>
    Stat stat(int group, F valueOf) const;

    std::vector<train::RunResults> m_runs;
    std::vector<Group> m_groups;
    QStringList m_relations;
    bool m_groupSeeds = true;
};

} // namespace latentlab::gui
