// Design documents cited by the code exist and hold the cited heading; no file cites the external
// specifications the project was started from (users of the package never get those).
// Citation syntax (docs/README.md, "Citing a design document"): docs/design/FILE.md#anchor (FILE in lower
// case; an upper-case FILE is a placeholder), where anchor is
// the GitHub slug of a heading of FILE.md.
#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

namespace {

/// GitHub's anchor for a heading: lower case, every character other than a letter, digit, space, '-'
/// or '_' dropped, spaces turned into '-'.
QString headingSlug(const QString& heading)
{
    QString slug;
    for (const QChar c : heading.trimmed().toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_')
            slug += c;
        else if (c == u' ')
            slug += u'-';
    }
    return slug;
}

/// The anchors of every heading of a markdown file, skipping fenced code blocks.
QSet<QString> anchorsOf(const QString& markdownPath)
{
    QFile file(markdownPath);
    QSet<QString> anchors;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return anchors;
    static const QRegularExpression heading(QStringLiteral("^#{1,6}\\s+(.*?)\\s*#*\\s*$"));
    bool inFence = false;
    for (const QString& line : QString::fromUtf8(file.readAll()).split(u'\n')) {
        if (line.startsWith(QStringLiteral("```"))) {
            inFence = !inFence;
            continue;
        }
        if (inFence)
            continue;
        const auto m = heading.match(line);
        if (m.hasMatch())
            anchors.insert(headingSlug(m.captured(1)));
    }
    return anchors;
}

/// Files that can hold a citation: sources, build and packaging scripts, texts, forms, demo descriptions.
bool isScannedFile(const QString& name)
{
    static const QStringList suffixes = {QStringLiteral(".h"),    QStringLiteral(".cpp"), QStringLiteral(".txt"), QStringLiteral(".cmake"),
                                         QStringLiteral(".sh"),   QStringLiteral(".py"),  QStringLiteral(".md"),  QStringLiteral(".ui"),
                                         QStringLiteral(".json"), QStringLiteral(".in"),  QStringLiteral(".xml"), QStringLiteral(".desktop"),
                                         QStringLiteral(".qrc"),  QStringLiteral(".csv"), QStringLiteral(".html")};
    for (const QString& s : suffixes)
        if (name.endsWith(s))
            return true;
    return name == QStringLiteral("run") || name == QStringLiteral("CMakeLists.txt");
}

/// Every problem in a source tree, one sentence each: a cited design document that does not exist, a
/// cited heading it does not have, or a citation of the external specifications.
QStringList citationProblems(const QString& root)
{
    static const QRegularExpression citation(QStringLiteral("docs/design/([a-z0-9][A-Za-z0-9_.-]*\\.md)(?:#([A-Za-z0-9_-]+))?"));
    // Markdown links inside docs/: (design/FILE.md#a), and sibling links inside docs/design: (FILE.md#a).
    static const QRegularExpression docsLink(QStringLiteral("\\]\\((?:\\.\\./)*(design/)?([A-Za-z0-9_.-]+\\.md)#([A-Za-z0-9_-]+)\\)"));
    static const QRegularExpression externalSpec(
        QStringLiteral("(model-spec|design-guide|interchange-formats|info-spec|metrics-and-datasets|build-notes|"
                       "model-quality-audit|slurm\\.md|shared/docs|\u00a7)"));
    const QDir rootDir(root);
    const QString designDir = rootDir.filePath(QStringLiteral("docs/design"));
    QHash<QString, QSet<QString>> anchorCache;
    auto anchorsFor = [&](const QString& doc) -> const QSet<QString>* {
        const QString path = QDir(designDir).filePath(doc);
        if (!QFile::exists(path))
            return nullptr;
        if (!anchorCache.contains(doc))
            anchorCache.insert(doc, anchorsOf(path));
        return &anchorCache[doc];
    };

    QStringList problems;
    auto check = [&](const QString& where, const QString& doc, const QString& anchor) {
        const QSet<QString>* anchors = anchorsFor(doc);
        if (!anchors)
            problems << QStringLiteral("%1 cites docs/design/%2, which does not exist.").arg(where, doc);
        else if (!anchor.isEmpty() && !anchors->contains(anchor))
            problems << QStringLiteral("%1 cites docs/design/%2#%3, but %2 has no heading with that anchor.").arg(where, doc, anchor);
    };

    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = rootDir.relativeFilePath(path);
        if (relative.startsWith(QStringLiteral("build/")) || relative.startsWith(QStringLiteral(".git/")) ||
            relative.contains(QStringLiteral("/build/")) || !isScannedFile(it.fileName()))
            continue;
        // This file names the specifications in order to refuse them.
        if (relative == QStringLiteral("tests/tst_designdocs.cpp"))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
        const bool insideDesign = relative.startsWith(QStringLiteral("docs/design/"));
        const bool insideDocs = relative.startsWith(QStringLiteral("docs/"));
        for (int i = 0; i < lines.size(); ++i) {
            const QString where = QStringLiteral("%1:%2").arg(relative).arg(i + 1);
            const QString& line = lines[i];
            for (auto m = citation.globalMatch(line); m.hasNext();) {
                const auto hit = m.next();
                check(where, hit.captured(1), hit.captured(2));
            }
            if (insideDocs) {
                for (auto m = docsLink.globalMatch(line); m.hasNext();) {
                    const auto hit = m.next();
                    const bool design = !hit.captured(1).isEmpty() || insideDesign;
                    if (design)
                        check(where, hit.captured(2), hit.captured(3));
                }
            }
            const auto spec = externalSpec.match(line);
            if (spec.hasMatch())
                problems << QStringLiteral("%1 cites \"%2\", a specification outside the repository; cite docs/design/ instead.")
                                .arg(where, spec.captured(1));
        }
    }
    return problems;
}

void writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class TestDesignDocs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void slugs_data()
    {
        QTest::addColumn<QString>("heading");
        QTest::addColumn<QString>("slug");
        QTest::newRow("plain") << "Encoder and decoder"
                               << "encoder-and-decoder";
        QTest::newRow("punctuation") << "Decision 2: the prior's covariance (per partition)"
                                     << "decision-2-the-priors-covariance-per-partition";
        QTest::newRow("hyphen and digits") << "beta-VAE ensembles, 10 members"
                                           << "beta-vae-ensembles-10-members";
        QTest::newRow("underscore kept") << "summary.json and run_h5"
                                         << "summaryjson-and-run_h5";
    }
    void slugs()
    {
        QFETCH(QString, heading);
        QFETCH(QString, slug);
        QCOMPARE(headingSlug(heading), slug);
    }

    /// A tree with one good and three bad citations: the check names exactly the three bad ones.
    void checkFindsBrokenCitations()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath(QStringLiteral("docs/design/models.md")), "# Models\n## The prior\n```\n## not a heading\n```\n");
        writeFile(dir.filePath(QStringLiteral("docs/README.md")), "See [prior](design/models.md#the-prior) and [gone](design/models.md#gone).\n");
        writeFile(dir.filePath(QStringLiteral("src/core/A.h")),
                  "// fits it (docs/design/models.md#the-prior)\n// docs/design/models.md#not-a-heading\n"
                  "// as model-spec \u00a71.2 says\n// docs/design/missing.md\n");
        const QStringList problems = citationProblems(dir.path());
        QCOMPARE(problems.size(), 4);
        QVERIFY(problems.filter(QStringLiteral("docs/README.md:1 cites docs/design/models.md#gone")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("src/core/A.h:2 cites docs/design/models.md#not-a-heading")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("src/core/A.h:3 cites \"model-spec\"")).size() == 1);
        QVERIFY(problems.filter(QStringLiteral("src/core/A.h:4 cites docs/design/missing.md, which does not exist")).size() == 1);
    }

    /// The repository itself: every citation resolves, none points outside it.
    void repositoryCitationsResolve()
    {
        const QStringList problems = citationProblems(QStringLiteral(LATENTLAB_SOURCE_DIR));
        if (!problems.isEmpty())
            qWarning().noquote() << problems.join(u'\n');
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 citation problem(s), the first: %2").arg(problems.size()).arg(problems.value(0))));
    }

    /// The index lists every design document.
    void indexListsEveryDesignDocument()
    {
        const QDir design(QStringLiteral(LATENTLAB_SOURCE_DIR "/docs/design"));
        QFile index(QStringLiteral(LATENTLAB_SOURCE_DIR "/docs/README.md"));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(index.readAll());
        const QStringList docs = design.entryList({QStringLiteral("*.md")}, QDir::Files);
        QVERIFY(docs.size() >= 5);
        for (const QString& doc : docs)
            QVERIFY2(text.contains(QStringLiteral("design/") + doc), qPrintable(doc + " is missing from docs/README.md"));
    }
};

QTEST_GUILESS_MAIN(TestDesignDocs)
#include "tst_designdocs.moc"
