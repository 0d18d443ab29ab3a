// scenario_json.cpp — the scenario's JSON contract: a collecting validator, a writer and minimize, all driven
// by the field table of contract/scenario_fields.hpp. Untrusted input never throws (a throw would abort the
// wasm module): every problem is collected with its JSON pointer.
#include "contract/scenario_json.hpp"

#include <cmath>
#include <string>

#include "contract/scenario_fields.hpp"
#include "report/format.hpp"

namespace tcoscope {
namespace {

using namespace fields;  // Range, Integer, Text, Slider: the table's vocabulary
using json = Json;

std::string range_text(const Range& r) {
  if (r.min_nonzero > 0)
    return "0, or a number from " + fmt::plain(r.min_nonzero) + " to " + fmt::plain(r.max);
  return std::string("a number ") +
         (r.exclusive_min ? "greater than " + fmt::plain(r.min) + " and up to "
                          : "from " + fmt::plain(r.min) + " to ") +
         fmt::plain(r.max);
}

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// At most `max_bytes` bytes of `s` (an ellipsis included), never cutting a UTF-8 character in two.
std::string utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t n = max_bytes - 3;  // room for the three bytes of "…"
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

template <class E>
std::string choice_list() {
  std::string s;
  for (const EnumName& e : EnumTable<E>::values)
    s += (s.empty() ? "\"" : ", \"") + std::string(e.name) + "\"";
  return s;
}

// Reads one object of the scenario through its field table, recording every problem with its pointer and
// warning about keys the table does not have.
class Reader {
 public:
  Reader(const json* j, std::string path, ParsedScenario& out) : j_(j), path_(std::move(path)), out_(out) {
    if (j_ && !j_->is_object()) {
      error(path_, "expected an object, got " + describe(*j_));
      j_ = nullptr;
    }
  }
  Reader(const Reader&) = delete;
  ~Reader() {
    if (!j_) return;
    for (auto it = j_->begin(); it != j_->end(); ++it) {
      bool known = false;
      for (const char* k : known_) known = known || it.key() == k;
      if (!known)
        warn(path_ + "/" + escape_pointer_token(utf8_prefix(it.key(), fields::kMaxIdChars)),
             "unknown key, ignored", kUnknownKeyCode);
    }
  }

