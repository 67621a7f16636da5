#include "gui/training/TrainingDialog.h"
#include "ui_TrainingDialog.h"
#include "train/TrainingRequest.h"
#include "gui/common/CliCommandLine.h"

#include "gui/app/DemoCatalog.h"
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
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>

namespace latentlab::gui {

TrainingDialog::TrainingDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::TrainingDialog>())
{
    m_ui->setupUi(this);
    // What a form cannot hold: items built from the catalogs with their option values, the Ok
    // button's text, the extra Copy button and a themed colour.
    for (const auto& name : data::DatasetVersionCatalog::builtin().names())
        m_ui->version->addItem(QString::fromStdString(name));
    m_ui->version->setCurrentText(QStringLiteral("dsprites-v2"));
    for (const model::ModelKind kind : {model::ModelKind::ModularAutoEncoder, model::ModelKind::AbsAE})
        m_ui->model->addItem(QString::fromStdString(model::modelKindTitle(kind)), QString::fromStdString(model::modelKindName(kind)));
    m_ui->preset->addItem(tr("demo-cpu — right on real images, ~20 min on 2 cores"), QStringLiteral("demo-cpu"));
    m_ui->preset->addItem(tr("demo-cpu-reference — the reference schedule at CPU size"), QStringLiteral("demo-cpu-reference"));
    m_ui->preset->addItem(tr("paper — the paper's schedule, faithful (GPU)"), QStringLiteral("paper"));
    m_ui->preset->addItem(tr("gpu — demo-cpu's terms at a GPU's batch size"), QStringLiteral("gpu"));
    m_ui->preset->addItem(tr("test — tiny, seconds"), QStringLiteral("test"));
    m_ui->device->addItem(tr("auto (CUDA when available)"), QStringLiteral("auto"));
    m_ui->device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_ui->device->addItem(tr("CUDA"), QStringLiteral("cuda"));

    QPalette attention = m_ui->error->palette();
    attention.setColor(QPalette::WindowText, PlotTheme::attentionColor());
    m_ui->error->setPalette(attention);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setText(tr("Start Training"));
    auto* copy = m_ui->buttons->addButton(tr("Copy CLI Command"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyCommandButton"));

    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &TrainingDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &TrainingDialog::reject);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(cliCommand()); });
    connect(m_ui->browseDataButton, &QPushButton::clicked, this, &TrainingDialog::browseData);
    connect(m_ui->browseOutputButton, &QPushButton::clicked, this, &TrainingDialog::browseOutput);
    connect(m_ui->output, &QLineEdit::textEdited, this, [this] { m_outputEdited = true; });
    for (QComboBox* box : {m_ui->version, m_ui->model, m_ui->preset, m_ui->device})
        connect(box, &QComboBox::currentIndexChanged, this, &TrainingDialog::updateState);
    for (QSpinBox* box : {m_ui->seed, m_ui->epochs})
        connect(box, &QSpinBox::valueChanged, this, &TrainingDialog::updateState);
    for (QLineEdit* edit : {m_ui->data, m_ui->output})
        connect(edit, &QLineEdit::textChanged, this, &TrainingDialog::updateState);

    const GuiSettings settings;
    const QStringList recent = settings.recentFiles();
    for (const QString& f : recent)
        if (f.endsWith(QLatin1String(".h5")) && QFileInfo(f).isFile()) {
            m_ui->data->setText(f);
            break;
        }
    resize(640, sizeHint().height());
    updateState();
}

TrainingDialog::~TrainingDialog() = default;

void TrainingDialog::setDataFile(const QString& path) { m_ui->data->setText(path); }
void TrainingDialog::setRunDirectory(const QString& path)
{
    m_outputEdited = true;
    m_ui->output->setText(path);
}
void TrainingDialog::setPreset(const QString& preset) { m_ui->preset->setCurrentIndex(std::max(0, m_ui->preset->findData(preset))); }
void TrainingDialog::setSeed(int seed) { m_ui->seed->setValue(seed); }
void TrainingDialog::setEpochs(int epochs) { m_ui->epochs->setValue(epochs); }
void TrainingDialog::setDevice(const QString& device) { m_ui->device->setCurrentIndex(std::max(0, m_ui->device->findData(device))); }

QString TrainingDialog::defaultRunsFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(documents.isEmpty() ? QDir::homePath() : documents).filePath(QStringLiteral("LatentLab/runs"));
}

