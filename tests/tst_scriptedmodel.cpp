// Imported TorchScript models (issue 20, docs/design/file-formats.md#torchscript-models): the manifest reader's
// field checks, the import of the fixtures of tests/fixtures/torchscript (made by make_fixtures.py with the
// Python helper) against the outputs Python computed, prior classification and relate, and the one sentence
// each broken variant is refused with.
#include <torch/torch.h>

#include "TestCli.h"
#include "TestDatasetFiles.h"
#include "common/LatentLabError.h"
#include "io/EncodingsFile.h"
#include "io/ScriptedModelManifest.h"
#include "model/ScriptedModel.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace latentlab;
using nlohmann::json;

namespace {

std::string fixture(const std::string& name) { return std::string(LATENTLAB_FIXTURES_DIR) + "/torchscript/" + name; }

json expected()
{
    std::ifstream in(fixture("expected.json"));
    return json::parse(in);
}

/// The probe images of make_fixtures.py: x[b, 0, h, w] = ((7h + 3w + 11b) mod 17) / 16.
torch::Tensor probeImages()
{
    const auto b = torch::arange(2).view({2, 1, 1, 1});
    const auto h = torch::arange(64).view({1, 1, 64, 1});
    const auto w = torch::arange(64).view({1, 1, 1, 64});
    return (7 * h + 3 * w + 11 * b).remainder(17).to(torch::kFloat32) / 16.0;
}

torch::Tensor tensorOf(const json& j)
{
    std::vector<float> values;
    std::vector<std::int64_t> sizes{static_cast<std::int64_t>(j.size())};
    if (j[0].is_array()) {
        sizes.push_back(static_cast<std::int64_t>(j[0].size()));
        for (const auto& row : j)
            for (const auto& v : row)
                values.push_back(v.get<float>());
    } else {
        for (const auto& v : j)
            values.push_back(v.get<float>());
    }
    return torch::tensor(values).view(sizes);
}

void compareClose(const torch::Tensor& got, const json& want, double tolerance = 1e-5)
{
    const auto w = tensorOf(want);
    QCOMPARE(got.sizes().vec(), w.sizes().vec());
    const double diff = (got - w).abs().max().item<double>();
    if (diff > tolerance)
        QFAIL(qPrintable(QString("largest difference %1 > %2").arg(diff).arg(tolerance)));
}

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const LatentLabError& e) {
        return e.what();
    }
    return "(no error)";
}

json goodManifest()
{
    std::ifstream in(fixture("partitioned.json"));
    return json::parse(in);
}

} // namespace

class TestScriptedModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void manifestRoundTrip()
    {
        const auto m = io::ScriptedModelManifest::readFile(fixture("partitioned.json"));
        QCOMPARE(m.latentDim, 4);
        QCOMPARE(m.partitions.size(), std::size_t(2));
        QCOMPARE(m.partitions[1].name, std::string("position"));
        QCOMPARE(m.partitions[0].values.size(), std::size_t(3));
        QVERIFY(m.hasPriors());
        QCOMPARE(m.relations[0].partition, std::string("shape"));
        QCOMPARE(m.dataset->version, std::string("dsprites-v2"));
        QVERIFY(!m.decoderOutputsLogits);
        const auto again = io::ScriptedModelManifest::fromJson(m.toJson(), "again");
        QCOMPARE(again.toJson(), m.toJson());
        QCOMPARE(io::ScriptedModelManifest::manifestPathFor("/a/b/m.pt"), std::string("/a/b/m.json"));
        QCOMPARE(m.moduleFiles("/a/b/m.json"), std::vector<std::string>{"/a/b/m.pt"});
    }

    void manifestFieldErrors_data()
    {
        QTest::addColumn<QString>("patch"); // a JSON merge patch onto partitioned.json
        QTest::addColumn<QString>("sentence");
        const QString m = "Manifest 'm.json' ";
        QTest::newRow("format") << R"({"format": "onnx"})" << m + "field 'format' must be \"latentlab-torchscript\", not \"onnx\".";
        QTest::newRow("version") << R"({"format_version": 2})" << m + "field 'format_version' must be 1 (the version this build reads), not 2.";
        QTest::newRow("no latent_dim") << R"({"latent_dim": null})" << m + "has no field 'latent_dim'; the contract requires it.";
        QTest::newRow("channels") << R"({"image": {"channels": 0}})" << m + "field 'image.channels' must be an integer in [1, 4], not 0.";
        QTest::newRow("height text") << R"({"image": {"height": "64"}})" << m + "field 'image.height' must be an integer in [1, 4096], not \"64\".";
        QTest::newRow("decoder_output") << R"({"decoder_output": "sigmoid"})"
                                        << m + "field 'decoder_output' must be \"logits\" or \"probabilities\", not \"sigmoid\".";
        QTest::newRow("input_range") << R"({"input_range": [1, 0]})" << m + "field 'input_range' must be [low, high] with low < high, not [1,0].";
        QTest::newRow("latent_names") << R"({"latent_names": ["a", "b"]})"
                                      << m + "field 'latent_names' must be an array of 4 names (latent_dim), not [\"a\",\"b\"].";
        QTest::newRow("partition end") << R"({"partitions": [{"name": "p", "begin": 2, "end": 6, "values": ["a"]}]})"
                                       << m + "field 'partitions[0].end' must be an integer in [3, 4] (after begin, within latent_dim), not 6.";
        QTest::newRow("overlap")
            << R"({"partitions": [{"name": "p", "begin": 0, "end": 3, "values": ["a"]}, {"name": "q", "begin": 2, "end": 4, "values": ["a"]}], "relations": null, "factors": null})"
            << m + "field 'partitions[1]' must not overlap an earlier partition (dimension 2 is taken).";
        QTest::newRow("prior means")
            << R"({"partitions": [{"name": "p", "begin": 0, "end": 2, "values": ["a"], "prior": {"weights": [1], "means": [[0]], "covariances": [[[1, 0], [0, 1]]]}}], "relations": null, "factors": null})"
            << m + "field 'partitions[0].prior.means[0]' must be an array of 2 numbers, not [0].";
        QTest::newRow("relation partition") << R"({"relations": [{"name": "r", "partition": "colour"}]})"
                                            << m + "field 'relations[0].partition' must name one of the manifest's partitions, not \"colour\".";
        QTest::newRow("factors") << R"({"factors": ["shape"]})"
                                 << m + "field 'factors' must be an array of 2 dataset factor names (one per partition), not [\"shape\"].";
        QTest::newRow("half a pair") << R"({"encoder": "enc.pt"})"
                                     << m + "field 'decoder' must be given too when the model is an encoder/decoder pair.";
    }
    void manifestFieldErrors()
    {
        QFETCH(QString, patch);
        QFETCH(QString, sentence);
        auto j = goodManifest();
        j.merge_patch(json::parse(patch.toStdString()));
        QCOMPARE(QString::fromStdString(errorOf([&] { io::ScriptedModelManifest::fromJson(j, "m.json"); })), sentence);
    }

    void betaVaeMatchesPython()
    {
        const auto want = expected();
        for (const char* opened : {"betavae.pt", "betavae.json"}) {
            const auto model = model::ScriptedModel::open(fixture(opened));
            QCOMPARE(model.latentDim(), 4);
            QVERIFY(model.layout().partitions.empty());
            QVERIFY(!model.hasPrior() && !model.hasRelations());
            const auto [mu, logvar] = model.encodeWithLogVar(probeImages());
            compareClose(mu, want["betavae"]["mu"]);
            compareClose(logvar, want["betavae"]["logvar"]);
            const auto images = model.decode(tensorOf(want["probe_codes"]));
            QCOMPARE(images.sizes().vec(), (std::vector<std::int64_t>{2, 1, 64, 64}));
            compareClose(images.flatten(1).sum(1), want["betavae"]["image_sums"], 1e-3);
            compareClose(images.flatten(1).index_select(1, tensorOf(want["pixels"]).to(torch::kInt64)), want["betavae"]["image_pixels"]);
        }
    }

    void partitionedMatchesPython()
    {
        const auto want = expected()["partitioned"];
        const auto model = model::ScriptedModel::open(fixture("partitioned.pt"));
        QCOMPARE(model.layout().partitions.size(), std::size_t(2));
        QCOMPARE(model.layout().partitions[1].offset, 2);
        QCOMPARE(model.layout().partitions[0].componentNames[2], std::string("heart"));
        QVERIFY(model.hasPrior());
        const auto mu = model.encode(probeImages());
        compareClose(mu, want["mu"]);
        QVERIFY(model.encodeWithLogVar(probeImages()).second.eq(0).all().item<bool>()); // encode returns means only
        const auto codes = tensorOf(expected()["probe_codes"]);
        const auto images = model.decode(codes);
        compareClose(images.flatten(1).sum(1), want["image_sums"], 1e-3);
        compareClose(images.flatten(1).index_select(1, tensorOf(expected()["pixels"]).to(torch::kInt64)), want["image_pixels"]);
        const auto classes = model.classify(codes);
        QCOMPARE(classes.to(torch::kFloat32).sizes().vec(), (std::vector<std::int64_t>{2, 2}));
        compareClose(classes.to(torch::kFloat32), want["classes"], 0);
        for (int r = 0; r < 2; ++r)
            compareClose(model.relate(codes, r), want["related"][static_cast<std::size_t>(r)]);
        // next-shape moves a code to the next component's mean: the prior classifies it as that component.
        const auto moved = model.classify(model.relate(codes, 0));
        QCOMPARE(moved[0][0].item<std::int64_t>(), (classes[0][0].item<std::int64_t>() + 1) % 3);
        QCOMPARE(errorOf([&] { model.relate(codes, 2); }),
                 "TorchScript model '" + fixture("partitioned.pt") + "' has no relation number 2; its manifest lists 2.");
        QCOMPARE(errorOf([&] {
                     model.decode(torch::zeros({1, 5}));
                 }),
                 "TorchScript model '" + fixture("partitioned.pt") + "' decodes codes [B, 4], not [1, 5].");
    }

    void encoderDecoderPair()
    {
        const auto model = model::ScriptedModel::open(fixture("pair.json"));
        const auto mu = model.encode(probeImages());
        const auto mean = probeImages().mean({1, 2, 3});
        QVERIFY(torch::allclose(mu.select(1, 3), 2 * mean));
        const auto images = model.decode(torch::zeros({3, 4}));
        QVERIFY(torch::allclose(images, torch::full({3, 1, 64, 64}, 0.5)));
    }

    void brokenVariants_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("sentence");
        const auto f = [](const char* name) { return QString::fromStdString(fixture(name)); };
        QTest::newRow("missing decode") << "missing-decode.pt"
                                        << "TorchScript model '" + f("missing-decode.pt") +
                "' has no method 'decode'; the contract needs encode(x) and decode(z).";
        QTest::newRow("wrong decode shape") << "wrong-decode-shape.pt"
                                            << "TorchScript model '" + f("wrong-decode-shape.pt") +
                "' decode returns [2, 1, 32, 32] where [2, 1, 64, 64] was expected (image channels, height and "
                "width in the manifest '" +
                f("wrong-decode-shape.json") + "').";
        QTest::newRow("nan output") << "nan-output.json"
                                    << "TorchScript model '" + f("nan-output.pt") +
                "' decode returns non-finite values (NaN or infinity) on a probe batch of 2 zero codes.";
        QTest::newRow("not torchscript") << "not-torchscript.pt"
                                         << "TorchScript model '" + f("not-torchscript.pt") +
                "' is not a TorchScript module (torch.jit.save) or is corrupt (no zip directory).";
        QTest::newRow("mismatch") << "mismatch.pt"
                                  << "TorchScript model '" + f("mismatch.pt") +
                "' encode returns [2, 4] where [2, 6] was expected (latent_dim 6 in the manifest '" + f("mismatch.json") + "').";
        QTest::newRow("bad field") << "bad-field.json"
                                   << "Manifest '" + f("bad-field.json") +
                "' field 'decoder_output' must be \"logits\" or \"probabilities\", not \"sigmoid\".";
        QTest::newRow("relate leak") << "relate-leak.pt"
                                     << "TorchScript model '" + f("relate-leak.pt") +
                "' relate(z, 0) ('leaky') changes code dimension 2, outside its partition 'a' [0, 2).";
        QTest::newRow("no such file") << "nowhere.json"
                                      << "Manifest '" + f("nowhere.json") +
                "' does not exist; a TorchScript model needs its JSON manifest beside it.";
    }
    void brokenVariants()
    {
        QFETCH(QString, file);
        QFETCH(QString, sentence);
        QCOMPARE(QString::fromStdString(errorOf([&] { model::ScriptedModel::open(fixture(file.toStdString())); })), sentence);
    }

    void integrityChecks()
    {
        QTemporaryDir dir;
        const std::string lonely = dir.filePath("lonely.pt").toStdString();
        std::filesystem::copy_file(fixture("betavae.pt"), lonely);
        QCOMPARE(errorOf([&] { model::ScriptedModel::open(lonely); }),
                 "TorchScript model '" + lonely + "' has no manifest '" + dir.filePath("lonely.json").toStdString() +
                     "' beside it; an imported model needs one (docs/design/file-formats.md#torchscript-models).");
        // A flipped byte inside a stored entry fails its CRC before LibTorch parses anything.
        const std::string damaged = dir.filePath("damaged.pt").toStdString();
        std::filesystem::copy_file(fixture("betavae.pt"), damaged);
        std::filesystem::copy_file(fixture("betavae.json"), dir.filePath("damaged.json").toStdString());
        {
            std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
            f.seekg(0, std::ios::end);
            const auto size = static_cast<std::streamoff>(f.tellg());
            f.seekp(size / 2);
            char c = 0;
            f.seekg(size / 2);
            f.read(&c, 1);
            c = static_cast<char>(c ^ 0x5a);
            f.seekp(size / 2);
            f.write(&c, 1);
        }
        const auto sentence = QString::fromStdString(errorOf([&] { model::ScriptedModel::open(damaged); }));
        QVERIFY2(sentence.startsWith(
                     QString::fromStdString("TorchScript model '" + damaged + "' is not a TorchScript module (torch.jit.save) or is corrupt (")),
                 qPrintable(sentence));
    }

    /// ensemble encode --models: the imported models' posteriors on the fingerprint sample, named by their manifests.
    void ensembleEncodeImported()
    {
        const QString enc = m_dir.filePath("enc.h5");
        const QString models = QString::fromStdString(fixture("betavae.pt") + "," + fixture("betavae.json"));
        const CliRun r = runCli({"ensemble", "encode", "--models", models, "--data", dataFile(), "--samples", "40", "--out", enc});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto e = io::EncodingsFile::read(enc.toStdString());
        QCOMPARE(e.models, std::int64_t(2));
        QCOMPARE(e.samples, std::int64_t(40));
        QCOMPARE(e.dims, std::int64_t(4));
        QCOMPARE(e.modelNames.front(), std::string("fixture beta-VAE"));
        QVERIFY(std::equal(e.mu.begin(), e.mu.begin() + 160, e.mu.begin() + 160)); // the same model twice: equal halves
        QVERIFY(!e.factorNames.empty());
        const CliRun s = runCli({"similarity", "--encodings", enc, "--out", m_dir.filePath("sim.h5"), "--min-samples", "2", "--info-threshold", "0"});
        QVERIFY2(s.code == 0, qPrintable(s.err));

        const CliRun meanOnly = runCli({"ensemble", "encode", "--models", QString::fromStdString(fixture("partitioned.pt")), "--data", dataFile(),
                                        "--samples", "40", "--out", enc});
        QCOMPARE(meanOnly.code, 1);
        QCOMPARE(meanOnly.lastErrorLine(),
                 "latentlab-cli: Model '" + QString::fromStdString(fixture("partitioned.pt")) +
                     "' returns only posterior means (encode_returns \"mean\"); the fingerprint compares posteriors, so "
                     "it needs \"mean_logvar\".");
        const CliRun neither = runCli({"ensemble", "encode", "--samples", "40", "--out", enc});
        QCOMPARE(neither.code, 1);
        QVERIFY2(
            neither.err.contains("needs either --runs (our beta-VAE, M-AE or AbsAE runs) or --models (imported TorchScript models), not neither."),
            qPrintable(neither.err));
    }

    /// eval --model: the metrics on the posterior means and, with priors, on the class codes.
    void evalImported()
    {
        // Copies: the scores are written beside the model (NAME.metrics.json), not into the source tree.
        for (const char* f : {"partitioned.pt", "partitioned.json", "betavae.pt", "betavae.json"})
            QFile::copy(QString::fromStdString(fixture(f)), m_dir.filePath(f));
        const CliRun r = runCli({"eval", "--model", m_dir.filePath("partitioned.json"), "--data", dataFile(), "--metrics", "mig,sap",
                                 "--points-train", "200", "--points-test", "100", "--threads", "2", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto j = json::parse(r.out.toStdString());
        QCOMPARE(j["version"].get<std::string>(), std::string("dsprites-v2"));
        QVERIFY2(j["metrics"].dump().find("class_codes") != std::string::npos, j.dump().c_str());
        QVERIFY(QFile::exists(m_dir.filePath("partitioned.metrics.json")));
        const CliRun plain = runCli({"eval", "--model", m_dir.filePath("betavae.pt"), "--data", dataFile(), "--metrics", "mig", "--points-train",
                                     "200", "--points-test", "100", "--threads", "2", "--json"});
        QVERIFY2(plain.code == 0, qPrintable(plain.err));
        QVERIFY(json::parse(plain.out.toStdString())["metrics"].dump().find("class_codes") == std::string::npos);
        const CliRun noData = runCli({"eval", "--model", QString::fromStdString(fixture("betavae.pt"))});
        QCOMPARE(noData.code, 1);
        QCOMPARE(
            noData.lastErrorLine(),
            QString(
                "latentlab-cli: eval --model needs --data FILE: an imported model is scored on a dataset file whose factors its manifest names."));
    }

private:
    QString dataFile()
    {
        const QString path = m_dir.filePath("d2.h5");
        if (!QFile::exists(path))
            testfiles::generateDsprites(path, "dsprites-v2", 1500, 3);
        return path;
    }
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestScriptedModel)
#include "tst_scriptedmodel.moc"
