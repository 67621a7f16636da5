#include "io/NpyHeader.h"

#include "common/LatentLabError.h"

#include <cctype>
#include <cstring>
#include <limits>

namespace latentlab::io {

namespace {

/// A tiny reader of the Python dict literal NumPy writes: {'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }
class DictText {
public:
    DictText(std::string text, std::string what) : m_text(std::move(text)), m_what(std::move(what)) { }

    void skipSpace()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    bool accept(char c)
    {
        skipSpace();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    void expect(char c)
    {
        if (!accept(c))
            fail();
    }
    bool atQuote()
    {
        skipSpace();
        return m_at < m_text.size() && (m_text[m_at] == '\'' || m_text[m_at] == '"');
    }
    std::string quoted()
    {
        skipSpace();
        if (!atQuote())
            fail();
        const char q = m_text[m_at++];
        const std::size_t end = m_text.find(q, m_at);
        if (end == std::string::npos)
            fail();
        std::string s = m_text.substr(m_at, end - m_at);
        m_at = end + 1;
        return s;
    }
    std::string word()
    {
        skipSpace();
        const std::size_t start = m_at;
        while (m_at < m_text.size() && std::isalpha(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
        return m_text.substr(start, m_at - start);
    }
    std::uint64_t number()
    {
        skipSpace();
        const std::size_t start = m_at;
        std::uint64_t v = 0;
        while (m_at < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_at]))) {
            const std::uint64_t digit = static_cast<std::uint64_t>(m_text[m_at] - '0');
            if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
                fail();
            v = v * 10 + digit;
            ++m_at;
        }
        if (m_at == start)
            fail();
        if (m_at < m_text.size() && (m_text[m_at] == 'L' || m_text[m_at] == 'l')) // Python 2 longs: (737280L, 64L, 64L)
            ++m_at;
        return v;
    }
    /// The raw text of a value we do not interpret (a structured descr list), up to the next key.
    std::string rawValue()
    {
        skipSpace();
        int depth = 0;
        const std::size_t start = m_at;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '[' || c == '(' || c == '{')
                ++depth;
            else if (c == ']' || c == ')' || c == '}') {
                if (depth == 0)
                    break;
                --depth;
            } else if (c == ',' && depth == 0)
                break;
            ++m_at;
        }
        return m_text.substr(start, m_at - start);
    }
    [[noreturn]] void fail() const
    {
        throw LatentLabError(m_what + " has a malformed .npy header ('" + m_text.substr(0, 120) +
                             "'); expected a dict with 'descr', 'fortran_order' and 'shape'.");
    }

private:
    std::string m_text;
    std::string m_what;
    std::size_t m_at = 0;
};

} // namespace

NpyHeader NpyHeader::parse(const std::vector<std::uint8_t>& bytes, const std::string& what)
{
    static const char magic[] = "\x93NUMPY";
    if (bytes.size() < 10 || std::memcmp(bytes.data(), magic, 6) != 0)
        throw LatentLabError(what + " is not a NumPy .npy array (no \\x93NUMPY magic).");
    const int major = bytes[6];
    std::size_t lengthBytes = 0;
    if (major == 1)
        lengthBytes = 2;
    else if (major == 2 || major == 3)
        lengthBytes = 4;
    else
        throw LatentLabError(what + " is a .npy array of format version " + std::to_string(major) + "." + std::to_string(bytes[7]) +
                             "; expected 1.0, 2.0 or 3.0.");
    if (bytes.size() < 8 + lengthBytes)
        throw LatentLabError(what + " ends inside its .npy header.");
    std::size_t length = 0;
    for (std::size_t i = 0; i < lengthBytes; ++i)
        length |= static_cast<std::size_t>(bytes[8 + i]) << (8 * i);
    NpyHeader h;
    h.dataOffset = 8 + lengthBytes + length;
    if (length > kMaxHeaderBytes || h.dataOffset > bytes.size())
        throw LatentLabError(what + " has a .npy header of " + std::to_string(length) + " bytes; expected a complete header under " +
                             std::to_string(kMaxHeaderBytes) + " bytes.");

    DictText d(std::string(reinterpret_cast<const char*>(bytes.data()) + 8 + lengthBytes, length), what);
    bool sawDescr = false, sawOrder = false, sawShape = false;
    d.expect('{');
    while (!d.accept('}')) {
        const std::string key = d.quoted();
        d.expect(':');
        if (key == "descr") {
            h.descr = d.atQuote() ? d.quoted() : d.rawValue();
            sawDescr = true;
        } else if (key == "fortran_order") {
            const std::string w = d.word();
            if (w != "True" && w != "False")
                d.fail();
            h.fortranOrder = w == "True";
            sawOrder = true;
        } else if (key == "shape") {
            d.expect('(');
            while (!d.accept(')')) {
                h.shape.push_back(d.number());
                if (!d.accept(',')) {
                    d.expect(')');
                    break;
                }
            }
            sawShape = true;
        } else {
            d.rawValue();
        }
        if (!d.accept(',')) {
            d.expect('}');
            break;
        }
    }
    if (!sawDescr || !sawOrder || !sawShape)
        d.fail();
    return h;
}

std::uint64_t NpyHeader::elements() const
{
    std::uint64_t n = 1;
    for (const std::uint64_t s : shape) {
        if (s != 0 && n > std::numeric_limits<std::uint64_t>::max() / s)
            return std::numeric_limits<std::uint64_t>::max();
        n *= s;
    }
    return n;
}

std::string NpyHeader::shapeText() const
{
    std::string t = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        t += (i ? ", " : "") + std::to_string(shape[i]);
    return t + (shape.size() == 1 ? ",)" : ")");
}

} // namespace latentlab::io
