#include "data/DatasetVersionCatalog.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"

#include <nlohmann/json.hpp>

#include <deque>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

namespace latentlab::data {

using nlohmann::json;

const char* DatasetVersionCatalog::builtinJson()
{
    // Versions of the modular paper (docs/design/models.md#dataset-versions, factorisations inferred from the
    // combination counts) with the relations of docs/design/models.md#relation-catalogue. dSprites keeps the
    // repo's nuisances (3 scales, 6 orientations around 0, 5 exact positions per bin); 3D Shapes keeps all
    // floor/wall hues (the nuisances the real images vary) with 3 camera azimuths around 0°, so a version holds 12k–36k rows instead of 480k.
    return R"JSON({
  "versions": [
    {
      "name": "dsprites-v2", "layout": "dsprites",
      "description": "shape x 3x3 position bins (27 combinations); nuisances: 3 scales, 6 orientations near 0, exact position inside each bin",
      "factors": [
        {"name": "shape", "order": "categorical", "sources": [{"raw": "shape", "bins": [[0], [1], [2]], "labels": ["square", "ellipse", "heart"]}]},
        {"name": "position", "order": "ordered", "sources": [
          {"raw": "posX", "bins": [[0, 1, 2, 3, 4], [13, 14, 15, 16, 17], [27, 28, 29, 30, 31]], "labels": ["left", "centre", "right"]},
          {"raw": "posY", "bins": [[0, 1, 2, 3, 4], [13, 14, 15, 16, 17], [27, 28, 29, 30, 31]], "labels": ["top", "middle", "bottom"]}]}
      ],
      "nuisances": [{"raw": "scale", "keep": [2, 3, 4]}, {"raw": "orientation", "keep": [0, 1, 2, 37, 38, 39]}],
      "relations": [
        {"name": "move-left", "factor": "position", "axis": "posX", "step": -1, "boundary": "cyclic", "description": "one position bin left; the leftmost wraps to the rightmost"},
        {"name": "move-right", "factor": "position", "axis": "posX", "step": 1, "boundary": "cyclic", "description": "one position bin right, wrapping"},
        {"name": "move-up", "factor": "position", "axis": "posY", "step": -1, "boundary": "cyclic", "description": "one position bin up, wrapping"},
        {"name": "move-down", "factor": "position", "axis": "posY", "step": 1, "boundary": "cyclic", "description": "one position bin down, wrapping"},
        {"name": "change-shape", "factor": "shape", "step": 1, "boundary": "cyclic", "description": "square -> ellipse -> heart -> square"}
      ]
    },
    {
      "name": "dsprites-v3", "extends": "dsprites-v2",
      "description": "dsprites-v2 x 5 scales (135 combinations); nuisances: 6 orientations near 0, exact position",
      "factors": [
        {"name": "scale", "order": "ordered", "sources": [{"raw": "scale", "bins": [[1], [2], [3], [4], [5]], "labels": ["0.6", "0.7", "0.8", "0.9", "1.0"]}]}
      ],
      "nuisances": [{"raw": "orientation", "keep": [0, 1, 2, 37, 38, 39]}],
      "relations": [
        {"name": "bigger", "factor": "scale", "step": 1, "boundary": "saturating", "description": "one scale up; the largest stays"},
        {"name": "smaller", "factor": "scale", "step": -1, "boundary": "saturating", "description": "one scale down; the smallest stays"}
      ]
    },
    {
      "name": "dsprites-v4", "extends": "dsprites-v3",
      "description": "dsprites-v3 x 8 orientations about 45 degrees apart (1080 combinations); nuisance: exact position. Squares repeat every 90 degrees and ellipses every 180, so orientation is only partly identifiable from pixels",
      "factors": [
        {"name": "orientation", "order": "circular", "sources": [{"raw": "orientation", "bins": [[0], [5], [10], [15], [20], [24], [29], [34]], "labels": ["0deg", "46deg", "92deg", "138deg", "185deg", "222deg", "268deg", "314deg"]}]}
      ],
      "nuisances": [],
      "relations": [
        {"name": "rotate+", "factor": "orientation", "step": 1, "boundary": "cyclic", "description": "one orientation step counter-clockwise, wrapping"},
        {"name": "rotate-", "factor": "orientation", "step": -1, "boundary": "cyclic", "description": "one orientation step clockwise, wrapping"}
      ]
    },
    {
      "name": "dsprites-full", "layout": "dsprites",
      "description": "every raw factor a relevant factor: shape x 6 scales x 40 orientations x 32 x-positions x 32 y-positions (737280 combinations, the whole dataset); for unsupervised models such as the beta-VAE ensemble, which want every factor to vary",
      "factors": [
        {"name": "shape", "order": "categorical", "sources": [{"raw": "shape", "bins": [[0], [1], [2]], "labels": ["square", "ellipse", "heart"]}]},
        {"name": "scale", "order": "ordered", "sources": [{"raw": "scale", "bins": [[0], [1], [2], [3], [4], [5]], "labels": ["0.5", "0.6", "0.7", "0.8", "0.9", "1.0"]}]},
        {"name": "orientation", "order": "circular", "sources": [{"raw": "orientation", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13], [14], [15], [16], [17], [18], [19], [20], [21], [22], [23], [24], [25], [26], [27], [28], [29], [30], [31], [32], [33], [34], [35], [36], [37], [38], [39]], "labels": ["0deg", "9deg", "18deg", "28deg", "37deg", "46deg", "55deg", "65deg", "74deg", "83deg", "92deg", "102deg", "111deg", "120deg", "129deg", "138deg", "148deg", "157deg", "166deg", "175deg", "185deg", "194deg", "203deg", "212deg", "222deg", "231deg", "240deg", "249deg", "258deg", "268deg", "277deg", "286deg", "295deg", "305deg", "314deg", "323deg", "332deg", "342deg", "351deg", "360deg"]}]},
        {"name": "posX", "order": "ordered", "sources": [{"raw": "posX", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13], [14], [15], [16], [17], [18], [19], [20], [21], [22], [23], [24], [25], [26], [27], [28], [29], [30], [31]], "labels": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"]}]},
        {"name": "posY", "order": "ordered", "sources": [{"raw": "posY", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13], [14], [15], [16], [17], [18], [19], [20], [21], [22], [23], [24], [25], [26], [27], [28], [29], [30], [31]], "labels": ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31"]}]}
      ],
      "nuisances": [],
      "relations": [
        {"name": "move-left", "factor": "posX", "step": -1, "boundary": "saturating", "description": "one x-position left; the leftmost stays"},
        {"name": "move-right", "factor": "posX", "step": 1, "boundary": "saturating", "description": "one x-position right; the rightmost stays"},
        {"name": "move-up", "factor": "posY", "step": -1, "boundary": "saturating", "description": "one y-position up; the top stays"},
        {"name": "move-down", "factor": "posY", "step": 1, "boundary": "saturating", "description": "one y-position down; the bottom stays"},
        {"name": "change-shape", "factor": "shape", "step": 1, "boundary": "cyclic", "description": "square -> ellipse -> heart -> square"},
        {"name": "bigger", "factor": "scale", "step": 1, "boundary": "saturating", "description": "one scale up; the largest stays"},
        {"name": "smaller", "factor": "scale", "step": -1, "boundary": "saturating", "description": "one scale down; the smallest stays"},
        {"name": "rotate+", "factor": "orientation", "step": 1, "boundary": "cyclic", "description": "one orientation step (about 9 degrees) counter-clockwise, wrapping"},
        {"name": "rotate-", "factor": "orientation", "step": -1, "boundary": "cyclic", "description": "one orientation step clockwise, wrapping"}
      ]
    },
    {
      "name": "shapes3d-v2", "layout": "shapes3d",
      "description": "object hue x shape (40 combinations); nuisances: floor and wall hue (all), 3 azimuths near 0; middle scale",
      "factors": [
        {"name": "object_hue", "order": "circular", "sources": [{"raw": "object_hue", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]],
          "labels": ["red", "orange", "yellow", "green", "seagreen", "cyan", "blue", "dark-blue", "purple", "pink"]}]},
        {"name": "shape", "order": "categorical", "sources": [{"raw": "shape", "bins": [[0], [1], [2], [3]], "labels": ["cube", "cylinder", "sphere", "capsule"]}]}
      ],
      "nuisances": [{"raw": "scale", "keep": [3]}, {"raw": "orientation", "keep": [6, 7, 8]}],
      "relations": [
        {"name": "+hue", "factor": "object_hue", "step": 1, "boundary": "saturating", "description": "next object hue; the last stays"},
        {"name": "-hue", "factor": "object_hue", "step": -1, "boundary": "saturating", "description": "previous object hue; the first stays"},
        {"name": "change-shape", "factor": "shape", "step": 1, "boundary": "cyclic", "description": "cube -> cylinder -> sphere -> capsule -> cube"}
      ]
    },
    {
      "name": "shapes3d-v3", "extends": "shapes3d-v2",
      "description": "shapes3d-v2 x 3 scales (120 combinations); nuisances: floor and wall hue, 3 azimuths near 0",
      "factors": [
        {"name": "scale", "order": "ordered", "sources": [{"raw": "scale", "bins": [[1], [4], [7]], "labels": ["small", "medium", "large"]}]}
      ],
      "nuisances": [{"raw": "orientation", "keep": [6, 7, 8]}],
      "relations": [
        {"name": "bigger", "factor": "scale", "step": 1, "boundary": "saturating", "description": "one scale up; the largest stays"},
        {"name": "smaller", "factor": "scale", "step": -1, "boundary": "saturating", "description": "one scale down; the smallest stays"}
      ]
    },
    {
      "name": "shapes3d-v5", "layout": "shapes3d",
      "description": "floor hue x wall hue x object hue x shape x 3 scales (12000 combinations); nuisance: 3 azimuths near 0",
      "factors": [
        {"name": "floor_hue", "order": "circular", "sources": [{"raw": "floor_hue", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]],
          "labels": ["red", "orange", "yellow", "green", "seagreen", "cyan", "blue", "dark-blue", "purple", "pink"]}]},
        {"name": "wall_hue", "order": "circular", "sources": [{"raw": "wall_hue", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]],
          "labels": ["red", "orange", "yellow", "green", "seagreen", "cyan", "blue", "dark-blue", "purple", "pink"]}]},
        {"name": "object_hue", "order": "circular", "sources": [{"raw": "object_hue", "bins": [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]],
          "labels": ["red", "orange", "yellow", "green", "seagreen", "cyan", "blue", "dark-blue", "purple", "pink"]}]},
        {"name": "shape", "order": "categorical", "sources": [{"raw": "shape", "bins": [[0], [1], [2], [3]], "labels": ["cube", "cylinder", "sphere", "capsule"]}]},
        {"name": "scale", "order": "ordered", "sources": [{"raw": "scale", "bins": [[1], [4], [7]], "labels": ["small", "medium", "large"]}]}
      ],
      "nuisances": [{"raw": "orientation", "keep": [6, 7, 8]}],
      "relations": [
        {"name": "+hue", "factor": "object_hue", "step": 1, "boundary": "saturating", "description": "next object hue; the last stays"},
        {"name": "-hue", "factor": "object_hue", "step": -1, "boundary": "saturating", "description": "previous object hue; the first stays"},
        {"name": "+floor-hue", "factor": "floor_hue", "step": 1, "boundary": "saturating", "description": "next floor hue; the last stays"},
        {"name": "-floor-hue", "factor": "floor_hue", "step": -1, "boundary": "saturating", "description": "previous floor hue; the first stays"},
        {"name": "+wall-hue", "factor": "wall_hue", "step": 1, "boundary": "saturating", "description": "next wall hue; the last stays"},
        {"name": "-wall-hue", "factor": "wall_hue", "step": -1, "boundary": "saturating", "description": "previous wall hue; the first stays"},
        {"name": "change-shape", "factor": "shape", "step": 1, "boundary": "cyclic", "description": "cube -> cylinder -> sphere -> capsule -> cube"},
        {"name": "bigger", "factor": "scale", "step": 1, "boundary": "saturating", "description": "one scale up; the largest stays"},
        {"name": "smaller", "factor": "scale", "step": -1, "boundary": "saturating", "description": "one scale down; the smallest stays"}
      ]
    }
  ]
})JSON";
}

