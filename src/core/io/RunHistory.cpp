#include "io/RunHistory.h"

#include "common/LatentLabError.h"
#include "io/Hdf5AtomicWrite.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace latentlab::io {

namespace {

std::string join(const std::vector<std::string>& parts, char sep)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? std::string(1, sep) : std::string()) + parts[i];
    return out;
}

std::vector<std::string> split(const std::string& text, char sep)
{
    std::vector<std::string> out;
    if (text.empty())
        return out;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep))
        out.push_back(part);
    return out;
}

void writeString(H5::H5Object& obj, const std::string& name, const std::string& value)
{
    // A fixed-width attribute lives in the object header, which HDF5 caps at 64 KiB: the component names
    // of a baseline on shapes3d-v5 (12,000 combinations, ~450 KB) failed with "H5Acreate2 failed". Long
    // texts go in as a variable-length string, whose bytes live in the file's global heap; the reader
    // takes both forms, and short texts stay fixed-width as in every run.h5 written before.
    constexpr std::size_t kHeaderTextLimit = 16 * 1024;
    if (value.size() > kHeaderTextLimit) {
        const H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
        const char* text = value.c_str();
        obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, &text);
        return;
    }
    const H5::StrType type(H5::PredType::C_S1, std::max<std::size_t>(1, value.size()));
    obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, value.empty() ? std::string(" ") : value);
}

std::string readString(const H5::H5Object& obj, const std::string& name)
{
    // Through the list reader: H5::Attribute::read(type, std::string&) writes one pointer per element
    // into a single string's storage, so a many-element attribute overran the stack (fuzz_run_directory).
    const auto values = readStringListAttribute(obj, name);
    return values.size() == 1 ? values[0] : std::string();
}

template <typename T>
void writeArray(H5::Group& g, const std::string& name, const std::vector<T>& data, std::vector<hsize_t> dims)
{
    const H5::PredType& file = std::is_same_v<T, double> ? H5::PredType::IEEE_F64LE
        : std::is_same_v<T, float>                       ? H5::PredType::IEEE_F32LE
                                                         : H5::PredType::STD_I64LE;
    const H5::PredType& mem = std::is_same_v<T, double> ? H5::PredType::NATIVE_DOUBLE
        : std::is_same_v<T, float>                      ? H5::PredType::NATIVE_FLOAT
                                                        : H5::PredType::NATIVE_INT64;
    H5::DataSet ds = g.createDataSet(name, file, H5::DataSpace(static_cast<int>(dims.size()), dims.data()));
    if (!data.empty())
        ds.write(data.data(), mem);
}

template <typename T>
std::vector<T> readArray(const H5::Group& g, const std::string& name, std::size_t expected, const std::string& path)
{
    if (!g.nameExists(name))
        throw LatentLabError("Run history '" + path + "' has no dataset '" + name + "'.");
    const H5::DataSet ds = g.openDataSet(name);
    const hssize_t n = ds.getSpace().getSimpleExtentNpoints();
    if (expected != static_cast<std::size_t>(-1) && static_cast<std::size_t>(n) != expected)
        throw LatentLabError("Run history '" + path + "': dataset '" + name + "' has " + std::to_string(n) + " values; expected " +
                             std::to_string(expected) + ".");
    requireArrayFitsInMemory("Run history", path, name, {static_cast<hsize_t>(std::max<hssize_t>(n, 0))}, sizeof(T));
    std::vector<T> out(static_cast<std::size_t>(n));
    const H5::PredType& mem = std::is_same_v<T, double> ? H5::PredType::NATIVE_DOUBLE
        : std::is_same_v<T, float>                      ? H5::PredType::NATIVE_FLOAT
                                                        : H5::PredType::NATIVE_INT64;
    if (n > 0)
        ds.read(out.data(), mem);
    return out;
}

} // namespace

