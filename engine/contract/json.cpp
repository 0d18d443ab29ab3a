// json.cpp — the JSON value (json.hpp): storage, members in key order, the parser and the writer.
#include "contract/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "contract/json_number.hpp"

namespace tcoscope {
namespace {

const std::string kEmptyString;
const Json::Array kEmptyArray;
const Json::Object kEmptyObject;
const Json kNull;

// The member with this key, or where it would go.
Json::Object::iterator lower(Json::Object& o, std::string_view key) {
  return std::lower_bound(o.begin(), o.end(), key, [](const Json::Member& m, std::string_view k) {
    return std::string_view(m.first) < k;
  });
}

// Members in key order, a repeated key keeping the value written last (nlohmann's: its map assigns each): for
// the parser and for braced lists. Sorts of its own, both stable (the later of two equal keys stays later)
// and a few hundred bytes of wasm, where std::stable_sort's instantiation costs 4 KB: an insertion sort for
// the many small objects (no buffer), a bottom-up merge sort for the rest.
void sort_members(Json::Object& members) {
  const std::size_t n = members.size();
  if (n <= 16) {
    for (std::size_t i = 1; i < n; ++i) {
      if (!(members[i].first < members[i - 1].first)) continue;  // in place already
      Json::Member m = std::move(members[i]);
      std::size_t j = i;
      for (; j > 0 && m.first < members[j - 1].first; --j) members[j] = std::move(members[j - 1]);
      members[j] = std::move(m);
    }
  } else {
    Json::Object merged(n);
    for (std::size_t width = 1; width < n; width *= 2) {
      for (std::size_t lo = 0; lo < n; lo += 2 * width) {
        const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
        std::size_t a = lo, b = mid;
        for (std::size_t out = lo; out < hi; ++out)
          merged[out] =
              std::move(members[b < hi && (a >= mid || members[b].first < members[a].first) ? b++ : a++]);
      }
      members.swap(merged);
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (kept > 0 && members[kept - 1].first == members[i].first)
      members[kept - 1].second = std::move(members[i].second);
    else if (kept != i)
      members[kept++] = std::move(members[i]);
    else
      ++kept;
  }
  members.resize(kept);
}

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no surrogates, nothing
// past U+10FFFF), or 0 with `prefix` set to how many of its bytes were acceptable before the first that is
// not.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t& prefix) {
  const auto byte = [&](std::size_t k) {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100;
  };
  const unsigned c = byte(0);
  prefix = 1;
  if (c < 0x80) return 1;
  unsigned lo = 0x80, hi = 0xBF;  // the second byte's range
  std::size_t n;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (std::size_t k = 1; k < n; ++k) {
    unsigned b = byte(k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
    prefix = k + 1;
  }
  return n;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A string as JSON text: quotes, the escapes nlohmann writes (\u00xx in lower case for the other control
// characters), UTF-8 kept as it is and each ill-formed sequence written as one U+FFFD.
void write_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // A run of characters written as they are, in one append.
    const std::size_t run = i;
    while (i < s.size() && s[i] != '"' && s[i] != '\\' && static_cast<unsigned char>(s[i]) >= 0x20 &&
           static_cast<unsigned char>(s[i]) < 0x80)
      ++i;
    out.append(s.data() + run, i - run);
    if (i == s.size()) break;
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      std::size_t prefix;
      std::size_t n = utf8_sequence(s, i, prefix);
      if (n) {
        out.append(s.substr(i, n));
        i += n;
      } else {
        out += "\xEF\xBF\xBD";
        i += prefix;  // the byte that broke the sequence is read again, as a start
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void newline(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth), ' ');
}

void write(std::string& out, const Json& j, int indent, int depth) {
  switch (j.type()) {
    case Json::Type::null:
    case Json::Type::discarded:
      out += "null";
      return;
    case Json::Type::boolean:
      out += j.boolean() ? "true" : "false";
      return;
    case Json::Type::integer:
    case Json::Type::unsigned_integer: {
      char buf[24];
      auto r = j.type() == Json::Type::integer ? std::to_chars(buf, buf + sizeof buf, j.integer())
                                               : std::to_chars(buf, buf + sizeof buf, j.unsigned_integer());
      out.append(buf, r.ptr);
      return;
    }
    case Json::Type::number: {
      double x = j.number();
      if (!std::isfinite(x)) {
        out += "null";
        return;
      }
      char buf[json_number::kMaxChars];
      out.append(buf, json_number::write(x, buf));
      return;
    }
    case Json::Type::string:
      write_string(out, j.string());
      return;
    case Json::Type::array:
    case Json::Type::object: {
      // One loop for both: an array's items, or an object's members as "key": value.
      const bool object = j.is_object();
      const std::size_t n = j.size();
      if (n == 0) {
        out += object ? "{}" : "[]";
        return;
      }
      out += object ? '{' : '[';
      for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ',';
        if (indent >= 0) newline(out, indent, depth + 1);
        if (object) {
          write_string(out, j.members()[i].first);
          out += indent >= 0 ? ": " : ":";
        }
        write(out, object ? j.members()[i].second : j.items()[i], indent, depth + 1);
      }
      if (indent >= 0) newline(out, indent, depth);
      out += object ? '}' : ']';
      return;
    }
  }
}

}  // namespace

// The parser: recursive descent over RFC 8259 JSON, as strict as nlohmann's (a leading UTF-8 byte-order mark
// is skipped; nothing may follow the value). It never throws; the first error stops it. Nesting past
// Json::kMaxParseDepth is an error.
class JsonParser {
 public:
  JsonParser(std::string_view text, bool locate) : s_(text), locate_(locate) {}