namespace {

std::vector<std::int64_t> deriveMap(const VersionFactor& factor, const std::string& axis, std::int64_t step, bool cyclic, const std::string& where)
{
    std::size_t s = 0;
    if (!axis.empty()) {
        s = factor.sources.size();
        for (std::size_t i = 0; i < factor.sources.size(); ++i)
            if (factor.sources[i].rawFactor == axis)
                s = i;
        if (s == factor.sources.size())
            throw LatentLabError(where + ": axis '" + axis + "' is not a source of factor '" + factor.name + "'.");
    } else if (factor.sources.size() != 1) {
        throw LatentLabError(where + ": factor '" + factor.name + "' has several sources; expected an \"axis\".");
    }
    std::int64_t stride = 1;
    for (std::size_t t = factor.sources.size(); t-- > s + 1;)
        stride *= static_cast<std::int64_t>(factor.sources[t].bins.size());
    const std::int64_t bins = static_cast<std::int64_t>(factor.sources[s].bins.size());
    std::vector<std::int64_t> map(static_cast<std::size_t>(factor.numValues()));
    for (std::int64_t v = 0; v < factor.numValues(); ++v) {
        const std::int64_t b = factor.binAlong(v, s);
        std::int64_t nb = b + step;
        nb = cyclic ? ((nb % bins) + bins) % bins : std::clamp<std::int64_t>(nb, 0, bins - 1);
        map[static_cast<std::size_t>(v)] = v + (nb - b) * stride;
    }
    return map;
}

} // namespace