void RunHistory::write(const std::string& path) const
{
    writeHdf5Atomically(path, "run history", [&](H5::H5File& f) {
        H5::Group root = f.openGroup("/");
        writeString(root, "model", model);
        writeString(root, "version", version);
        writeString(root, "config", configJson);

        H5::Group h = f.createGroup("history");
        const hsize_t L = losses.size();
        std::vector<std::int64_t> step, epoch;
        std::vector<double> rec, rel, gen, dis, anchor, cycle, disAcc;
        for (const auto& l : losses) {
            step.push_back(l.step), epoch.push_back(l.epoch);
            rec.push_back(l.reconstruction), rel.push_back(l.relational), gen.push_back(l.generator), dis.push_back(l.discriminator);
            anchor.push_back(l.labelAnchor), cycle.push_back(l.cycle), disAcc.push_back(l.discriminatorAccuracy);
        }
        writeArray(h, "step", step, {L});
        writeArray(h, "epoch", epoch, {L});
        writeArray(h, "reconstruction", rec, {L});
        writeArray(h, "relational", rel, {L});
        writeArray(h, "generator", gen, {L});
        writeArray(h, "discriminator", dis, {L});
        writeArray(h, "label_anchor", anchor, {L});
        writeArray(h, "cycle", cycle, {L});
        writeArray(h, "discriminator_accuracy", disAcc, {L});

        H5::Group e = f.createGroup("evaluations");
        writeString(e, "relation_names", join(relationNames, ','));
        const hsize_t E = evaluations.size(), R = relationNames.size();
        std::vector<std::int64_t> es, ee;
        std::vector<double> acc, iacc, bce, per, iper;
        for (const auto& r : evaluations) {
            es.push_back(r.step), ee.push_back(r.epoch);
            acc.push_back(r.relationAccuracy), iacc.push_back(r.imageRelationAccuracy), bce.push_back(r.reconstructionBce);
            if (r.perRelation.size() != R || r.imagePerRelation.size() != R)
                throw LatentLabError("Run history for '" + path + "': an evaluation has the wrong number of relations.");
            per.insert(per.end(), r.perRelation.begin(), r.perRelation.end());
            iper.insert(iper.end(), r.imagePerRelation.begin(), r.imagePerRelation.end());
        }
        writeArray(e, "step", es, {E});
        writeArray(e, "epoch", ee, {E});
        writeArray(e, "relation_accuracy", acc, {E});
        writeArray(e, "image_relation_accuracy", iacc, {E});
        writeArray(e, "reconstruction_bce", bce, {E});
        writeArray(e, "per_relation", per, {E, R});
        writeArray(e, "image_per_relation", iper, {E, R});
        // Real-image figures: written when every snapshot has them (runs from before they existed have none).
        const hsize_t P = evaluations.empty() ? 0 : evaluations.front().classification.size();
        const bool real = P > 0 && std::all_of(evaluations.begin(), evaluations.end(), [&](const EvaluationRecord& r) {
                              return r.classification.size() == P && r.imageRelativePerRelation.size() == R && r.latentRealPerRelation.size() == R &&
                                  r.purity.size() == P * P;
                          });
        if (real) {
            std::vector<double> cls, relAcc, relPer, latAcc, latPer, purity;
            for (const auto& r : evaluations) {
                cls.insert(cls.end(), r.classification.begin(), r.classification.end());
                relAcc.push_back(r.imageRelativeAccuracy), latAcc.push_back(r.latentRealAccuracy);
                relPer.insert(relPer.end(), r.imageRelativePerRelation.begin(), r.imageRelativePerRelation.end());
                latPer.insert(latPer.end(), r.latentRealPerRelation.begin(), r.latentRealPerRelation.end());
                purity.insert(purity.end(), r.purity.begin(), r.purity.end());
            }
            writeArray(e, "classification", cls, {E, P});
            writeArray(e, "image_relative_accuracy", relAcc, {E});
            writeArray(e, "image_relative_per_relation", relPer, {E, R});
            writeArray(e, "latent_real_accuracy", latAcc, {E});
            writeArray(e, "latent_real_per_relation", latPer, {E, R});
            writeArray(e, "partition_purity", purity, {E, P, P});
        }
        const bool nearest = !evaluations.empty() &&
            std::all_of(evaluations.begin(), evaluations.end(), [&](const EvaluationRecord& r) { return r.nearestPerRelation.size() == R; });
        if (nearest) {
            std::vector<double> acc2, per2, rec;
            for (const auto& r : evaluations) {
                acc2.push_back(r.nearestAccuracy), rec.push_back(r.reconstructionNearest);
                per2.insert(per2.end(), r.nearestPerRelation.begin(), r.nearestPerRelation.end());
            }
            writeArray(e, "image_nearest_accuracy", acc2, {E});
            writeArray(e, "image_nearest_per_relation", per2, {E, R});
            writeArray(e, "reconstruction_nearest", rec, {E});
        }

        H5::Group p = f.createGroup("prior");
        writeString(p, "partitions", std::to_string(prior.size()));
        for (std::size_t i = 0; i < prior.size(); ++i) {
            const auto& r = prior[i];
            H5::Group g = p.createGroup("partition_" + std::to_string(i));
            writeString(g, "name", r.name);
            writeString(g, "component_names", join(r.componentNames, '\n'));
            const auto V = static_cast<hsize_t>(r.components), d = static_cast<hsize_t>(r.dim);
            writeArray(g, "means", r.means, {V, d});
            writeArray(g, "covariances", r.covariances, {V, d, d});
            writeArray(g, "counts", r.counts, {V});
        }
    });
}

