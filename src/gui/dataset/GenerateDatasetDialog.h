#pragma once
#include "data/DatasetGenerator.h"

#include <QDialog>

#include <memory>

namespace latentlab::gui {

namespace Ui {
class GenerateDatasetDialog;
}

/// "Generate dataset…": asks for the kind (dSprites / 3D Shapes), the version ("full" or a catalog
/// version of that kind), the number of rows (0 = all), the seed and the output file. It only builds
/// a DatasetGenerationRequest; MainWindow runs the generation in the background. The layout is the
/// form ui/GenerateDatasetDialog.ui; the kinds, versions, default output and summary are filled in here.
class GenerateDatasetDialog : public QDialog {
    Q_OBJECT
public:
    explicit GenerateDatasetDialog(QWidget* parent = nullptr);
    ~GenerateDatasetDialog() override;

    /// The request as entered (rows 0 becomes -1, "all rows", for the generator).
    data::DatasetGenerationRequest request() const;
    /// Default output: QStandardPaths::CacheLocation/<kind>-<version>.h5.
    static QString defaultOutputPath(data::DatasetLayout kind, const QString& version);

    void accept() override;

private:
    void onKindChanged();
    void updateSummary();
    void browse();
    QString versionName() const; ///< "" for the full product

    std::unique_ptr<Ui::GenerateDatasetDialog> m_ui;
    /// True once the user typed or browsed a path: from then on kind/version changes keep it.
    bool m_outputEdited = false;
};

} // namespace latentlab::gui