  void number(const char* key, double& out, const Range& r, const char*, Doc, const Slider& = {}) {
    if (const json* v = get(key)) read_number(*v, at(key), r, out);
  }
  void optional(const char* key, std::optional<double>& out, const Range& r, const char*, Doc) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_null()) {
      out.reset();
      return;
    }
    double x = 0;
    if (read_number(*v, at(key), r, x)) out = x;
  }
  void integer(const char* key, int& out, const Integer& r, const char*, Doc) {
    if (const json* v = get(key)) read_integer(*v, at(key), r, out);
  }
  void optional_integer(const char* key, std::optional<int>& out, const Integer& r, const char*, Doc) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_null()) {
      out.reset();
      return;
    }
    int x = 0;
    if (read_integer(*v, at(key), r, x)) out = x;
  }
  void version(const char* key, int& out, Doc description) {
    int version = kSchemaVersion;
    integer(key, version, Integer{1, 1000000}, "", description);
    if (version > kSchemaVersion)
      error(at(key), "version " + std::to_string(version) +
                         " is newer than this calculator understands; accepted: " +
                         std::to_string(kSchemaVersion) + " (or omit it)");
    out = kSchemaVersion;
  }
  void boolean(const char* key, bool& out, Doc) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_boolean())
      out = v->get<bool>();
    else
      error(at(key), "expected true or false, got " + describe(*v));
  }
  void text(const char* key, std::string& out, const Text& t, Doc) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_string()) {
      error(at(key), "expected a string, got " + describe(*v));
      return;
    }
    const auto& s = v->string();
    if (s.size() > t.max_chars && utf8_chars(s) > t.max_chars) {
      error(at(key),
            describe(*v) + " is too long; accepted: at most " + std::to_string(t.max_chars) + " characters");
      return;
    }
    out = s;
  }
  template <class E>
  void choice(const char* key, E& out, Doc) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_string()) {
      error(at(key), "expected one of " + choice_list<E>() + ", got " + describe(*v));
      return;
    }
    if (auto e = from_name<E>(v->string()))
      out = *e;
    else
      error(at(key), describe(*v) + " is not accepted; accepted: " + choice_list<E>());
  }
  template <class T>
  void object(const char* key, T& out, Doc) {
    {
      Reader child(get(key), at(key), out_);
      fields::visit(child, out);
    }
    if constexpr (std::is_same_v<T, LoadProfile>) {
      // Custom weights replace the preset: reset it so that the scenario round-trips exactly.
      if (!out.hourly_weights.empty()) {
        out.preset = LoadProfile{}.preset;
        const json* section = get(key);
        if (section && section->is_object() && section->contains("preset"))
          warn(at(key) + "/preset", "ignored because hourly_weights is given");
      }
    }
  }
  void weights(const char* key, std::vector<double>& out, const Range& r, Doc) {
    const json* weights = get(key);
    if (!weights || weights->is_null()) return;
    const std::string path = at(key);
    if (!weights->is_array() || weights->size() != static_cast<std::size_t>(kHoursPerWeek)) {
      error(path, "expected an array of 168 numbers (one per hour of the week, Monday 00:00 first), got " +
                      describe(*weights));
      return;
    }
    std::vector<double> w(kHoursPerWeek, 0.0);
    bool ok = true, any = false;
    for (std::size_t h = 0; h < weights->size(); ++h) {
      ok = read_number((*weights)[h], path + "/" + std::to_string(h), r, w[h]) && ok;
      any = any || w[h] > 0;
    }
    if (ok && !any) {
      error(path, "all 168 weights are zero; accepted: non-negative weights with at least one above zero");
      ok = false;
    }
    if (ok) out = std::move(w);
  }
  // {"<JSON pointer of a numeric input>": {"low", "high", "dist"} | null}: the low and high within the
  // input's accepted range, low ≤ high; null switches the input's default range off.
  void ranges(const char* key, std::map<std::string, InputRange>& out, Doc) {
    const json* v = get(key);
    if (!v || v->is_null()) return;
    const std::string path = at(key);
    if (!v->is_object()) {
      error(path, "expected an object keyed by the JSON pointer of a numeric input, got " + describe(*v));
      return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      const std::string item = path + "/" + escape_pointer_token(utf8_prefix(it.key(), kMaxIdChars));
      const NumericInput* input = find_numeric_input(it.key());
      if (!input) {
        error(item,
              "is not a numeric input; accepted: the JSON pointer of one, such as "
              "\"/workload/tokens_per_month\"");
        continue;
      }
      if (it->is_null()) {
        out[it.key()] = InputRange{.off = true};
        continue;
      }
      ParsedScenario local;
      InputRange r;
      {
        Reader child(&*it, item, local);
        child.number("low", r.low, input->range, "", "");
        child.number("high", r.high, input->range, "", "");
        child.choice("dist", r.dist, "");
      }
      for (Problem& p : local.errors) add_problem(out_.errors, p.path, std::move(p.message), p.code);
      for (Problem& p : local.warnings) add_problem(out_.warnings, p.path, std::move(p.message), p.code);
      if (!local.errors.empty()) continue;
      if (!it->contains("low") || !it->contains("high")) {
        error(item, "needs both \"low\" and \"high\"; accepted: {\"low\": …, \"high\": …}, or null");
        continue;
      }
      if (r.low > r.high) {
        error(item + "/high", fmt::plain(r.high) + " is below low (" + fmt::plain(r.low) +
                                  "); accepted: a number from low to " + fmt::plain(input->range.max));
        continue;
      }
      out[it.key()] = r;
    }
  }
  // A key the table does not read but accepts without a warning ("$schema", for editors).
  void ignored(const char* key) { known_.push_back(key); }

 private:
  const json* get(const char* key) {
    known_.push_back(key);
    if (!j_) return nullptr;
    auto it = j_->find(key);
    return it == j_->end() ? nullptr : &*it;
  }
  std::string at(const char* key) const { return path_ + "/" + key; }
  void error(const std::string& path, std::string message) {
    add_problem(out_.errors, path, std::move(message));
  }
  void warn(const std::string& path, std::string message, std::string code = "") {
    add_problem(out_.warnings, path, std::move(message), std::move(code));
  }

  bool read_integer(const json& v, const std::string& path, const Integer& r, int& out) {
    double x = 0;
    if (!read_number(v, path, Range{double(r.min), double(r.max)}, x)) return false;
    if (x != std::floor(x)) {
      error(path, describe(v) + " is not a whole number; accepted: a whole number from " +
                      std::to_string(r.min) + " to " + std::to_string(r.max));
      return false;
    }
    out = static_cast<int>(x);
    return true;
  }
  bool read_number(const json& v, const std::string& path, const Range& r, double& out) {
    if (!v.is_number()) {
      error(path, "expected " + range_text(r) + ", got " + describe(v));
      return false;
    }
    double x = v.get<double>();
    if (!std::isfinite(x)) {
      error(path, "is not a finite number; accepted: " + range_text(r));
      return false;
    }
    if (!r.accepts(x)) {
      error(path, describe(v) + " is out of range; accepted: " + range_text(r));
      return false;
    }
    out = x + 0.0;  // -0 becomes 0
    return true;
  }

  const json* j_;
  std::string path_;
  ParsedScenario& out_;
  std::vector<const char*> known_;
};

