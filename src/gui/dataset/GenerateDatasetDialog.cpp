#include "gui/dataset/GenerateDatasetDialog.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>

#include <limits>

namespace latentlab::gui {

namespace {
constexpr const char* kFullVersion = "full";
}

GenerateDatasetDialog::GenerateDatasetDialog(QWidget* parent)
    : QDialog(parent)
    , m_kind(new QComboBox(this))
    , m_version(new QComboBox(this))
    , m_rows(new QSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_output(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Generate Dataset"));
    auto* form = new QFormLayout;

    for (const data::DatasetKind* kind : data::DatasetKind::all())
        m_kind->addItem(QString::fromStdString(kind->title), static_cast<int>(kind->layout));
    form->addRow(tr("&Kind:"), m_kind);

    m_version->setToolTip(tr("\"full\" renders the whole factor product; a version renders only the rows it keeps."));
    form->addRow(tr("&Version:"), m_version);

    m_rows->setRange(0, std::numeric_limits<int>::max());
    m_rows->setSpecialValueText(tr("all"));
    m_rows->setGroupSeparatorShown(true);
    m_rows->setToolTip(tr("A uniform random subset of this many rows; 0 renders them all."));
    form->addRow(tr("&Rows:"), m_rows);

    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setToolTip(tr("Seed of the random subset (rendering itself is deterministic)."));
    form->addRow(tr("&Seed:"), m_seed);

    auto* outputRow = new QHBoxLayout;
    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browseButton);
    m_output->setMinimumWidth(360);
    auto* outputLabel = new QLabel(tr("&Output file:"), this);
    outputLabel->setBuddy(m_output); // addRow(text, layout) would show the '&' literally
    form->addRow(outputLabel, outputRow);

    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_summary);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Generate"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &GenerateDatasetDialog::onKindChanged);
    connect(m_version, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_outputEdited)
            m_output->setText(defaultOutputPath(request().kind, m_version->currentText()));
        updateSummary();
    });
    connect(m_rows, &QSpinBox::valueChanged, this, &GenerateDatasetDialog::updateSummary);
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    connect(browseButton, &QPushButton::clicked, this, &GenerateDatasetDialog::browse);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &GenerateDatasetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &GenerateDatasetDialog::reject);
    onKindChanged();
}

QString GenerateDatasetDialog::defaultOutputPath(data::DatasetLayout kind, const QString& version)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    // Version names already start with the kind ("dsprites-v2"); the full product is "<kind>-full".
    const QString kindName = QString::fromStdString(data::layoutName(kind));
    const QString base = version.startsWith(kindName + "-") ? version : kindName + "-" + version;
    return QDir(dir).filePath(base + QStringLiteral(".h5"));
}

QString GenerateDatasetDialog::versionName() const
{
    return m_version->currentIndex() <= 0 ? QString() : m_version->currentText();
}

data::DatasetGenerationRequest GenerateDatasetDialog::request() const
{
    data::DatasetGenerationRequest r;
    r.kind = static_cast<data::DatasetLayout>(m_kind->currentData().toInt());
    r.version = versionName().toStdString();
    r.rows = m_rows->value() > 0 ? m_rows->value() : -1;
    r.seed = static_cast<std::uint64_t>(m_seed->value());
    r.outPath = QFile::encodeName(QDir::cleanPath(m_output->text().trimmed())).toStdString();
    return r;
}

void GenerateDatasetDialog::onKindChanged()
{
    const auto kind = static_cast<data::DatasetLayout>(m_kind->currentData().toInt());
    {
        const QSignalBlocker blocker(m_version);
        m_version->clear();
        m_version->addItem(QString::fromLatin1(kFullVersion));
        for (const data::DatasetVersion* version : data::DatasetVersionCatalog::builtin().versionsFor(kind)) {
            m_version->addItem(QString::fromStdString(version->name));
            m_version->setItemData(m_version->count() - 1, QString::fromStdString(version->description), Qt::ToolTipRole);
        }
        // A version is the usual choice: the full 3D Shapes product is 480 000 images (5.9 GB).
        m_version->setCurrentIndex(m_version->count() > 1 ? 1 : 0);
    }
    if (!m_outputEdited)
        m_output->setText(defaultOutputPath(kind, m_version->currentText()));
    updateSummary();
}

void GenerateDatasetDialog::updateSummary()
{
    data::DatasetGenerationRequest r = request();
    try {
        // Planning is arithmetic on row indices, no I/O: cheap enough for the GUI thread.
        const auto rows = static_cast<qint64>(data::DatasetGenerator::plannedRows(r).size());
        const qint64 bytes = rows * static_cast<qint64>(data::DatasetKind::of(r.kind).bytesPerImage());
        m_summary->setText(tr("Renders %L1 images (%2 of pixels before compression).").arg(rows).arg(QLocale().formattedDataSize(bytes)));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    } catch (const LatentLabError& e) {
        m_summary->setText(QString::fromStdString(e.what()));
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    }
}

void GenerateDatasetDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Generate Dataset As"), m_output->text(),
                                                      tr("HDF5 datasets (*.h5 *.hdf5)"));
    if (path.isEmpty())
        return;
    m_output->setText(path);
    m_outputEdited = true;
}

void GenerateDatasetDialog::accept()
{
    const QString path = m_output->text().trimmed();
    if (path.isEmpty() || !QDir::isAbsolutePath(path)) {
        QMessageBox::warning(this, windowTitle(), tr("Choose an output file with an absolute path, such as %1.")
                                                      .arg(QDir::toNativeSeparators(defaultOutputPath(request().kind, m_version->currentText()))));
        return;
    }
    QDialog::accept();
}

} // namespace latentlab::gui
