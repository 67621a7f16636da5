#include "gui/training/TrainingDialog.h"
#include "train/TrainingRequest.h"
#include "gui/common/CliCommandLine.h"

#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::gui {

TrainingDialog::TrainingDialog(QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Train Model"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;

    auto* dataRow = new QHBoxLayout;
    m_data = new QLineEdit(this);
    m_data->setPlaceholderText(tr("a dSprites or 3D Shapes .h5 file"));
    auto* browseData = new QPushButton(tr("Browse…"), this);
    dataRow->addWidget(m_data, 1);
    dataRow->addWidget(browseData);
    form->addRow(tr("&Data file:"), dataRow);

    m_version = new QComboBox(this);
    for (const auto& name : data::DatasetVersionCatalog::builtin().names())
        m_version->addItem(QString::fromStdString(name));
    m_version->setCurrentText(QStringLiteral("dsprites-v2"));
    form->addRow(tr("&Version:"), m_version);

    m_model = new QComboBox(this);
    for (const model::ModelKind kind : {model::ModelKind::ModularAutoEncoder, model::ModelKind::AbsAE})
        m_model->addItem(QString::fromStdString(model::modelKindTitle(kind)), QString::fromStdString(model::modelKindName(kind)));
    form->addRow(tr("&Model:"), m_model);

    m_preset = new QComboBox(this);
    m_preset->addItem(tr("demo-cpu — right on real images, ~20 min on 2 cores"), QStringLiteral("demo-cpu"));
    m_preset->addItem(tr("demo-cpu-reference — the reference schedule at CPU size"), QStringLiteral("demo-cpu-reference"));
    m_preset->addItem(tr("paper — the paper's schedule, faithful (GPU)"), QStringLiteral("paper"));
    m_preset->addItem(tr("gpu — demo-cpu's terms at a GPU's batch size"), QStringLiteral("gpu"));
    m_preset->addItem(tr("test — tiny, seconds"), QStringLiteral("test"));
    form->addRow(tr("&Preset:"), m_preset);

    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setToolTip(tr("Sets the torch, data-order, labelled-subset and split seeds (recorded in config.json)"));
    form->addRow(tr("&Seed:"), m_seed);

    m_epochs = new QSpinBox(this);
    m_epochs->setRange(0, 100000);
    m_epochs->setSpecialValueText(tr("preset's"));
    m_epochs->setToolTip(tr("Total epochs, warm-up included; the warm-up keeps its share of the preset"));
    form->addRow(tr("&Epochs:"), m_epochs);

    m_device = new QComboBox(this);
    m_device->addItem(tr("auto (CUDA when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));
    form->addRow(tr("De&vice:"), m_device);

    auto* outRow = new QHBoxLayout;
    m_output = new QLineEdit(this);
    auto* browseOut = new QPushButton(tr("Browse…"), this);
    outRow->addWidget(m_output, 1);
    outRow->addWidget(browseOut);
    form->addRow(tr("&Run directory:"), outRow);
    layout->addLayout(form);

    m_command = new QLabel(this);
    m_command->setWordWrap(true);
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setStyleSheet(QStringLiteral("font-family: monospace;"));
    layout->addWidget(m_command);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    QPalette attention = m_error->palette();
    attention.setColor(QPalette::WindowText, PlotTheme::attentionColor());
    m_error->setPalette(attention);
    layout->addWidget(m_error);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start Training"));
    auto* copy = m_buttons->addButton(tr("Copy CLI Command"), QDialogButtonBox::ActionRole);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &TrainingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &TrainingDialog::reject);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(cliCommand()); });
    connect(browseData, &QPushButton::clicked, this, &TrainingDialog::browseData);
    connect(browseOut, &QPushButton::clicked, this, &TrainingDialog::browseOutput);
    connect(m_output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    for (QComboBox* box : {m_version, m_model, m_preset, m_device})
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingDialog::updateState);
    for (QSpinBox* box : {m_seed, m_epochs})
        connect(box, &QSpinBox::valueChanged, this, &TrainingDialog::updateState);
    for (QLineEdit* edit : {m_data, m_output})
        connect(edit, &QLineEdit::textChanged, this, &TrainingDialog::updateState);

    const GuiSettings settings;
    const QStringList recent = settings.recentFiles();
    for (const QString& f : recent)
        if (f.endsWith(QLatin1String(".h5")) && QFileInfo(f).isFile()) {
            m_data->setText(f);
            break;
        }
    resize(640, sizeHint().height());
    updateState();
}