// Writes one object through its field table; optional (catalog-filled) fields only when set.
class Writer {
 public:
  explicit Writer(json& out) : out_(out) { out_ = json::object(); }
  void number(const char* key, double x, const Range&, const char*, Doc, const Slider& = {}) {
    out_[key] = x;
  }
  void optional(const char* key, const std::optional<double>& x, const Range&, const char*, Doc) {
    if (x) out_[key] = *x;
  }
  void integer(const char* key, int x, const Integer&, const char*, Doc) { out_[key] = x; }
  void optional_integer(const char* key, const std::optional<int>& x, const Integer&, const char*, Doc) {
    if (x) out_[key] = *x;
  }
  void version(const char* key, int x, Doc) { out_[key] = x; }
  void boolean(const char* key, bool x, Doc) { out_[key] = x; }
  void text(const char* key, const std::string& x, const Text&, Doc) { out_[key] = x; }
  template <class E>
  void choice(const char* key, E x, Doc) {
    out_[key] = std::string(name(x));
  }
  template <class T>
  void object(const char* key, const T& x, Doc) {
    Writer child(out_[key]);
    fields::visit(child, x);
  }
  void weights(const char* key, const std::vector<double>& w, const Range&, Doc) {
    if (w.empty()) return;
    out_[key] = w;
    out_.erase("preset");  // unused with custom weights
  }
  void ranges(const char* key, const std::map<std::string, InputRange>& ranges, Doc) {
    if (ranges.empty()) return;
    json& o = out_[key] = json::object();
    for (const auto& [path, r] : ranges)
      o[path] = r.off ? json() : json{{"low", r.low}, {"high", r.high}, {"dist", std::string(name(r.dist))}};
  }
  void ignored(const char*) {}

 private:
  json& out_;
};

// Keys of `full` whose values differ from `defaults`, recursively; objects that end up empty are dropped.
json difference(const json& full, const json& defaults) {
  json out = json::object();
  for (auto it = full.begin(); it != full.end(); ++it) {
    auto d = defaults.find(it.key());
    if (d == defaults.end()) {
      out[it.key()] = it.value();
    } else if (it->is_object() && d->is_object()) {
      json sub = difference(*it, *d);
      if (!sub.empty()) out[it.key()] = std::move(sub);
    } else if (*it != *d) {
      out[it.key()] = it.value();
    }
  }
  return out;
}

// Text that failed to parse: the field the error happened in (the parser's second pass tracks the containers)
// and a message with where and near what.
Problem locate_error(std::string_view text, const json::ParseError& e) {
  std::string pointer;
  // Text that simply ends is blamed on the last field read (a truncated link); a syntax error between two
  // keys is blamed on the object, not on the key before it.
  const std::size_t position = e.position;
  bool truncated = position >= text.size();
  // A bad token glued to the value before it (`0x10`: the number 0, then "x") belongs to that value's key.
  bool glued = false;
  if (!truncated && position >= 1) {
    std::size_t before = position - 1;  // the character the parser stopped at
    while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\n' || text[before - 1] == '\t' ||
                          text[before - 1] == '\r'))
      --before;
    glued = before > 0 && text[before - 1] != ',' && text[before - 1] != '{' && text[before - 1] != '[';
  }
  for (std::size_t i = 0; i < e.levels.size(); ++i) {
    const json::Level& l = e.levels[i];
    bool innermost = i + 1 == e.levels.size();
    if (l.object && !(l.has_key || ((truncated || (glued && innermost)) && !l.key.empty()))) break;
    pointer += "/" + (l.object ? escape_pointer_token(utf8_prefix(l.key, fields::kMaxIdChars))
                               : std::to_string(l.index));
    if (pointer.size() > 400) {  // a 200,000-deep document must not yield a 400 KB message
      pointer = utf8_prefix(pointer, 400);
      break;
    }
  }
  // Printable ASCII only: the token may hold invalid UTF-8 or control bytes, and this message becomes JSON.
  std::string token;
  for (char ch : e.token.substr(0, 40)) token += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
  if (e.token.size() > 40) token += "...";
  return {pointer, "not valid JSON at character " + std::to_string(position) +
                       (token.empty() ? std::string() : " (near '" + token + "')") +
                       "; accepted: a JSON object (a scenario), numbers within ±1.7e308"};
}

}  // namespace