DatasetVersionCatalog DatasetVersionCatalog::fromJson(const std::string& text)
{
    DatasetVersionCatalog catalog;
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception& e) {
        throw LatentLabError(std::string("The dataset version table is not valid JSON (") + e.what() + ").");
    }
    if (!root.is_object() || !root.contains("versions") || !root["versions"].is_array())
        throw LatentLabError("The dataset version table must be an object with a \"versions\" array.");
    for (const auto& jv : root["versions"]) {
        const std::string where = "Dataset version '" + jv.value("name", std::string("?")) + "'";
        try {
            DatasetVersion v;
            if (jv.contains("extends")) {
                // A derived version starts as a copy of its base: factors and relations are appended,
                // nuisances are replaced when given.
                v = catalog.version(jv.at("extends").get<std::string>());
            }
            v.name = jv.at("name").get<std::string>();
            if (jv.contains("layout"))
                v.layout = layoutFromName(jv.at("layout").get<std::string>());
            else if (!jv.contains("extends"))
                throw LatentLabError(where + " has no \"layout\"; expected \"dsprites\", \"shapes3d\" or \"generic\".");
            v.description = jv.value("description", std::string());
            for (const auto& jf : jv.value("factors", json::array())) {
                VersionFactor f;
                f.name = jf.at("name").get<std::string>();
                const std::string order = jf.value("order", std::string("ordered"));
                if (order != "ordered" && order != "circular" && order != "categorical")
                    throw LatentLabError(where + ": factor '" + f.name + "' has order '" + order +
                                         "'; expected \"ordered\", \"circular\" or \"categorical\".");
                f.order = order == "circular" ? VersionFactor::Order::Circular
                    : order == "categorical"  ? VersionFactor::Order::Categorical
                                              : VersionFactor::Order::Ordered;
                for (const auto& js : jf.at("sources")) {
                    VersionFactor::Source s;
                    s.rawFactor = js.at("raw").get<std::string>();
                    s.bins = js.at("bins").get<std::vector<std::vector<std::int64_t>>>();
                    s.labels = js.at("labels").get<std::vector<std::string>>();
                    f.sources.push_back(std::move(s));
                }
                v.factors.push_back(std::move(f));
            }
            if (jv.contains("nuisances")) {
                v.nuisances.clear();
                for (const auto& jn : jv.at("nuisances"))
                    v.nuisances.push_back({jn.at("raw").get<std::string>(), jn.at("keep").get<std::vector<std::int64_t>>()});
            }
            for (const auto& jr : jv.value("relations", json::array())) {
                Relation r;
                r.name = jr.at("name").get<std::string>();
                r.factor = jr.at("factor").get<std::string>();
                r.description = jr.value("description", std::string());
                const std::string boundary = jr.value("boundary", std::string("cyclic"));
                if (boundary != "cyclic" && boundary != "saturating")
                    throw LatentLabError(where + ": relation '" + r.name + "' has boundary '" + boundary +
                                         "'; expected \"cyclic\" or \"saturating\".");
                r.cyclic = boundary == "cyclic";
                const int fi = v.factorIndex(r.factor);
                if (fi < 0)
                    throw LatentLabError(where + ": relation '" + r.name + "' changes unknown factor '" + r.factor + "'.");
                if (jr.contains("map"))
                    r.map = jr.at("map").get<std::vector<std::int64_t>>();
                else
                    r.map = deriveMap(v.factors[static_cast<std::size_t>(fi)], jr.value("axis", std::string()), jr.value("step", std::int64_t{1}),
                                      r.cyclic, where + ", relation '" + r.name + "'");
                v.relations.push_back(std::move(r));
            }
            // A generic-layout version names the factors of a user's file, known only once that file is
            // read: TrainingData checks it against the file (DatasetVersion::validate) before training.
            if (v.layout != DatasetLayout::Generic)
                v.validate(DatasetKind::of(v.layout).factors);
            catalog.m_versions.push_back(std::move(v));
        } catch (const json::exception& e) {
            throw LatentLabError(where + " has a malformed entry (" + std::string(e.what()) + ").");
        }
    }
    return catalog;
}