bool TrainingDialog::isInsideRunOrDemo(const QString& folder)
{
    // A run directory (config.json) or a shipped demo (demo.json), at any level above `folder`, or the
    // folder the demos ship in: a new run there would be mistaken for (a part of) that run or demo.
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    for (const QString& root : DemoCatalog::defaultRoots()) {
        const QString demos = QFileInfo(root).absoluteFilePath();
        if (absolute == demos || absolute.startsWith(demos + QLatin1Char('/')))
            return true;
    }
    for (QDir dir(absolute);;) {
        if (QFileInfo(dir.filePath(QStringLiteral("config.json"))).isFile() || QFileInfo(dir.filePath(QStringLiteral("demo.json"))).isFile())
            return true;
        if (!dir.cdUp())
            return false;
    }
}

QString TrainingDialog::runsFolder()
{
    const QString last = GuiSettings().lastRunDirectory();
    return QFileInfo(last).isDir() && !isInsideRunOrDemo(last) ? last : defaultRunsFolder();
}

QString TrainingDialog::suggestedRunDirectory() const
{
    const QString base = runsFolder();
    return QDir(base).filePath(QStringLiteral("%1-%2-seed%3-%4")
                                   .arg(m_ui->model->currentData().toString(), m_ui->version->currentText())
                                   .arg(m_ui->seed->value())
                                   .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
}

train::TrainingConfig TrainingDialog::config() const
{
    // The same request `latentlab-cli train` builds from its options (cliCommand() shows them).
    train::TrainingRequest request;
    request.dataFile = QFile::encodeName(QFileInfo(m_ui->data->text()).absoluteFilePath()).toStdString();
    request.preset = m_ui->preset->currentData().toString().toStdString();
    request.version = m_ui->version->currentText().toStdString();
    request.model = model::modelKindFromName(m_ui->model->currentData().toString().toStdString());
    request.seed = static_cast<std::uint64_t>(m_ui->seed->value());
    if (m_ui->epochs->value() > 0)
        request.epochs = m_ui->epochs->value();
    request.device = m_ui->device->currentData().toString().toStdString();
    return request.toConfig();
}

QString TrainingDialog::runDirectory() const { return QFileInfo(m_ui->output->text()).absoluteFilePath(); }

QString TrainingDialog::cliCommand() const
{
    CliCommandLine command(QStringLiteral("train"));
    command.option(QStringLiteral("data"), QFileInfo(m_ui->data->text()).absoluteFilePath())
        .option(QStringLiteral("version"), m_ui->version->currentText())
        .option(QStringLiteral("model"), m_ui->model->currentData().toString())
        .option(QStringLiteral("preset"), m_ui->preset->currentData().toString())
        .option(QStringLiteral("seed"), m_ui->seed->value());
    if (m_ui->epochs->value() > 0)
        command.option(QStringLiteral("epochs"), m_ui->epochs->value());
    command.option(QStringLiteral("device"), m_ui->device->currentData().toString()).option(QStringLiteral("out"), runDirectory());
    return command.toString();
}

QString TrainingDialog::validationError() const
{
    const QString data = m_ui->data->text().trimmed();
    if (data.isEmpty())
        return tr("Choose the dataset file to train on.");
    if (!QFileInfo(data).isFile())
        return tr("The data file '%1' does not exist; expected a dataset file (.h5 or the dSprites .npz).").arg(data);
    const QString out = m_ui->output->text().trimmed();
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
        m_ui->output->setText(suggestedRunDirectory());
    m_ui->command->setText(cliCommand());
    const QString error = validationError();
    m_ui->error->setText(error);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void TrainingDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_ui->error->setText(error);
        return;
    }
    GuiSettings().setLastRunDirectory(QFileInfo(runDirectory()).absolutePath());
    QDir().mkpath(QFileInfo(runDirectory()).absolutePath()); // the default runs folder may not exist yet
    QDialog::accept();
}

void TrainingDialog::browseData()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Dataset File"), GuiSettings().lastDatasetDirectory(),
                                                      tr("Datasets (*.h5 *.hdf5 *.npz);;All files (*)"));
    if (!path.isEmpty())
        m_ui->data->setText(path);
}

void TrainingDialog::browseOutput()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Parent Folder of the Run"), runsFolder());
    if (dir.isEmpty())
        return;
    m_outputEdited = true;
    m_ui->output->setText(QDir(dir).filePath(QFileInfo(suggestedRunDirectory()).fileName()));
}

} // namespace latentlab::gui
