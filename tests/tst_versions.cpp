// Dataset versions and relations as data: combination counts, kept rows, value maps, refusals.
#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"

#include <QtTest>

#include <set>

using latentlab::LatentLabError;
using namespace latentlab::data;

namespace {
FactorSpace rawSpace(const DatasetVersion& v) { return latentlab::data::DatasetKind::of(v.layout).factors; }
std::int64_t valueNamed(const VersionFactor& f, const std::string& name)
{
    for (std::int64_t v = 0; v < f.numValues(); ++v)
        if (f.valueName(v) == name)
            return v;
    return -1;
}
} // namespace

class TestVersions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void combinationCounts_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<qint64>("combinations");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<qint64>("rows");
        // rows: kept raw rows of the full product (dsprites-v2 = 3 shapes · 3 scales · 6 orientations · 15 · 15).
        QTest::newRow("dsprites-v2") << "dsprites-v2" << qint64(27) << 2 << qint64(3 * 3 * 6 * 15 * 15);
        QTest::newRow("dsprites-v3") << "dsprites-v3" << qint64(135) << 3 << qint64(3 * 5 * 6 * 15 * 15);
        QTest::newRow("dsprites-v4") << "dsprites-v4" << qint64(1080) << 4 << qint64(3 * 5 * 8 * 15 * 15);
        QTest::newRow("dsprites-full") << "dsprites-full" << qint64(3 * 6 * 40 * 32 * 32) << 5 << qint64(3 * 6 * 40 * 32 * 32);
        QTest::newRow("shapes3d-v2") << "shapes3d-v2" << qint64(40) << 2 << qint64(10 * 10 * 10 * 1 * 4 * 3);
        QTest::newRow("shapes3d-v3") << "shapes3d-v3" << qint64(120) << 3 << qint64(10 * 10 * 10 * 3 * 4 * 3);
        QTest::newRow("shapes3d-v5") << "shapes3d-v5" << qint64(12000) << 5 << qint64(10 * 10 * 10 * 3 * 4 * 3);
    }

    void combinationCounts()
    {
        QFETCH(QString, version);
        QFETCH(qint64, combinations);
        QFETCH(int, partitions);
        QFETCH(qint64, rows);
        const DatasetVersion& v = DatasetVersionCatalog::builtin().version(version.toStdString());
        QCOMPARE(v.numCombinations(), std::int64_t(combinations));
        QCOMPARE(int(v.factors.size()), partitions);
        const FactorSpace raw = rawSpace(v);
        const auto kept = v.selectFullRows(raw);
        QCOMPARE(std::int64_t(kept.size()), std::int64_t(rows));
        QVERIFY(std::is_sorted(kept.begin(), kept.end()));
        // Every combination is represented, and every kept row maps to a combination.
        std::set<std::int64_t> seen;
        for (auto r : kept) {
            const auto c = raw.classesOf(r);
            const auto comb = v.combinationOf(raw, c.data());
            QVERIFY(comb >= 0 && comb < combinations);
            seen.insert(comb);
        }
        QCOMPARE(std::int64_t(seen.size()), std::int64_t(combinations));
        // selectRows over a class table agrees with selectFullRows on the full product.
        if (raw.numCombinations() <= 737280 && version.startsWith("dsprites")) {
            std::vector<std::int64_t> classes(static_cast<std::size_t>(raw.numCombinations()) * 6);
            for (std::int64_t i = 0; i < raw.numCombinations(); ++i)
                raw.classesOf(i, &classes[static_cast<std::size_t>(i) * 6]);
            QCOMPARE(v.selectRows(raw, classes), kept);
        }
    }

    void dspritesV2MatchesTheReferenceClassIndex()
    {
        // The reference code's class index is 9·shape + 3·xbin + ybin.
        const DatasetVersion& v = DatasetVersionCatalog::builtin().version("dsprites-v2");
        const FactorSpace raw = FactorSpace::dsprites();
        const std::int64_t c1[6] = {0, 2, 3, 0, 15, 29}; // heart, centre x, bottom y
        QCOMPARE(v.combinationOf(raw, c1), std::int64_t(9 * 2 + 3 * 1 + 2));
        const std::int64_t outside[6] = {0, 2, 3, 0, 8, 29}; // posX 8 is between bins
        QCOMPARE(v.combinationOf(raw, outside), std::int64_t(-1));
        const std::int64_t nuisanceOut[6] = {0, 2, 5, 0, 15, 29}; // scale 5 is not kept in v2
        QVERIFY(v.versionValues(raw, nuisanceOut).empty());
    }

    void everyRelationMapsInsideTheGrid()
    {
        for (const auto& v : DatasetVersionCatalog::builtin().versions()) {
            QVERIFY(!v.relations.empty());
            for (const auto& r : v.relations) {
                const auto& f = v.factors[static_cast<std::size_t>(v.factorIndex(r.factor))];
                const std::int64_t n = f.numValues();
                QCOMPARE(std::int64_t(r.map.size()), n);
                std::set<std::int64_t> image;
                for (std::int64_t x = 0; x < n; ++x) {
                    QVERIFY(r.apply(x) >= 0 && r.apply(x) < n);
                    image.insert(r.apply(x));
                }
                if (r.cyclic) {
                    QCOMPARE(std::int64_t(image.size()), n); // a permutation
                    // Applying it once per bin of its axis returns every value: a cycle, no fixed point.
                    for (std::int64_t x = 0; x < n; ++x)
                        QVERIFY(r.apply(x) != x);
                } else {
                    QVERIFY(std::int64_t(image.size()) < n); // saturating: two values land on the end
                    int fixed = 0;
                    for (std::int64_t x = 0; x < n; ++x)
                        fixed += r.apply(x) == x;
                    QVERIFY(fixed >= 1);
                }
            }
        }
    }

    void relationSemantics()
    {
        const DatasetVersion& v = DatasetVersionCatalog::builtin().version("dsprites-v2");
        const auto& pos = v.factors[static_cast<std::size_t>(v.factorIndex("position"))];
        const auto& left = v.relation("move-left");
        QCOMPARE(left.factor, std::string("position"));
        QCOMPARE(pos.valueName(left.apply(valueNamed(pos, "centre middle"))), std::string("left middle"));
        QCOMPARE(pos.valueName(left.apply(valueNamed(pos, "left top"))), std::string("right top")); // wraps
        QCOMPARE(pos.valueName(v.relation("move-down").apply(valueNamed(pos, "right bottom"))), std::string("right top"));
        const auto& shape = v.factors[static_cast<std::size_t>(v.factorIndex("shape"))];
        QCOMPARE(shape.valueName(v.relation("change-shape").apply(2)), std::string("square"));
        // Cyclic: three move-rights are the identity.
        for (std::int64_t x = 0; x < 9; ++x) {
            const auto& right = v.relation("move-right");
            QCOMPARE(right.apply(right.apply(right.apply(x))), x);
        }
        const DatasetVersion& s = DatasetVersionCatalog::builtin().version("shapes3d-v3");
        // How each factor's values are arranged (docs/design/models.md#factor-order): a step off the end is
        // news only for an ordered factor.
        QCOMPARE(pos.order, VersionFactor::Order::Ordered);
        QCOMPARE(shape.order, VersionFactor::Order::Categorical);
        QCOMPARE(s.factors[static_cast<std::size_t>(s.factorIndex("object_hue"))].order, VersionFactor::Order::Circular);
        QCOMPARE(s.factors[static_cast<std::size_t>(s.factorIndex("scale"))].order, VersionFactor::Order::Ordered);
        const DatasetVersion& v4 = DatasetVersionCatalog::builtin().version("dsprites-v4");
        QCOMPARE(v4.factors[static_cast<std::size_t>(v4.factorIndex("orientation"))].order, VersionFactor::Order::Circular);
        QCOMPARE(s.relation("+hue").apply(9), std::int64_t(9)); // saturates at the last hue
        QCOMPARE(s.relation("-hue").apply(0), std::int64_t(0));
        QCOMPARE(s.relation("bigger").apply(1), std::int64_t(2));
        QCOMPARE(s.relation("bigger").apply(2), std::int64_t(2));
        QCOMPARE(s.relation("change-shape").apply(3), std::int64_t(0)); // capsule -> cube (the reference code's bug fixed)
    }

    void inapplicableRelationIsRefused()
    {
        const DatasetVersion& v = DatasetVersionCatalog::builtin().version("dsprites-v2");
        try {
            v.relation("bigger");
            QFAIL("bigger was accepted for dsprites-v2");
        } catch (const LatentLabError& e) {
            const QString m = e.what();
            QVERIFY(m.contains("'bigger'") && m.contains("dsprites-v2") && m.contains("move-left"));
        }
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetVersionCatalog::builtin().version("dsprites-v9"));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetVersionCatalog::builtin().version("shapes3d-v2").relation("rotate+"));
    }

    void badTables_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("mention");
        QTest::newRow("not json") << "{ versions: "
                                  << "not valid JSON";
        QTest::newRow("no versions") << "{}"
                                     << "versions";
        QTest::newRow("unknown raw factor")
            << R"({"versions":[{"name":"x","layout":"dsprites","factors":[{"name":"f","sources":[{"raw":"colour","bins":[[0]],"labels":["a"]}]}]}]})"
            << "unknown raw factor";
        QTest::newRow("bin out of range")
            << R"({"versions":[{"name":"x","layout":"dsprites","factors":[{"name":"f","sources":[{"raw":"shape","bins":[[0],[3]],"labels":["a","b"]}]}]}]})"
            << "out of range";
        QTest::newRow("map outside grid")
            << R"({"versions":[{"name":"x","layout":"dsprites","factors":[{"name":"f","sources":[{"raw":"shape","bins":[[0],[1]],"labels":["a","b"]}]}],
                 "relations":[{"name":"r","factor":"f","map":[1,2],"boundary":"saturating"}]}]})"
            << "outside";
        QTest::newRow("bad boundary")
            << R"({"versions":[{"name":"x","layout":"dsprites","factors":[{"name":"f","sources":[{"raw":"shape","bins":[[0],[1]],"labels":["a","b"]}]}],
                 "relations":[{"name":"r","factor":"f","boundary":"wrap"}]}]})"
            << "boundary";
        QTest::newRow("bad order")
            << R"({"versions":[{"name":"x","layout":"dsprites","factors":[{"name":"f","order":"round","sources":[{"raw":"shape","bins":[[0],[1]],"labels":["a","b"]}]}]}]})"
            << "order 'round'";
        QTest::newRow("unknown layout") << R"({"versions":[{"name":"x","layout":"mnist"}]})"
                                        << "mnist";
    }

    void badTables()
    {
        QFETCH(QString, json);
        QFETCH(QString, mention);
        try {
            DatasetVersionCatalog::fromJson(json.toStdString());
            QFAIL("accepted a bad table");
        } catch (const LatentLabError& e) {
            QVERIFY2(QString(e.what()).contains(mention), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestVersions)
#include "tst_versions.moc"