const DatasetVersionCatalog& DatasetVersionCatalog::builtin()
{
    static const DatasetVersionCatalog catalog = fromJson(builtinJson());
    return catalog;
}

std::vector<std::string> DatasetVersionCatalog::names() const
{
    std::vector<std::string> n;
    for (const auto& v : m_versions)
        n.push_back(v.name);
    return n;
}

const DatasetVersion& DatasetVersionCatalog::version(const std::string& name) const
{
    for (const auto& v : m_versions)
        if (v.name == name)
            return v;
    std::string known;
    for (const auto& v : m_versions)
        known += (known.empty() ? "" : ", ") + v.name;
    throw LatentLabError("Unknown dataset version '" + name + "'; expected one of: " + known + ".");
}

namespace {

/// User versions registered in this process. A deque never moves its elements, so references handed
/// out by find() stay valid while later files are registered.
struct UserVersions {
    std::mutex mutex;
    std::deque<DatasetVersion> versions;
};

UserVersions& userVersions()
{
    static UserVersions registry;
    return registry;
}

} // namespace

DatasetVersionCatalog DatasetVersionCatalog::loadUserFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw LatentLabError("Dataset version file '" + path + "' cannot be read; expected a JSON catalogue of versions.");
    std::ostringstream text;
    text << in.rdbuf();
    DatasetVersionCatalog catalog;
    try {
        catalog = fromJson(text.str());
    } catch (const LatentLabError& e) {
        throw LatentLabError("Dataset version file '" + path + "': " + e.what());
    }
    for (const DatasetVersion& v : catalog.versions())
        for (const DatasetVersion& b : builtin().versions())
            if (b.name == v.name)
                throw LatentLabError("Dataset version file '" + path + "' defines '" + v.name + "', a built-in version; expected a new name.");
    UserVersions& registry = userVersions();
    const std::lock_guard<std::mutex> lock(registry.mutex);
    for (const DatasetVersion& v : catalog.versions())
        registry.versions.push_back(v);
    return catalog;
}

const DatasetVersion& DatasetVersionCatalog::find(const std::string& name)
{
    for (const auto& v : builtin().versions())
        if (v.name == name)
            return v;
    UserVersions& registry = userVersions();
    const std::lock_guard<std::mutex> lock(registry.mutex);
    for (auto it = registry.versions.rbegin(); it != registry.versions.rend(); ++it)
        if (it->name == name)
            return *it;
    std::string known;
    std::set<std::string> listed;
    for (const auto& v : builtin().versions())
        if (listed.insert(v.name).second)
            known += (known.empty() ? "" : ", ") + v.name;
    for (const auto& v : registry.versions)
        if (listed.insert(v.name).second)
            known += ", " + v.name;
    throw LatentLabError("Unknown dataset version '" + name + "'; expected one of: " + known + " (or a user version from a --versions file).");
}

std::vector<const DatasetVersion*> DatasetVersionCatalog::versionsFor(DatasetLayout layout) const
{
    std::vector<const DatasetVersion*> out;
    for (const auto& v : m_versions)
        if (v.layout == layout)
            out.push_back(&v);
    return out;
}

} // namespace latentlab::data
