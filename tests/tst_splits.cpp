// Train/validation/test splits by base image and the seeded labelled subset.
#include "common/LatentLabError.h"
#include "data/DatasetSplit.h"
#include "data/LabelledSubset.h"

#include <QtTest>

#include <set>

using latentlab::LatentLabError;
using latentlab::data::DatasetSplit;
using latentlab::data::LabelledSubset;
using latentlab::data::Split;

class TestSplits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sizesAndDisjointness()
    {
        const auto split = DatasetSplit::byBaseImage(1000, 3);
        const auto train = split.bases(Split::Train), val = split.bases(Split::Validation), test = split.bases(Split::Test);
        QCOMPARE(train.size(), std::size_t(800));
        QCOMPARE(val.size(), std::size_t(100));
        QCOMPARE(test.size(), std::size_t(100));
        std::set<std::int64_t> all(train.begin(), train.end());
        all.insert(val.begin(), val.end());
        all.insert(test.begin(), test.end());
        QCOMPARE(all.size(), std::size_t(1000)); // disjoint and complete
        QCOMPARE(*all.begin(), std::int64_t(0));
        QCOMPARE(*all.rbegin(), std::int64_t(999));
    }

    void noAugmentedCopyCrossesASplit()
    {
        // 7 copies per base image, as the reference augmentation makes (original + 3 noise + 3 dropout).
        const std::int64_t copies = 7, bases = 12150;
        const auto split = DatasetSplit::byBaseImage(bases, 11);
        for (std::int64_t sample = 0; sample < bases * copies; ++sample) {
            const Split s = split.splitOfSample(sample, copies);
            if (s != split.splitOfSample((sample / copies) * copies, copies))
                QFAIL(qPrintable(QString("sample %1 left its base image's split").arg(sample)));
        }
        // And every split holds copies of whole base images only.
        std::int64_t perSplit[3] = {0, 0, 0};
        for (std::int64_t sample = 0; sample < bases * copies; ++sample)
            ++perSplit[static_cast<int>(split.splitOfSample(sample, copies))];
        for (auto n : perSplit)
            QCOMPARE(n % copies, std::int64_t(0));
    }

    void seedDecides()
    {
        const auto a = DatasetSplit::byBaseImage(500, 1), b = DatasetSplit::byBaseImage(500, 1), c = DatasetSplit::byBaseImage(500, 2);
        QCOMPARE(a.bases(Split::Test), b.bases(Split::Test));
        QVERIFY(a.bases(Split::Test) != c.bases(Split::Test));
        QCOMPARE(a.seed(), std::uint64_t(1));
    }

    void badFractions()
    {
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetSplit::byBaseImage(0, 1));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetSplit::byBaseImage(10, 1, 0.5, 0.5));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetSplit::byBaseImage(10, 1, -0.1, 0.1));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, DatasetSplit::byBaseImage(2, 1, 0.4, 0.4));
    }

    void labelledSubset()
    {
        const auto split = DatasetSplit::byBaseImage(12150, 5);
        const auto train = split.bases(Split::Train);
        const auto a = LabelledSubset::select(train, LabelledSubset::kDefaultCount, 9);
        const auto b = LabelledSubset::select(train, LabelledSubset::kDefaultCount, 9);
        const auto c = LabelledSubset::select(train, LabelledSubset::kDefaultCount, 10);
        QCOMPARE(a.size(), std::size_t(1000));
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QVERIFY(std::is_sorted(a.begin(), a.end()));
        QCOMPARE(std::set<std::int64_t>(a.begin(), a.end()).size(), a.size());
        const std::set<std::int64_t> trainSet(train.begin(), train.end());
        for (auto i : a)
            QVERIFY(trainSet.count(i)); // labels come from training images only
        // Uniform: the mean of 1000 draws of 0..N-1 is within 4 standard errors of (N-1)/2.
        std::vector<std::int64_t> range(10000);
        std::iota(range.begin(), range.end(), 0);
        const auto d = LabelledSubset::select(range, 1000, 3);
        const double mean = std::accumulate(d.begin(), d.end(), 0.0) / 1000.0;
        QVERIFY2(std::abs(mean - 4999.5) < 4 * 2886.8 / std::sqrt(1000.0), qPrintable(QString::number(mean)));
        QVERIFY_THROWS_EXCEPTION(LatentLabError, LabelledSubset::select(range, 10001, 1));
        QCOMPARE(LabelledSubset::select(range, 10000, 1), range);
    }
};

QTEST_GUILESS_MAIN(TestSplits)
#include "tst_splits.moc"