  bool run(Json& out) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    if (!value(out, 0)) return false;
    skip_space();
    if (i_ < s_.size()) return fail(i_, i_, "end of input");
    return true;
  }
  Json::ParseError error;

 private:
  // Fails at the character s_[at] (past the end: the text ended early), in a token that began at `start`.
  bool fail(std::size_t start, std::size_t at, const char* expected) {
    error.position = std::min(at, s_.size()) + 1;
    error.token = std::string(s_.substr(start, std::min(at + 1, s_.size()) - std::min(start, s_.size())));
    error.message = expected;
    if (locate_) error.levels = levels_;
    return false;
  }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  void done_value() {
    if (!locate_ || levels_.empty()) return;
    if (levels_.back().object)
      levels_.back().has_key = false;
    else
      ++levels_.back().index;
  }
  bool literal(std::string_view word, Json value, Json& out) {
    const std::size_t start = i_;
    for (char c : word) {
      if (i_ >= s_.size() || s_[i_] != c) return fail(start, i_, "a value");
      ++i_;
    }
    out = std::move(value);
    return true;
  }

  bool value(Json& out, std::size_t depth) {
    skip_space();
    if (i_ >= s_.size()) return fail(i_, i_, "a value");
    switch (s_[i_]) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = Json(std::move(text));
        return true;
      }
      case 't':
        return literal("true", Json(true), out);
      case 'f':
        return literal("false", Json(false), out);
      case 'n':
        return literal("null", Json(), out);
      default:
        return number(out);
    }
  }

  bool object(Json& out, std::size_t depth) {
    const std::size_t start = i_++;
    if (depth > Json::kMaxParseDepth) return fail(start, start, "less nesting");
    out = Json::object();
    if (locate_) levels_.push_back({true, false, "", 0});
    skip_space();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return close();
    }
    Json::Object& members = *out.o_;
    bool sorted = true;
    for (;;) {
      skip_space();
      if (i_ >= s_.size() || s_[i_] != '"') return fail(i_, i_, "a string key");
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') return fail(i_, i_, "':'");
      ++i_;
      if (locate_) {
        levels_.back().key = key;
        levels_.back().has_key = true;
      }
      Json item;
      if (!value(item, depth)) return false;
      done_value();
      // In order as written; sorted once at the end when the keys did not come sorted (an insertion in place
      // per key would be quadratic: a price file may hold an object of 500,000 keys).
      sorted = sorted && (members.empty() || members.back().first < key);
      members.emplace_back(std::move(key), std::move(item));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        if (!sorted) sort_members(members);
        return close();
      }
      return fail(i_, i_, "',' or '}'");
    }
  }

  bool array(Json& out, std::size_t depth) {
    const std::size_t start = i_++;
    if (depth > Json::kMaxParseDepth) return fail(start, start, "less nesting");
    out = Json::array();
    if (locate_) levels_.push_back({false, false, "", 0});
    skip_space();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return close();
    }
    Json::Array& items = *out.a_;
    for (;;) {
      items.emplace_back();
      if (!value(items.back(), depth)) return false;
      done_value();
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return close();
      }
      return fail(i_, i_, "',' or ']'");
    }
  }

  bool close() {
    if (locate_) levels_.pop_back();
    return true;
  }

  int hex4(std::size_t start) {
    int cp = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      if (i_ >= s_.size()) return fail(start, i_, "four hex digits"), -1;
      const char c = s_[i_];
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) return fail(start, i_, "four hex digits"), -1;
      cp = cp * 16 + d;
    }
    return cp;
  }

  bool string(std::string& out) {
    const std::size_t start = i_++;
    for (;;) {
      const std::size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
             static_cast<unsigned char>(s_[i_]) >= 0x20 && static_cast<unsigned char>(s_[i_]) < 0x80)
        ++i_;
      out.append(s_.substr(run, i_ - run));
      if (i_ >= s_.size()) return fail(start, i_, "'\"'");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return fail(start, i_, "control characters escaped");
      if (c >= 0x80) {
        std::size_t prefix;
        std::size_t n = utf8_sequence(s_, i_, prefix);
        if (!n) return fail(start, i_ + prefix - (prefix > 1 ? 0 : 1), "UTF-8");
        out.append(s_.substr(i_, n));
        i_ += n;
        continue;
      }
      // An escape.
      if (++i_ >= s_.size()) return fail(start, i_, "an escape");
      switch (s_[i_++]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          int cp = hex4(start);
          if (cp < 0) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(start, i_ - 1, "a high surrogate first");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u')
              return fail(start, std::min(i_, s_.size()), "a low surrogate");
            i_ += 2;
            int low = hex4(start);
            if (low < 0) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail(start, i_ - 1, "a low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, static_cast<unsigned>(cp));
          break;
        }
        default:
          return fail(start, i_ - 1, "an escape");
      }
    }
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?: an integer when it has no fraction or exponent and fits in
  // 64 bits, else a double; a double that is not finite is an error (nlohmann: "number overflow").
  bool number(Json& out) {
    const std::size_t start = i_;
    const auto digit = [&] { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; };
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    if (!digit()) return fail(start, i_, "a value");
    if (s_[i_] == '0')
      ++i_;
    else
      while (digit()) ++i_;
    bool integral = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      integral = false;
      ++i_;
      if (!digit()) return fail(start, i_, "a digit after '.'");
      while (digit()) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integral = false;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digit()) return fail(start, i_, "a digit in the exponent");
      while (digit()) ++i_;
    }
    const std::string_view text = s_.substr(start, i_ - start);
    if (integral) {
      std::int64_t n;
      auto r = std::from_chars(text.data(), text.data() + text.size(), n);
      if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
        out = Json(n);
        return true;
      }
      std::uint64_t u;
      r = std::from_chars(text.data(), text.data() + text.size(), u);
      if (r.ec == std::errc() && r.ptr == text.data() + text.size()) {
        out = Json(u);
        return true;
      }
    }
    const std::string copy(text);  // strtod needs the end marked
    const double x = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(x)) return fail(start, i_ - 1, "a number within ±1.7e308");
    out = Json(x);
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  bool locate_;
  std::vector<Json::Level> levels_;
};

