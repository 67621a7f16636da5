// Procedural renderers: dSprites geometry measured on the real images (docs/design/datasets.md#dsprites-renderer) and the 3D Shapes scene.
#include "common/LatentLabError.h"
#include "data/kinds/DSpritesRenderer.h"
#include "data/kinds/Shapes3DRenderer.h"

#include <QtTest>

#include <array>

using latentlab::data::DSpritesRenderer;
using latentlab::data::Shapes3DRenderer;
using Image = std::array<std::uint8_t, 64 * 64>;

namespace {
Image sprite(std::int64_t shape, std::int64_t scale, std::int64_t orientation, std::int64_t x, std::int64_t y)
{
    Image img{};
    const std::int64_t c[6] = {0, shape, scale, orientation, x, y};
    DSpritesRenderer().render(c, img.data());
    return img;
}
Image spriteAt(int shape, double scale, double angle)
{
    Image img{};
    DSpritesRenderer().renderValues(shape, scale, angle, 0.5, 0.5, img.data());
    return img;
}
int area(const Image& img) { return std::accumulate(img.begin(), img.end(), 0); }
int differing(const Image& a, const Image& b)
{
    int n = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        n += a[i] != b[i];
    return n;
}
struct Box {
    int rows, cols;
    double cy, cx;
};
Box bounds(const Image& img)
{
    int r0 = 64, r1 = -1, c0 = 64, c1 = -1;
    double sy = 0, sx = 0, n = 0;
    for (int r = 0; r < 64; ++r)
        for (int c = 0; c < 64; ++c)
            if (img[static_cast<std::size_t>(r * 64 + c)]) {
                r0 = std::min(r0, r), r1 = std::max(r1, r), c0 = std::min(c0, c), c1 = std::max(c1, c);
                sy += r + 0.5, sx += c + 0.5, ++n;
            }
    return {r1 - r0 + 1, c1 - c0 + 1, sy / n, sx / n};
}
} // namespace

