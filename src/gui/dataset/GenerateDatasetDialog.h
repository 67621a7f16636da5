#pragma once
#include "data/DatasetGenerator.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace latentlab::gui {

/// "Generate dataset…": asks for the kind (dSprites / 3D Shapes), the version ("full" or a catalog
/// version of that kind), the number of rows (0 = all), the seed and the output file. It only builds
/// a DatasetGenerationRequest; MainWindow runs the generation in the background.
class GenerateDatasetDialog : public QDialog {
    Q_OBJECT
public:
    explicit GenerateDatasetDialog(QWidget* parent = nullptr);

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

    QComboBox* m_kind = nullptr;
    QComboBox* m_version = nullptr;
    QSpinBox* m_rows = nullptr;
    QSpinBox* m_seed = nullptr;
    QLineEdit* m_output = nullptr;
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    /// True once the user typed or browsed a path: from then on kind/version changes keep it.
    bool m_outputEdited = false;
};

} // namespace latentlab::gui
