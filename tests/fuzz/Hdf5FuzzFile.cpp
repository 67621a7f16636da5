#include "Hdf5FuzzFile.h"

#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace latentlab::fuzz {

namespace {

using Node = Hdf5FuzzNode;

std::uint64_t elementCount(const std::vector<std::uint64_t>& dims)
{
    std::uint64_t n = 1;
    for (auto d : dims) {
        if (d != 0 && n > std::numeric_limits<std::uint64_t>::max() / d)
            return std::numeric_limits<std::uint64_t>::max();
        n *= d;
    }
    return n;
}

/// Fills a node's kind, size and values from an open dataset or attribute (C API ids).
void readValues(Node& node, hid_t type, hid_t space, const std::function<herr_t(hid_t, void*)>& read)
{
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0)
        H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    node.dims.assign(dims.begin(), dims.end());
    const std::uint64_t count = elementCount(node.dims);
    const H5T_class_t cls = H5Tget_class(type);
    node.bytes = static_cast<int>(H5Tget_size(type));
    if (cls == H5T_STRING) {
        node.kind = Node::Kind::String;
        const bool variable = H5Tis_variable_str(type) > 0;
        if (variable) {
            node.bytes = 0;
            std::vector<char*> buf(count, nullptr);
            // The file's own string type: HDF5 does not convert between ASCII and UTF-8 strings.
            hid_t mem = H5Tcopy(type);
            if (read(mem, buf.data()) >= 0) {
                for (char* s : buf)
                    node.strings.emplace_back(s ? s : "");
                H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buf.data());
            }
            H5Tclose(mem);
        } else {
            std::vector<char> buf(count * static_cast<std::size_t>(node.bytes) + 1, '\0');
            if (read(type, buf.data()) >= 0)
                for (std::uint64_t i = 0; i < count; ++i) {
                    // Raw bytes (writers may separate names with NULs inside one string); padding dropped.
                    std::string v(buf.data() + i * node.bytes, static_cast<std::size_t>(node.bytes));
                    v.erase(v.find_last_not_of('\0') + 1);
                    node.strings.push_back(std::move(v));
                }
        }
        return;
    }
    node.kind = cls == H5T_FLOAT ? Node::Kind::Float : Node::Kind::Integer;
    node.isSigned = cls == H5T_INTEGER ? H5Tget_sign(type) == H5T_SGN_2 : true;
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        throw std::runtime_error("fuzz template: unsupported HDF5 type class");
    if (count > Hdf5FuzzFile::kKeptValues * 64)
        throw std::runtime_error("fuzz template: keep templates small");
    std::vector<double> all(count);
    if (read(H5T_NATIVE_DOUBLE, all.data()) < 0)
        throw std::runtime_error("fuzz template: unreadable values");
    all.resize(std::min<std::size_t>(all.size(), Hdf5FuzzFile::kKeptValues));
    node.numbers = std::move(all);
}

struct WalkState {
    std::vector<Node>* nodes;
};

herr_t visitAttribute(hid_t owner, const char* name, const H5A_info_t*, void* op)
{
    auto& ctx = *static_cast<std::pair<WalkState*, std::string>*>(op);
    Node node;
    node.path = ctx.second;
    node.attribute = name;
    hid_t attr = H5Aopen(owner, name, H5P_DEFAULT);
    hid_t type = H5Aget_type(attr), space = H5Aget_space(attr);
    readValues(node, type, space, [&](hid_t mem, void* buf) { return H5Aread(attr, mem, buf); });
    H5Sclose(space), H5Tclose(type), H5Aclose(attr);
    ctx.first->nodes->push_back(std::move(node));
    return 0;
}

herr_t visitObject(hid_t root, const char* name, const H5O_info_t* info, void* op)
{
    auto* state = static_cast<WalkState*>(op);
    const std::string path = std::string(name) == "." ? "/" : "/" + std::string(name);
    hid_t object = H5Oopen(root, name, H5P_DEFAULT);
    if (info->type == H5O_TYPE_DATASET) {
        Node node;
        node.path = path;
        hid_t type = H5Dget_type(object), space = H5Dget_space(object), plist = H5Dget_create_plist(object);
        node.chunked = H5Pget_layout(plist) == H5D_CHUNKED;
        readValues(node, type, space, [&](hid_t mem, void* buf) { return H5Dread(object, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf); });
        H5Pclose(plist), H5Sclose(space), H5Tclose(type);
        state->nodes->push_back(std::move(node));
    }
    std::pair<WalkState*, std::string> ctx{state, path};
    hsize_t idx = 0;
    H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, visitAttribute, &ctx);
    H5Oclose(object);
    return 0;
}