class TestRenderers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void squareAreasPerScale()
    {
        // Side 19.2·s on an integer centre: exactly 100, 144, 196, 256, 324, 400 pixels (docs/design/datasets.md#dsprites-renderer).
        const int expected[6] = {100, 144, 196, 256, 324, 400};
        for (int s = 0; s < 6; ++s) {
            QCOMPARE(area(sprite(0, s, 0, 0, 0)), expected[s]);
            QCOMPARE(area(sprite(0, s, 0, 31, 31)), expected[s]); // centre 48: integer too
        }
    }

    void rotatedSquareArea()
    {
        // The real rotated squares cover 364–372 px at scale 1 (measured from the gif).
        for (int o = 1; o < 39; ++o) {
            const int a = area(sprite(0, 5, o, 15, 15));
            QVERIFY2(a >= 360 && a <= 404, qPrintable(QString("orientation %1: %2 px").arg(o).arg(a)));
        }
    }

    void centres()
    {
        // Centre = 16 + 32·pos (columns left→right, rows top→down), to within the pixel quantisation.
        for (int x : {0, 7, 15, 23, 31})
            for (int y : {0, 11, 31}) {
                const Box b = bounds(sprite(0, 3, 0, x, y));
                QVERIFY(std::abs(b.cx - (16.0 + 32.0 * x / 31.0)) <= 0.5);
                QVERIFY(std::abs(b.cy - (16.0 + 32.0 * y / 31.0)) <= 0.5);
            }
        // posY = 0 is the top band, posX = 0 the left one.
        QVERIFY(bounds(sprite(1, 5, 0, 0, 0)).cy < 20);
        QVERIFY(bounds(sprite(1, 5, 0, 31, 0)).cx > 44);
    }

    void ellipseAndHeartBoxes()
    {
        const Box e = bounds(sprite(1, 5, 0, 0, 0));
        QCOMPARE(e.cols, 26); // measured 26 × 14 at scale 1
        QCOMPARE(e.rows, 14);
        const int ea = area(sprite(1, 5, 0, 0, 0));
        QVERIFY2(std::abs(ea - 288) <= 6, qPrintable(QString::number(ea)));
        const Box h = bounds(sprite(2, 5, 0, 0, 0));
        QCOMPARE(h.cols, 20); // fitted heart: 20 × 17 at scale 1
        QCOMPARE(h.rows, 17);
        QVERIFY(h.cy < 16.0 - 1.0); // centroid ~2 px above the centre (lobes on top)
        const int ha = area(sprite(2, 5, 0, 0, 0));
        QVERIFY2(std::abs(ha - 222) <= 8, qPrintable(QString::number(ha)));
        // Areas grow with scale for every shape.
        for (int shape = 0; shape < 3; ++shape)
            for (int s = 1; s < 6; ++s)
                QVERIFY(area(sprite(shape, s, 0, 15, 15)) > area(sprite(shape, s - 1, 0, 15, 15)));
    }

    void orientationSymmetries()
    {
        // Index 0 and 39 are 0 and 2π: identical images for every shape.
        for (int shape = 0; shape < 3; ++shape)
            QVERIFY(differing(sprite(shape, 4, 0, 9, 20), sprite(shape, 4, 39, 9, 20)) <= 2);
        // Square repeats every 90°, ellipse every 180°; the heart has no symmetry.
        for (double a : {0.3, 1.1, 2.0}) {
            QVERIFY(differing(spriteAt(0, 1.0, a), spriteAt(0, 1.0, a + M_PI / 2)) <= 4);
            QVERIFY(differing(spriteAt(1, 1.0, a), spriteAt(1, 1.0, a + M_PI)) <= 4);
            QVERIFY(differing(spriteAt(1, 1.0, a), spriteAt(1, 1.0, a + M_PI / 2)) > 60);
            QVERIFY(differing(spriteAt(2, 1.0, a), spriteAt(2, 1.0, a + M_PI)) > 60);
        }
        // Increasing angle turns counter-clockwise on screen: the ellipse's long axis at +90° is vertical.
        const Box v = bounds(spriteAt(1, 1.0, M_PI / 2));
        QVERIFY(v.rows > v.cols);
    }

    void binaryAndOutOfRange()
    {
        const Image img = sprite(2, 2, 17, 3, 29);
        for (auto p : img)
            QVERIFY(p == 0 || p == 1);
        const std::int64_t bad[6] = {0, 3, 0, 0, 0, 0};
        Image out{};
        QVERIFY_THROWS_EXCEPTION(latentlab::LatentLabError, DSpritesRenderer().render(bad, out.data()));
    }

    void shapes3dScene()
    {
        const Shapes3DRenderer r;
        std::vector<std::uint8_t> a(64 * 64 * 3), b(64 * 64 * 3);
        const long long base[6] = {0, 6, 2, 3, 2, 7}; // red floor, blue wall, yellow sphere, azimuth 0°
        r.render(base, a.data());
        r.render(base, b.data());
        QCOMPARE(a, b); // deterministic
        auto px = [&](const std::vector<std::uint8_t>& img, int row, int col) {
            const auto* p = &img[static_cast<std::size_t>((row * 64 + col) * 3)];
            return std::array<int, 3>{p[0], p[1], p[2]};
        };
        // Sky at the top, constant light blue.
        const auto sky = px(a, 1, 32);
        QVERIFY(std::abs(sky[0] - 153) <= 2 && std::abs(sky[1] - 226) <= 2 && std::abs(sky[2] - 249) <= 2);
        // Wall (hue 0.6: blue dominates), floor (hue 0: red dominates), object (hue 0.2: yellow = red+green).
        const auto wall = px(a, 28, 4);
        QVERIFY(wall[2] > wall[0] && wall[2] > wall[1]);
        const auto floor = px(a, 62, 4);
        QVERIFY(floor[0] > 100 && floor[1] < 40 && floor[2] < 40);
        const auto object = px(a, 48, 32);
        QVERIFY(object[0] > 80 && object[1] > 80 && object[2] < object[0] / 2);
        // Changing one hue changes only the surfaces of that kind: the sky stays.
        const long long otherFloor[6] = {4, 6, 2, 3, 2, 7};
        r.render(otherFloor, b.data());
        QVERIFY(a != b);
        QCOMPARE(px(b, 1, 32), sky);
        // Bigger objects cover more pixels that differ from the empty-room colours.
        const long long small[6] = {0, 6, 2, 0, 3, 7}, large[6] = {0, 6, 2, 7, 3, 7};
        std::vector<std::uint8_t> s(64 * 64 * 3), l(64 * 64 * 3);
        r.render(small, s.data());
        r.render(large, l.data());
        auto yellowish = [&](const std::vector<std::uint8_t>& img) {
            int n = 0;
            for (int i = 0; i < 64 * 64; ++i)
                n += img[static_cast<std::size_t>(i * 3)] > 60 && img[static_cast<std::size_t>(i * 3 + 1)] > 60 &&
                    img[static_cast<std::size_t>(i * 3 + 2)] < img[static_cast<std::size_t>(i * 3)] / 2;
            return n;
        };
        QVERIFY(yellowish(l) > yellowish(s) * 2);
        const long long bad[6] = {0, 0, 0, 8, 0, 0};
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, r.render(bad, a.data()));
    }
};

QTEST_GUILESS_MAIN(TestRenderers)
#include "tst_renderers.moc"