Json::Json(const char* s) : type_(Type::string), s_(new std::string(s ? s : "")) {}
Json::Json(std::string_view s) : type_(Type::string), s_(new std::string(s)) {}
Json::Json(const std::string& s) : type_(Type::string), s_(new std::string(s)) {}
Json::Json(std::string&& s) : type_(Type::string), s_(new std::string(std::move(s))) {}
Json::Json(Array&& a) : type_(Type::array), a_(new Array(std::move(a))) {}
Json::Json(const Array& a) : type_(Type::array), a_(new Array(a)) {}

bool JsonInit::is_string() const {
  return kind_ == Kind::text || kind_ == Kind::moved_string ||
         (kind_ == Kind::copied && u_.copied->is_string()) || (kind_ == Kind::moved && u_.moved->is_string());
}

bool JsonInit::is_pair() const {
  if (kind_ == Kind::list) return u_.list.size == 2 && u_.list.begin[0].is_string();
  const Json* j = kind_ == Kind::copied ? u_.copied : kind_ == Kind::moved ? u_.moved : nullptr;
  return j && j->is_array() && j->size() == 2 && j->items()[0].is_string();
}

std::string_view JsonInit::text() const {
  switch (kind_) {
    case Kind::text:
      return {u_.text.data, u_.text.size};
    case Kind::moved_string:
      return *u_.moved_string;
    case Kind::copied:
      return u_.copied->string();
    default:
      return u_.moved->string();
  }
}