void add_problem(Problems& list, std::string path, std::string message, std::string code) {
  if (list.size() < kMaxProblemsListed) {
    list.push_back({std::move(path), std::move(message), std::move(code)});
    return;
  }
  // One summary line stands for every problem past the limit (with their code when they share one).
  if (list.size() == kMaxProblemsListed) list.push_back({"", "", code});
  Problem& more = list.back();
  if (more.code != code) more.code.clear();
  std::size_t n = more.message.empty() ? 1 : std::stoul(more.message.substr(4)) + 1;
  more.message = "and " + std::to_string(n) + " more";
}

std::string describe(const json& v) {
  switch (v.type()) {
    case json::Type::null:
      return "null";
    case json::Type::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::Type::string: {
      const auto& s = v.string();
      if (s.size() > 40) return "a string of " + std::to_string(utf8_chars(s)) + " characters";
      return "the string " + v.dump();
    }
    case json::Type::array:
      return "an array of " + std::to_string(v.size()) + " items";
    case json::Type::object:
      return "an object";
    case json::Type::discarded:
      return "invalid JSON";
    default: {
      if (v.is_number_float() && !std::isfinite(v.get<double>())) return "a number too large to represent";
      if (v.is_number_float() && v.get<double>() == 0) return "0";  // never "-0.0"
      return v.dump();
    }
  }
}

ParsedScenario parse_scenario(const json& j) {
  ParsedScenario out;
  if (!j.is_object()) {
    out.errors.push_back({"", "expected a JSON object (a scenario), got " + describe(j)});
    return out;
  }
  {
    Reader root(&j, "", out);
    root.ignored("$schema");
    fields::visit(root, out.scenario);
  }
  return out;
}

ParsedScenario parse_scenario_text(std::string_view text) {
  ParsedScenario out;
  if (std::string problem = check_limits(text); !problem.empty()) {
    out.errors.push_back({"", std::move(problem)});
    return out;
  }
  json::ParseError error;
  json j = json::parse(text, &error, /*locate=*/true);
  if (j.is_discarded()) {
    out.errors.push_back(locate_error(text, error));
    return out;
  }
  return parse_scenario(j);
}

JsonShape json_shape(std::string_view text) {
  JsonShape out;
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    switch (c) {
      case '\0':
        out.nul_at = i + 1;
        return out;
      case '"':
        in_string = true;
        break;
      case '{':
      case '[':
        ++out.values;
        out.deepest = std::max(out.deepest, ++depth);
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      case ',':
      case ':':
        ++out.values;
        break;
      default:
        break;
    }
  }
  return out;
}

std::string check_limits(std::string_view text) {
  if (text.size() > kMaxScenarioBytes)
    return "the scenario is " + std::to_string(text.size()) + " bytes; accepted: at most " +
           std::to_string(kMaxScenarioBytes >> 20) + " MiB of JSON";
  // One pass over the bytes, before any tree is built: depth and the count of values (keys and array items).
  const auto [values, deepest, nul_at] = json_shape(text);
  if (nul_at)
    return "the scenario contains a NUL byte at character " + std::to_string(nul_at) +
           "; accepted: JSON text, which has none";
  // NUL inside a string literal is not valid JSON either; the parser names it. Depth and size are checked
  // here.
  if (deepest > kMaxScenarioDepth)
    return "the scenario nests " + std::to_string(deepest) + " levels deep; accepted: at most " +
           std::to_string(kMaxScenarioDepth);
  if (values > kMaxScenarioValues)
    return "the scenario holds about " + std::to_string(values) +
           " keys and array items; accepted: at most " + std::to_string(kMaxScenarioValues);
  return "";
}

json to_json(const Scenario& s) {
  json out;
  Writer w(out);
  fields::visit(w, s);
  return out;
}

json to_minimal_json(const Scenario& s) {
  static const json defaults = to_json(Scenario{});
  json out = difference(to_json(s), defaults);
  out["schema_version"] = kSchemaVersion;
  return out;
}

}  // namespace tcoscope