RunHistory RunHistory::read(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw LatentLabError("Run history '" + path + "' does not exist.");
    RunHistory r;
    Hdf5Gateway::run([&] {
        try {
            if (!H5::H5File::isHdf5(path))
                throw LatentLabError("Run history '" + path + "' is not an HDF5 file.");
            const H5::H5File f(path, H5F_ACC_RDONLY);
            const H5::Group root = f.openGroup("/");
            r.model = readString(root, "model");
            r.version = readString(root, "version");
            r.configJson = readString(root, "config");
            if (!f.nameExists("history") || !f.nameExists("evaluations") || !f.nameExists("prior"))
                throw LatentLabError("Run history '" + path + "' lacks /history, /evaluations or /prior.");
            const H5::Group h = f.openGroup("history");
            const auto step = readArray<std::int64_t>(h, "step", static_cast<std::size_t>(-1), path);
            const auto L = step.size();
            const auto epoch = readArray<std::int64_t>(h, "epoch", L, path);
            const auto rec = readArray<double>(h, "reconstruction", L, path), rel = readArray<double>(h, "relational", L, path);
            const auto gen = readArray<double>(h, "generator", L, path), dis = readArray<double>(h, "discriminator", L, path);
            // Optional curves (runs from before they existed lack them).
            const auto optional = [&](const char* name) {
                return h.nameExists(name) ? readArray<double>(h, name, L, path) : std::vector<double>(L, 0.0);
            };
            const auto anchor = optional("label_anchor"), cycle = optional("cycle"), disAcc = optional("discriminator_accuracy");
            for (std::size_t i = 0; i < L; ++i)
                r.losses.push_back({step[i], epoch[i], rec[i], rel[i], gen[i], dis[i], anchor[i], cycle[i], disAcc[i]});

            const H5::Group e = f.openGroup("evaluations");
            r.relationNames = split(readString(e, "relation_names"), ',');
            const auto es = readArray<std::int64_t>(e, "step", static_cast<std::size_t>(-1), path);
            const auto E = es.size(), R = r.relationNames.size();
            const auto ee = readArray<std::int64_t>(e, "epoch", E, path);
            const auto acc = readArray<double>(e, "relation_accuracy", E, path);
            const auto iacc = readArray<double>(e, "image_relation_accuracy", E, path);
            const auto bce = readArray<double>(e, "reconstruction_bce", E, path);
            const auto per = readArray<double>(e, "per_relation", E * R, path);
            const auto iper = readArray<double>(e, "image_per_relation", E * R, path);
            std::vector<double> cls, relAcc, relPer, latAcc, latPer, purity;
            std::size_t Pc = 0;
            if (e.nameExists("classification")) {
                const H5::DataSet ds = e.openDataSet("classification");
                if (ds.getSpace().getSimpleExtentNdims() != 2)
                    throw LatentLabError("Run history '" + path + "': dataset 'classification' must be 2-D (evaluations × partitions).");
                hsize_t dims[2] = {0, 0};
                ds.getSpace().getSimpleExtentDims(dims);
                Pc = static_cast<std::size_t>(dims[1]);
                if (Pc > 4096)
                    throw LatentLabError("Run history '" + path + "': dataset 'classification' declares " + std::to_string(Pc) + " partitions.");
                cls = readArray<double>(e, "classification", E * Pc, path);
                relAcc = readArray<double>(e, "image_relative_accuracy", E, path);
                relPer = readArray<double>(e, "image_relative_per_relation", E * R, path);
                latAcc = readArray<double>(e, "latent_real_accuracy", E, path);
                latPer = readArray<double>(e, "latent_real_per_relation", E * R, path);
                purity = readArray<double>(e, "partition_purity", E * Pc * Pc, path);
            }
            std::vector<double> nearAcc, nearPer, nearRec;
            const bool nearest = e.nameExists("image_nearest_accuracy");
            if (nearest) {
                nearAcc = readArray<double>(e, "image_nearest_accuracy", E, path);
                nearPer = readArray<double>(e, "image_nearest_per_relation", E * R, path);
                nearRec = readArray<double>(e, "reconstruction_nearest", E, path);
            }
            const auto slice = [](const std::vector<double>& v, std::size_t i, std::size_t n) {
                return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(i * n), v.begin() + static_cast<std::ptrdiff_t>((i + 1) * n));
            };
            for (std::size_t i = 0; i < E; ++i) {
                EvaluationRecord rec2;
                if (Pc > 0) {
                    rec2.classification = slice(cls, i, Pc);
                    rec2.imageRelativeAccuracy = relAcc[i];
                    rec2.imageRelativePerRelation = slice(relPer, i, R);
                    rec2.latentRealAccuracy = latAcc[i];
                    rec2.latentRealPerRelation = slice(latPer, i, R);
                    rec2.purity = slice(purity, i, Pc * Pc);
                }
                if (nearest) {
                    rec2.nearestAccuracy = nearAcc[i];
                    rec2.nearestPerRelation = slice(nearPer, i, R);
                    rec2.reconstructionNearest = nearRec[i];
                }
                rec2.step = es[i], rec2.epoch = ee[i], rec2.relationAccuracy = acc[i], rec2.imageRelationAccuracy = iacc[i];
                rec2.reconstructionBce = bce[i];
                rec2.perRelation.assign(per.begin() + static_cast<std::ptrdiff_t>(i * R), per.begin() + static_cast<std::ptrdiff_t>((i + 1) * R));
                rec2.imagePerRelation.assign(iper.begin() + static_cast<std::ptrdiff_t>(i * R),
                                             iper.begin() + static_cast<std::ptrdiff_t>((i + 1) * R));
                r.evaluations.push_back(std::move(rec2));
            }

            const H5::Group p = f.openGroup("prior");
            const int P = std::stoi("0" + readString(p, "partitions"));
            for (int i = 0; i < P; ++i) {
                const std::string name = "partition_" + std::to_string(i);
                if (!p.nameExists(name))
                    throw LatentLabError("Run history '" + path + "' lacks /prior/" + name + ".");
                const H5::Group g = p.openGroup(name);
                PriorPartitionRecord pr;
                pr.name = readString(g, "name");
                pr.componentNames = split(readString(g, "component_names"), '\n');
                pr.counts = readArray<std::int64_t>(g, "counts", static_cast<std::size_t>(-1), path);
                pr.components = static_cast<std::int64_t>(pr.counts.size());
                pr.means = readArray<float>(g, "means", static_cast<std::size_t>(-1), path);
                pr.dim = pr.components ? static_cast<std::int64_t>(pr.means.size()) / pr.components : 0;
                pr.covariances = readArray<float>(g, "covariances", static_cast<std::size_t>(pr.components * pr.dim * pr.dim), path);
                r.prior.push_back(std::move(pr));
            }
        } catch (const H5::Exception& e) {
            throw LatentLabError("Run history '" + path + "' could not be read; it is truncated or corrupt (" + e.getDetailMsg() + ").");
        }
    });
    return r;
}

void RunHistory::truncateAfter(std::int64_t step)
{
    losses.erase(std::remove_if(losses.begin(), losses.end(), [&](const LossRecord& l) { return l.step > step; }), losses.end());
    evaluations.erase(std::remove_if(evaluations.begin(), evaluations.end(), [&](const EvaluationRecord& e) { return e.step > step; }),
                      evaluations.end());
}

} // namespace latentlab::io