Json JsonInit::make() const {
  switch (kind_) {
    case Kind::null:
      return Json();
    case Kind::boolean:
      return Json(u_.b);
    case Kind::integer:
      return Json(u_.i);
    case Kind::unsigned_integer:
      return Json(static_cast<std::uint64_t>(u_.i));
    case Kind::number:
      return Json(u_.d);
    case Kind::text:
      return Json(std::string_view(u_.text.data, u_.text.size));
    case Kind::moved_string:
      return Json(std::move(*u_.moved_string));
    case Kind::copied:
      return *u_.copied;
    case Kind::moved:
      return std::move(*u_.moved);
    case Kind::list:
      return make(u_.list.begin, u_.list.size);
    case Kind::other:
      break;
  }
  return u_.other.make(u_.other.object);
}

Json JsonInit::make_array(const JsonInit* items, std::size_t n) {
  Json::Array a;
  a.reserve(n);
  for (std::size_t i = 0; i < n; ++i) a.push_back(items[i].make());
  return Json(std::move(a));
}

Json JsonInit::make(const JsonInit* items, std::size_t n) {
  const bool pairs = n > 0 && std::all_of(items, items + n, [](const JsonInit& x) { return x.is_pair(); });
  if (!pairs) return make_array(items, n);
  // The members in the list's order, then sorted once (inserting each in its place would shift the ones after
  // it, member by member).
  Json out = Json::object();
  Json::Object& members = out.members();
  members.reserve(n);
  bool sorted = true;
  for (std::size_t i = 0; i < n; ++i) {
    const JsonInit& x = items[i];
    if (x.kind_ == Kind::list) {
      members.emplace_back(std::string(x.u_.list.begin[0].text()), x.u_.list.begin[1].make());
    } else {
      Json pair = x.make();
      members.emplace_back(std::move(pair.items()[0].string()), std::move(pair.items()[1]));
    }
    if (i > 0 && !(members[i - 1].first < members[i].first)) sorted = false;
  }
  if (!sorted) sort_members(members);
  return out;
}

Json::Json(const Json& other) : type_(other.type_), i_(other.i_) {
  if (type_ == Type::string) s_ = new std::string(*other.s_);
  if (type_ == Type::array) a_ = new Array(*other.a_);
  if (type_ == Type::object) o_ = new Object(*other.o_);
}

Json& Json::operator=(const Json& other) {
  if (this != &other) *this = Json(other);
  return *this;
}

