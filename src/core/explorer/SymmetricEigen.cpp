#include "explorer/SymmetricEigen.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace latentlab::train {

SymmetricEigen SymmetricEigen::of(const std::vector<double>& matrix, int n)
{
    const auto at = [n](int r, int c) { return static_cast<std::size_t>(r * n + c); };
    std::vector<double> a(static_cast<std::size_t>(n * n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            a[at(r, c)] = r <= c ? matrix[at(r, c)] : matrix[at(c, r)];
    std::vector<double> v(static_cast<std::size_t>(n * n), 0.0);
    for (int i = 0; i < n; ++i)
        v[at(i, i)] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0, scale = 0;
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c)
                (r == c ? scale : off) += a[at(r, c)] * a[at(r, c)];
        if (off <= 1e-30 * std::max(scale, 1e-300))
            break;
        for (int p = 0; p < n - 1; ++p)
            for (int q = p + 1; q < n; ++q) {
                const double apq = a[at(p, q)];
                if (std::abs(apq) < 1e-300)
                    continue;
                // The rotation that zeroes a[p][q] (Numerical Recipes' stable form).
                const double theta = (a[at(q, q)] - a[at(p, p)]) / (2 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1));
                const double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < n; ++k) {
                    const double akp = a[at(k, p)], akq = a[at(k, q)];
                    a[at(k, p)] = c * akp - s * akq;
                    a[at(k, q)] = s * akp + c * akq;
                }
                for (int k = 0; k < n; ++k) {
                    const double apk = a[at(p, k)], aqk = a[at(q, k)];
                    a[at(p, k)] = c * apk - s * aqk;
                    a[at(q, k)] = s * apk + c * aqk;
                }
                for (int k = 0; k < n; ++k) {
                    const double vkp = v[at(k, p)], vkq = v[at(k, q)];
                    v[at(k, p)] = c * vkp - s * vkq;
                    v[at(k, q)] = s * vkp + c * vkq;
                }
            }
    }
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return a[at(x, x)] > a[at(y, y)]; });
    SymmetricEigen e;
    for (const int i : order) {
        e.values.push_back(a[at(i, i)]);
        std::vector<double> vec(static_cast<std::size_t>(n));
        int largest = 0;
        for (int k = 0; k < n; ++k) {
            vec[static_cast<std::size_t>(k)] = v[at(k, i)];
            if (std::abs(vec[static_cast<std::size_t>(k)]) > std::abs(vec[static_cast<std::size_t>(largest)]) + 1e-12)
                largest = k;
        }
        // A sign convention, so the same points give the same picture on every machine.
        if (vec[static_cast<std::size_t>(largest)] < 0)
            for (double& x : vec)
                x = -x;
        e.vectors.push_back(std::move(vec));
    }
    return e;
}

} // namespace latentlab::train