void TrainingDialog::setDataFile(const QString& path) { m_data->setText(path); }
void TrainingDialog::setRunDirectory(const QString& path)
{
    m_outputEdited = true;
    m_output->setText(path);
}
void TrainingDialog::setPreset(const QString& preset) { m_preset->setCurrentIndex(std::max(0, m_preset->findData(preset))); }
void TrainingDialog::setSeed(int seed) { m_seed->setValue(seed); }
void TrainingDialog::setEpochs(int epochs) { m_epochs->setValue(epochs); }
void TrainingDialog::setDevice(const QString& device) { m_device->setCurrentIndex(std::max(0, m_device->findData(device))); }

QString TrainingDialog::suggestedRunDirectory() const
{
    const QString base = QFileInfo(GuiSettings().lastRunDirectory()).isDir() ? GuiSettings().lastRunDirectory() : QDir::homePath();
    return QDir(base).filePath(QStringLiteral("%1-%2-seed%3-%4")
                                   .arg(m_model->currentData().toString(), m_version->currentText())
                                   .arg(m_seed->value())
                                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
}

train::TrainingConfig TrainingDialog::config() const
{
    // The same request `latentlab-cli train` builds from its options (cliCommand() shows them).
    train::TrainingRequest request;
    request.dataFile = QFile::encodeName(QFileInfo(m_data->text()).absoluteFilePath()).toStdString();
    request.preset = m_preset->currentData().toString().toStdString();
    request.version = m_version->currentText().toStdString();
    request.model = model::modelKindFromName(m_model->currentData().toString().toStdString());
    request.seed = static_cast<std::uint64_t>(m_seed->value());
    if (m_epochs->value() > 0)
        request.epochs = m_epochs->value();
    request.device = m_device->currentData().toString().toStdString();
    return request.toConfig();
}

QString TrainingDialog::runDirectory() const
{
    return QFileInfo(m_output->text()).absoluteFilePath();
}

QString TrainingDialog::cliCommand() const
{
    CliCommandLine command(QStringLiteral("train"));
    command.option(QStringLiteral("data"), QFileInfo(m_data->text()).absoluteFilePath())
        .option(QStringLiteral("version"), m_version->currentText())
        .option(QStringLiteral("model"), m_model->currentData().toString())
        .option(QStringLiteral("preset"), m_preset->currentData().toString())
        .option(QStringLiteral("seed"), m_seed->value());
    if (m_epochs->value() > 0)
        command.option(QStringLiteral("epochs"), m_epochs->value());
    command.option(QStringLiteral("device"), m_device->currentData().toString()).option(QStringLiteral("out"), runDirectory());
    return command.toString();
}

QString TrainingDialog::validationError() const
{
    const QString data = m_data->text().trimmed();
    if (data.isEmpty())
        return tr("Choose the dataset file to train on.");
    if (!QFileInfo(data).isFile())
        return tr("The data file '%1' does not exist; expected a dSprites or 3D Shapes .h5 file.").arg(data);
    const QString out = m_output->text().trimmed();
    if (out.isEmpty())
        return tr("Choose a new run directory.");
    const QFileInfo outInfo(out);
    if (outInfo.exists() && (!outInfo.isDir() || !QDir(out).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return tr("The run directory '%1' already exists and is not empty; choose a new one.").arg(out);
    try {
        config();
    } catch (const LatentLabError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void TrainingDialog::updateState()
{
    if (!m_outputEdited)
        m_output->setText(suggestedRunDirectory());
    m_command->setText(cliCommand());
    const QString error = validationError();
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void TrainingDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_error->setText(error);
        return;
    }
    GuiSettings().setLastRunDirectory(QFileInfo(runDirectory()).absolutePath());
    QDialog::accept();
}

void TrainingDialog::browseData()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Dataset File"), GuiSettings().lastDatasetDirectory(),
                                                      tr("HDF5 datasets (*.h5 *.hdf5);;All files (*)"));
    if (!path.isEmpty())
        m_data->setText(path);
}

void TrainingDialog::browseOutput()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Parent Folder of the Run"), GuiSettings().lastRunDirectory());
    if (dir.isEmpty())
        return;
    m_outputEdited = true;
    m_output->setText(QDir(dir).filePath(QFileInfo(suggestedRunDirectory()).fileName()));
}

} // namespace latentlab::gui