Json& Json::operator=(Json&& other) noexcept {
  if (this != &other) {
    release();
    type_ = other.type_;
    i_ = other.i_;
    other.type_ = Type::null;
  }
  return *this;
}

void Json::release() noexcept {
  if (type_ == Type::string) delete s_;
  if (type_ == Type::array) delete a_;
  if (type_ == Type::object) delete o_;
  type_ = Type::null;
}

Json Json::array() {
  return Json(Array());
}

Json Json::array(std::initializer_list<JsonInit> items) {
  return JsonInit::make_array(items.begin(), items.size());
}

Json Json::object() {
  Json j;
  j.type_ = Type::object;
  j.o_ = new Object();
  return j;
}

Json Json::parse(std::string_view text, ParseError* error, bool locate) {
  Json out;
  JsonParser parser(text, false);
  if (parser.run(out)) return out;
  if (error) {
    if (locate) {
      JsonParser again(text, true);
      Json ignored;
      again.run(ignored);
      *error = std::move(again.error);
    } else {
      *error = std::move(parser.error);
    }
  }
  out = Json();
  out.type_ = Type::discarded;
  return out;
}

double Json::number() const {
  if (type_ == Type::number) return d_;
  if (type_ == Type::integer) return static_cast<double>(i_);
  if (type_ == Type::unsigned_integer) return static_cast<double>(static_cast<std::uint64_t>(i_));
  return 0;
}

std::int64_t Json::integer() const {
  if (type_ == Type::integer) return i_;
  if (type_ == Type::unsigned_integer) return INT64_MAX;
  // A double out of range (or not a number) has no integer: 0, where a cast would be undefined.
  if (type_ == Type::number && d_ > -9.2e18 && d_ < 9.2e18) return static_cast<std::int64_t>(d_);
  return 0;
}

const std::string& Json::string() const {
  return type_ == Type::string ? *s_ : kEmptyString;
}
std::string& Json::string() {
  if (type_ != Type::string) *this = Json(std::string());
  return *s_;
}

std::size_t Json::size() const {
  switch (type_) {
    case Type::null:
    case Type::discarded:
      return 0;
    case Type::array:
      return a_->size();
    case Type::object:
      return o_->size();
    default:
      return 1;
  }
}

const Json::Array& Json::items() const {
  return type_ == Type::array ? *a_ : kEmptyArray;
}
Json::Array& Json::items() {
  if (type_ != Type::array) *this = array();
  return *a_;
}
const Json::Object& Json::members() const {
  return type_ == Type::object ? *o_ : kEmptyObject;
}
Json::Object& Json::members() {
  if (type_ != Type::object) *this = object();
  return *o_;
}

void Json::push_back(Json x) {
  items().push_back(std::move(x));
}
Json& Json::back() {
  return items().back();
}
const Json& Json::back() const {
  return items().back();
}

Json& Json::item(std::size_t i) {
  Array& a = items();
  if (i >= a.size()) a.resize(i + 1);
  return a[i];
}
const Json& Json::item(std::size_t i) const {
  const Array& a = items();
  return i < a.size() ? a[i] : kNull;
}

Json& Json::operator[](std::string_view key) {
  Object& o = members();
  auto it = lower(o, key);
  if (it == o.end() || it->first != key) it = o.emplace(it, std::string(key), Json());
  return it->second;
}
const Json& Json::operator[](std::string_view key) const {
  const Json* j = lookup(key);
  return j ? *j : kNull;
}

const Json* Json::lookup(std::string_view key) const {
  if (type_ != Type::object) return nullptr;
  auto it = lower(*o_, key);
  return it != o_->end() && it->first == key ? &it->second : nullptr;
}
Json* Json::lookup(std::string_view key) {
  return const_cast<Json*>(std::as_const(*this).lookup(key));
}

