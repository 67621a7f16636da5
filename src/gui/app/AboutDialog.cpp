#include "gui/app/AboutDialog.h"
#include "ui_AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>

namespace latentlab::gui {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    m_ui->title->setText(m_ui->title->text().arg(QApplication::applicationVersion()));
    m_ui->builtWith->setText(m_ui->builtWith->text().arg(QString::fromLatin1(qVersion())));
    // The application's icon, as QMessageBox::about showed it; no empty gap where there is none.
    const QIcon icon = QApplication::windowIcon();
    if (icon.isNull())
        m_ui->icon->hide();
    else
        m_ui->icon->setPixmap(icon.pixmap(64, 64));
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

QLabel* AboutDialog::titleLabel() const { return m_ui->title; }

QLabel* AboutDialog::builtWithLabel() const { return m_ui->builtWith; }

} // namespace latentlab::gui