hid_t memoryType(const Node& n)
{
    if (n.kind == Node::Kind::Float)
        return n.bytes == 4 ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE;
    switch (n.bytes) {
    case 1: return n.isSigned ? H5T_NATIVE_INT8 : H5T_NATIVE_UINT8;
    case 2: return n.isSigned ? H5T_NATIVE_INT16 : H5T_NATIVE_UINT16;
    case 4: return n.isSigned ? H5T_NATIVE_INT32 : H5T_NATIVE_UINT32;
    default: return n.isSigned ? H5T_NATIVE_INT64 : H5T_NATIVE_UINT64;
    }
}

/// Creates the groups above a dataset path; false when a component exists and is not a group.
bool ensureGroups(hid_t file, const std::string& path)
{
    std::size_t pos = 1;
    while ((pos = path.find('/', pos)) != std::string::npos) {
        const std::string group = path.substr(0, pos);
        ++pos;
        if (group.size() <= 1)
            continue;
        if (H5Lexists(file, group.c_str(), H5P_DEFAULT) > 0) {
            H5O_info_t info;
            if (H5Oget_info_by_name(file, group.c_str(), &info, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_GROUP)
                return false;
            continue;
        }
        hid_t g = H5Gcreate2(file, group.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        if (g < 0)
            return false;
        H5Gclose(g);
    }
    return true;
}

/// Writes one node into the open file; false when HDF5 refuses it (skipped by the caller).
bool writeNode(hid_t file, const Node& n)
{
    if (n.dims.size() > 8)
        return false;
    std::vector<hsize_t> dims(n.dims.begin(), n.dims.end());
    const std::uint64_t count = elementCount(n.dims);
    const bool tooBig = count > Hdf5FuzzFile::kMaxWrittenElements;
    if (tooBig && !n.attribute.empty())
        return false; // attributes cannot be chunked; HDF5 caps them at 64 KiB anyway
    hid_t space = dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    if (space < 0)
        return false;
    hid_t fileType, memType;
    if (n.kind == Node::Kind::String) {
        fileType = H5Tcopy(H5T_C_S1);
        H5Tset_size(fileType, n.bytes == 0 ? H5T_VARIABLE : static_cast<std::size_t>(n.bytes));
        // Fixed-width strings as h5py and our writers store them: padded, not necessarily terminated.
        if (n.bytes != 0)
            H5Tset_strpad(fileType, H5T_STR_NULLPAD);
        memType = H5Tcopy(fileType);
    } else {
        fileType = H5Tcopy(memoryType(n));
        memType = H5Tcopy(H5T_NATIVE_DOUBLE);
    }
    hid_t target = -1;
    bool ok = false;
    if (n.attribute.empty()) {
        hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
        if ((n.chunked || tooBig) && !dims.empty()) {
            std::vector<hsize_t> chunk(dims.size());
            for (std::size_t i = 0; i < dims.size(); ++i)
                chunk[i] = std::max<hsize_t>(1, std::min<hsize_t>(dims[i], i == 0 ? 64 : dims[i]));
            // HDF5 refuses chunks over 4 GiB; such declared shapes stay contiguous and unwritten.
            if (elementCount(std::vector<std::uint64_t>(chunk.begin(), chunk.end())) * 8 < (1ull << 31))
                H5Pset_chunk(plist, static_cast<int>(chunk.size()), chunk.data());
        }
        if (ensureGroups(file, n.path) && H5Lexists(file, n.path.c_str(), H5P_DEFAULT) <= 0)
            target = H5Dcreate2(file, n.path.c_str(), fileType, space, H5P_DEFAULT, plist, H5P_DEFAULT);
        H5Pclose(plist);
    } else if (H5Lexists(file, n.path.c_str(), H5P_DEFAULT) > 0 || n.path == "/") {
        hid_t owner = H5Oopen(file, n.path.c_str(), H5P_DEFAULT);
        if (owner >= 0) {
            if (H5Aexists(owner, n.attribute.c_str()) <= 0)
                target = H5Acreate2(owner, n.attribute.c_str(), fileType, space, H5P_DEFAULT, H5P_DEFAULT);
            H5Oclose(owner);
        }
    }
    if (target >= 0) {
        ok = true;
        if (!tooBig && count > 0) {
            herr_t status;
            if (n.kind == Node::Kind::String) {
                std::vector<std::string> values(count);
                for (std::uint64_t i = 0; i < count; ++i)
                    values[i] = n.strings.empty() ? std::string() : n.strings[i % n.strings.size()];
                std::vector<const char*> ptrs;
                std::vector<char> fixed;
                const void* buf;
                if (n.bytes == 0) {
                    for (const auto& v : values)
                        ptrs.push_back(v.c_str());
                    buf = ptrs.data();
                } else {
                    fixed.assign(count * static_cast<std::size_t>(n.bytes), '\0');
                    for (std::uint64_t i = 0; i < count; ++i)
                        std::copy_n(values[i].begin(), std::min<std::size_t>(values[i].size(), static_cast<std::size_t>(n.bytes)),
                                    fixed.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(n.bytes)));
                    buf = fixed.data();
                }
                status = n.attribute.empty() ? H5Dwrite(target, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) : H5Awrite(target, memType, buf);
            } else {
                std::vector<double> values(count);
                for (std::uint64_t i = 0; i < count; ++i)
                    values[i] = n.numbers.empty() ? 0.0 : n.numbers[i % n.numbers.size()];
                // Integer targets: HDF5 converts out-of-range doubles (and NaN) by its own rules;
                // a conversion exception would fail the write, so clamp first.
                if (n.kind == Node::Kind::Integer)
                    for (double& v : values)
                        v = std::isfinite(v) ? std::clamp(v, -9.2e18, 9.2e18) : 0.0;
                status = n.attribute.empty() ? H5Dwrite(target, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data())
                                             : H5Awrite(target, memType, values.data());
            }
            ok = status >= 0;
        }
        if (n.attribute.empty())
            H5Dclose(target);
        else
            H5Aclose(target);
    }
    H5Tclose(memType), H5Tclose(fileType), H5Sclose(space);
    return ok;
}

double specialValue(FuzzBytes& in)
{
    static const double values[] = {std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    -1.0,
                                    0.0,
                                    1.0,
                                    255.0,
                                    256.0,
                                    1e300,
                                    -1e300,
                                    9.2e18,
                                    -9.2e18,
                                    0.5,
                                    2147483648.0,
                                    4294967296.0,
                                    1e-320};
    const std::uint8_t k = in.byte();
    if (k < 16)
        return values[k];
    if (k < 64)
        return in.rawDouble();
    return static_cast<double>(static_cast<std::int8_t>(in.byte()));
}

} // namespace

