#pragma once
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace latentlab::gui {

/// What a run's summary.json says the model does with real test images: how often the prior classifies
/// each partition right, and how often a relation applied to a test image shows in the decoded image
/// (re-encoded by the model's encoder). A welcome text quotes these figures rather than a promise, so a
/// lecturer knows before the first click how often it fails.
class RunAccuracySummary {
    Q_DECLARE_TR_FUNCTIONS(RunAccuracySummary)

public:
    /// Reads RUN_DIR/summary.json; isKnown() is false when it is missing or has no real-image figures.
    static RunAccuracySummary read(const QString& runDir);

    bool isKnown() const { return m_testImages > 0 || !m_classification.isEmpty() || m_imageAccuracy >= 0; }
    /// One plain sentence with the figures ("On its 1215 real test images the prior classifies …"); empty
    /// when nothing is known.
    QString sentence() const;
    /// The relation whose decoded result is right most often on real images (the first to suggest); empty
    /// when unknown.
    QString bestRelation() const;
    double imageAccuracy() const { return m_imageAccuracy; }

private:
    qint64 m_testImages = 0;
    QList<QPair<QString, double>> m_classification; ///< per partition, fraction classified right
    double m_imageAccuracy = -1;                    ///< mean over relations; −1 when not recorded
    QList<QPair<QString, double>> m_perRelation;    ///< per relation, image-level accuracy
};

} // namespace latentlab::gui