const Json* Json::at_pointer(std::string_view pointer) const {
  const Json* j = this;
  while (!pointer.empty()) {
    if (pointer[0] != '/') return nullptr;
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (std::size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[++i] == '0' ? '~' : '/';
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    if (j->is_object()) {
      j = j->lookup(token);
    } else if (j->is_array()) {
      std::size_t index = 0;
      auto r = std::from_chars(token.data(), token.data() + token.size(), index);
      if (token.empty() || r.ptr != token.data() + token.size() || (token.size() > 1 && token[0] == '0') ||
          index >= j->a_->size())
        return nullptr;
      j = &(*j->a_)[index];
    } else {
      return nullptr;
    }
    if (!j) return nullptr;
  }
  return j;
}

std::size_t Json::erase(std::string_view key) {
  if (type_ != Type::object) return 0;
  auto it = lower(*o_, key);
  if (it == o_->end() || it->first != key) return 0;
  o_->erase(it);
  return 1;
}

void Json::update(const Json& other) {
  for (const Member& m : other.members()) (*this)[m.first] = m.second;
}

std::string Json::value(std::string_view key, const char* fallback) const {
  const Json* j = lookup(key);
  return j && j->is_string() ? *j->s_ : std::string(fallback);
}
std::string Json::value(std::string_view key, const std::string& fallback) const {
  return value(key, fallback.c_str());
}
double Json::value(std::string_view key, double fallback) const {
  const Json* j = lookup(key);
  return j && j->is_number() ? j->number() : fallback;
}
bool Json::value(std::string_view key, bool fallback) const {
  const Json* j = lookup(key);
  return j && j->is_boolean() ? j->b_ : fallback;
}
int Json::value(std::string_view key, int fallback) const {
  const Json* j = lookup(key);
  return j && j->is_number() ? static_cast<int>(j->integer()) : fallback;
}
Json Json::value(std::string_view key, const Json& fallback) const {
  const Json* j = lookup(key);
  return j ? *j : fallback;
}

Json::iterator Json::begin() {
  if (type_ == Type::array) return {a_->data(), nullptr};
  if (type_ == Type::object) return {nullptr, o_->data()};
  return {is_null() || is_discarded() ? nullptr : this, nullptr};
}
Json::iterator Json::end() {
  if (type_ == Type::array) return {a_->data() + a_->size(), nullptr};
  if (type_ == Type::object) return {nullptr, o_->data() + o_->size()};
  return {is_null() || is_discarded() ? nullptr : this + 1, nullptr};
}
Json::const_iterator Json::begin() const {
  if (type_ == Type::array) return {a_->data(), nullptr};
  if (type_ == Type::object) return {nullptr, o_->data()};
  return {is_null() || is_discarded() ? nullptr : this, nullptr};
}
Json::const_iterator Json::end() const {
  if (type_ == Type::array) return {a_->data() + a_->size(), nullptr};
  if (type_ == Type::object) return {nullptr, o_->data() + o_->size()};
  return {is_null() || is_discarded() ? nullptr : this + 1, nullptr};
}
Json::iterator Json::find(std::string_view key) {
  if (type_ != Type::object) return end();
  auto it = lower(*o_, key);
  return it != o_->end() && it->first == key ? iterator(nullptr, &*it) : end();
}
Json::const_iterator Json::find(std::string_view key) const {
  if (type_ != Type::object) return end();
  auto it = lower(*o_, key);
  return it != o_->end() && it->first == key ? const_iterator(nullptr, &*it) : end();
}

std::string Json::dump(int indent) const {
  std::string out;
  write(out, *this, indent, 0);
  return out;
}

bool operator==(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_integer() && b.is_number_integer()) return a.type_ == b.type_ && a.i_ == b.i_;
    return a.number() == b.number();
  }
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Json::Type::null:
      return true;
    case Json::Type::boolean:
      return a.b_ == b.b_;
    case Json::Type::string:
      return *a.s_ == *b.s_;
    case Json::Type::array:
      return *a.a_ == *b.a_;
    case Json::Type::object:
      return *a.o_ == *b.o_;
    default:
      return false;
  }
}

}  // namespace tcoscope