Hdf5FuzzFile Hdf5FuzzFile::fromFile(const std::string& path)
{
    Hdf5FuzzFile f;
    io::Hdf5Gateway::run([&] {
        hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (file < 0)
            throw std::runtime_error("fuzz template missing or unreadable: " + path);
        WalkState state{&f.nodes};
        H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_NATIVE, visitObject, &state, H5O_INFO_BASIC);
        H5Fclose(file);
    });
    for (const auto& n : f.nodes)
        f.m_names.push_back(n.attribute.empty() ? n.path : n.attribute);
    return f;
}

void Hdf5FuzzFile::mutate(FuzzBytes& in)
{
    for (int op = 0; op < 24 && !in.empty(); ++op) {
        const std::uint8_t what = in.byte() % 12;
        if (nodes.empty() && what != 9)
            continue;
        Node& n = nodes[in.pick(nodes.size())];
        switch (what) {
        case 0: // drop a node
            nodes.erase(nodes.begin() + (&n - nodes.data()));
            break;
        case 1: { // retype
            const std::uint8_t t = in.byte();
            n.kind = static_cast<Node::Kind>(t % 3);
            static const int sizes[] = {1, 2, 4, 8};
            n.bytes = n.kind == Node::Kind::Float ? ((t >> 2) & 1 ? 4 : 8) : n.kind == Node::Kind::String ? (t >> 2) % 9 : sizes[(t >> 2) % 4];
            n.isSigned = (t >> 4) & 1;
            if (n.kind == Node::Kind::String && n.strings.empty())
                for (double v : n.numbers)
                    n.strings.push_back(std::to_string(v)), (void)0;
            break;
        }
        case 2: { // change one extent: small, off by one, zero or huge
            if (n.dims.empty())
                break;
            auto& d = n.dims[in.pick(n.dims.size())];
            const std::uint8_t k = in.byte();
            d = k < 64 ? k % 8 : k < 128 ? d + 1 : k < 192 ? (d > 0 ? d - 1 : 0) : (1ull << (20 + k % 44));
            break;
        }
        case 3: // change the rank
            if (in.byte() & 1)
                n.dims.push_back(1 + in.byte() % 4);
            else if (!n.dims.empty())
                n.dims.pop_back();
            break;
        case 4: // one special value
            if (!n.numbers.empty())
                n.numbers[in.pick(n.numbers.size())] = specialValue(in);
            break;
        case 5: { // a run of raw small values
            if (n.numbers.empty())
                break;
            std::size_t i = in.pick(n.numbers.size());
            for (int k = in.byte() % 32; k > 0 && i < n.numbers.size(); --k, ++i)
                n.numbers[i] = static_cast<double>(static_cast<std::int8_t>(in.byte()));
            break;
        }
        case 6: { // rename to another name of the template, or to a random one
            const std::string target = in.byte() & 1 ? m_names[in.pick(m_names.size())] : "/" + in.text(12);
            if (n.attribute.empty())
                n.path = target.empty() || target[0] != '/' ? "/" + target : target;
            else
                n.attribute = target.empty() ? "x" : target;
            break;
        }
        case 7: { // duplicate a node under another template name
            Node copy = n;
            const std::string& target = m_names[in.pick(m_names.size())];
            if (copy.attribute.empty())
                copy.path = target[0] == '/' ? target : "/" + target;
            else
                copy.attribute = target;
            nodes.push_back(std::move(copy));
            break;
        }
        case 8: { // change strings
            if (n.kind != Node::Kind::String)
                break;
            if (n.strings.empty() || in.byte() & 1)
                n.strings.push_back(in.text(40));
            else
                n.strings[in.pick(n.strings.size())] = in.text(40);
            break;
        }
        case 9: { // a new attribute with a template name on some node
            Node a;
            a.path = nodes.empty() ? "/" : nodes[in.pick(nodes.size())].path;
            a.attribute = m_names.empty() ? "x" : m_names[in.pick(m_names.size())];
            if (!a.attribute.empty() && a.attribute[0] == '/')
                a.attribute.erase(0, 1);
            a.kind = static_cast<Node::Kind>(in.byte() % 3);
            a.bytes = a.kind == Node::Kind::String ? 0 : 8;
            a.dims = in.byte() & 1 ? std::vector<std::uint64_t>{} : std::vector<std::uint64_t>{1u + in.byte() % 6};
            a.numbers = {specialValue(in)};
            a.strings = {in.text(20)};
            nodes.push_back(std::move(a));
            break;
        }
        case 10: // toggle chunked storage
            n.chunked = !n.chunked;
            break;
        case 11: // scale every value (labels off their grid, pixels out of range)
            for (double& v : n.numbers)
                v = v * (1 + in.byte() % 4) + static_cast<double>(static_cast<std::int8_t>(in.byte() % 8));
            break;
        }
    }
}

void Hdf5FuzzFile::write(const std::string& path) const
{
    io::Hdf5Gateway::run([&] {
        hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        if (file < 0)
            throw std::runtime_error("fuzz harness: cannot create " + path);
        // Datasets first, so that attributes find their owners.
        for (const auto& n : nodes)
            if (n.attribute.empty())
                writeNode(file, n);
        for (const auto& n : nodes)
            if (!n.attribute.empty())
                writeNode(file, n);
        H5Fclose(file);
    });
}

} // namespace latentlab::fuzz
