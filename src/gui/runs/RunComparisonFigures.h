#pragma once
#include "gui/runs/RunComparisonData.h"

#include <QString>

class QCustomPlot;

namespace latentlab::gui {

/// The metrics dashboard's figures, drawn the same way in the GUI and headless:
/// - metrics: the metric registry's dashboard keys (MIG, SAP, DCI D/C/I, ...) per configuration, bars of the mean with
///   ± std error bars over seeds;
/// - relations: accuracy per relation and their mean per configuration (M-AE next to the baseline, the
///   paper's Table 1 layout) with the paper's reported accuracy as a dashed reference mark;
/// - curves: relation accuracy and test BCE of every run over steps and its training loss (run.h5's loss
///   records), coloured by configuration, with a step cursor that setCurvesStep() moves without rebuilding
///   the figure.
/// Bars carry their hover text (mean ± std, n) in the "hoverTexts" property, one per data index; a single
/// run has no error bar.
class RunComparisonFigures {
public:
    static void buildMetrics(QCustomPlot* plot, const RunComparisonData& data, const QString& representation);
    static void buildRelations(QCustomPlot* plot, const RunComparisonData& data,
                               RunComparisonData::Accuracy accuracy = RunComparisonData::Accuracy::PriorTriples);
    static void buildCurves(QCustomPlot* plot, const RunComparisonData& data, double step);
    /// Moves the step cursor of a curves figure; only its overlay layer is redrawn.
    static void setCurvesStep(QCustomPlot* plot, double step);
    /// The largest evaluation step over all runs (the step slider's end).
    static std::int64_t lastStep(const RunComparisonData& data);
};

} // namespace latentlab::gui
