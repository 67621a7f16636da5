#include "gui/dataset/GenerateDatasetDialog.h"
#include "ui_GenerateDatasetDialog.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

namespace latentlab::gui {

namespace {
constexpr const char* kFullVersion = "full";
}

GenerateDatasetDialog::GenerateDatasetDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::GenerateDatasetDialog>())
{
    m_ui->setupUi(this);
    // What a form cannot hold: the kinds' layout codes, the Ok button's text, a palette role.
    for (const data::DatasetKind* kind : data::DatasetKind::all())
        m_ui->kind->addItem(QString::fromStdString(kind->title), static_cast<int>(kind->layout));
    m_ui->summary->setForegroundRole(QPalette::PlaceholderText);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Generate"));

    connect(m_ui->kind, &QComboBox::currentIndexChanged, this, &GenerateDatasetDialog::onKindChanged);
    connect(m_ui->version, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_outputEdited)
            m_ui->output->setText(defaultOutputPath(request().kind, m_ui->version->currentText()));
        updateSummary();
    });
    connect(m_ui->rows, &QSpinBox::valueChanged, this, &GenerateDatasetDialog::updateSummary);
    connect(m_ui->output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    connect(m_ui->browseButton, &QPushButton::clicked, this, &GenerateDatasetDialog::browse);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &GenerateDatasetDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &GenerateDatasetDialog::reject);
    onKindChanged();
}

GenerateDatasetDialog::~GenerateDatasetDialog() = default;

QString GenerateDatasetDialog::defaultOutputPath(data::DatasetLayout kind, const QString& version)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    // Version names already start with the kind ("dsprites-v2"); the full product is "<kind>-full".
    const QString kindName = QString::fromStdString(data::layoutName(kind));
    const QString base = version.startsWith(kindName + "-") ? version : kindName + "-" + version;
    return QDir(dir).filePath(base + QStringLiteral(".h5"));
}

QString GenerateDatasetDialog::versionName() const { return m_ui->version->currentIndex() <= 0 ? QString() : m_ui->version->currentText(); }

data::DatasetGenerationRequest GenerateDatasetDialog::request() const
{
    data::DatasetGenerationRequest r;
    r.kind = static_cast<data::DatasetLayout>(m_ui->kind->currentData().toInt());
    r.version = versionName().toStdString();
    r.rows = m_ui->rows->value() > 0 ? m_ui->rows->value() : -1;
    r.seed = static_cast<std::uint64_t>(m_ui->seed->value());
    r.outPath = QFile::encodeName(QDir::cleanPath(m_ui->output->text().trimmed())).toStdString();
    return r;
}

void GenerateDatasetDialog::onKindChanged()
{
    const auto kind = static_cast<data::DatasetLayout>(m_ui->kind->currentData().toInt());
    {
        const QSignalBlocker blocker(m_ui->version);
        m_ui->version->clear();
        m_ui->version->addItem(QString::fromLatin1(kFullVersion));
        for (const data::DatasetVersion* version : data::DatasetVersionCatalog::builtin().versionsFor(kind)) {
            m_ui->version->addItem(QString::fromStdString(version->name));
            m_ui->version->setItemData(m_ui->version->count() - 1, QString::fromStdString(version->description), Qt::ToolTipRole);
        }
        // A version is the usual choice: the full 3D Shapes product is 480 000 images (5.9 GB).
        m_ui->version->setCurrentIndex(m_ui->version->count() > 1 ? 1 : 0);
    }
    if (!m_outputEdited)
        m_ui->output->setText(defaultOutputPath(kind, m_ui->version->currentText()));
    updateSummary();
}

void GenerateDatasetDialog::updateSummary()
{
    data::DatasetGenerationRequest r = request();
    try {
        // Planning is arithmetic on row indices, no I/O: cheap enough for the GUI thread.
        const auto rows = static_cast<qint64>(data::DatasetGenerator::plannedRows(r).size());
        const qint64 bytes = rows * static_cast<qint64>(data::DatasetKind::of(r.kind).bytesPerImage());
        m_ui->summary->setText(tr("Renders %L1 images (%2 of pixels before compression).").arg(rows).arg(QLocale().formattedDataSize(bytes)));
        m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    } catch (const LatentLabError& e) {
        m_ui->summary->setText(QString::fromStdString(e.what()));
        m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }
}

void GenerateDatasetDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Generate Dataset As"), m_ui->output->text(), tr("HDF5 datasets (*.h5 *.hdf5)"));
    if (path.isEmpty())
        return;
    m_ui->output->setText(path);
    m_outputEdited = true;
}

void GenerateDatasetDialog::accept()
{
    const QString path = m_ui->output->text().trimmed();
    if (path.isEmpty() || !QDir::isAbsolutePath(path)) {
        QMessageBox::warning(this, windowTitle(),
                             tr("Choose an output file with an absolute path, such as %1.")
                                 .arg(QDir::toNativeSeparators(defaultOutputPath(request().kind, m_ui->version->currentText()))));
        return;
    }
    QDialog::accept();
}

} // namespace latentlab::gui
