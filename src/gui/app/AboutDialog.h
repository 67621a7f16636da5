#pragma once
#include <QDialog>

#include <memory>

class QLabel;

namespace latentlab::gui {

namespace Ui {
class AboutDialog;
}

/// Help ▸ About LatentLab: what the program does, its version and the Qt it runs on. The layout and the
/// wording are the form ui/AboutDialog.ui; the version facts are filled in here, into the form's %1
/// placeholders.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);
    ~AboutDialog() override;

    /// "LatentLab <version>", as shown (for tests).
    QLabel* titleLabel() const;
    /// "Built with Qt <version>.", as shown (for tests).
    QLabel* builtWithLabel() const;

private:
    std::unique_ptr<Ui::AboutDialog> m_ui;
};

} // namespace latentlab::gui
