// schema.cpp — visitors over the field table that emit the JSON Schema and the fuzz dictionary.
#include "contract/schema.hpp"

#include <set>

#include "contract/catalog_json.hpp"
#include "contract/scenario_fields.hpp"
#include "contract/scenario_json.hpp"

namespace tcoscope {
namespace {

using namespace fields;  // Range, Integer, Text, Slider: the table's vocabulary
using json = Json;

std::string with_unit(const char* description, const char* unit) {
  std::string d = description;
  if (unit && *unit) d += " (" + std::string(unit) + ")";
  return d;
}

json number_rules(const Range& r) {
  json n = {{"type", "number"}};
  if (r.min_nonzero > 0) {
    n["anyOf"] = json::array({json{{"const", 0}}, json{{"minimum", r.min_nonzero}, {"maximum", r.max}}});
    return n;
  }
  n[r.exclusive_min ? "exclusiveMinimum" : "minimum"] = r.min;
  n["maximum"] = r.max;
  return n;
}

// Visits the default scenario: each member's value is its default.
class SchemaWriter {
 public:
  explicit SchemaWriter(json& object) : object_(object) {
    object_["type"] = "object";
    object_["properties"] = json::object();
    object_["additionalProperties"] = false;
  }
  void number(const char* key, double x, const Range& r, const char* unit, Doc d, const Slider& s = {}) {
    json p = number_rules(r);
    p["default"] = x;
    p["description"] = with_unit(d.text, unit);
    if (s.max > s.min) p["x-tcoscope-slider"] = {{"minimum", s.min}, {"maximum", s.max}, {"log", s.log}};
    add(key, std::move(p));
  }
  void optional(const char* key, const std::optional<double>&, const Range& r, const char* unit, Doc d) {
    json p = number_rules(r);
    p["type"] = json::array({"number", "null"});
    p["description"] = with_unit(d.text, unit);
    add(key, std::move(p));
  }
  void integer(const char* key, int x, const Integer& r, const char* unit, Doc d) {
    add(key, {{"type", "integer"},
              {"minimum", r.min},
              {"maximum", r.max},
              {"default", x},
              {"description", with_unit(d.text, unit)}});
  }
  void optional_integer(const char* key, const std::optional<int>&, const Integer& r, const char* unit,
                        Doc d) {
    add(key, {{"type", json::array({"integer", "null"})},
              {"minimum", r.min},
              {"maximum", r.max},
              {"description", with_unit(d.text, unit)}});
  }
  void version(const char* key, int x, Doc d) {
    add(key, {{"type", "integer"},
              {"minimum", 1},
              {"maximum", kSchemaVersion},
              {"default", x},
              {"description", d.text}});
  }
  void boolean(const char* key, bool x, Doc d) {
    add(key, {{"type", "boolean"}, {"default", x}, {"description", d.text}});
  }
  void text(const char* key, const std::string& x, const Text& t, Doc d) {
    add(key, {{"type", "string"}, {"maxLength", t.max_chars}, {"default", x}, {"description", d.text}});
  }
  template <class E>
  void choice(const char* key, E x, Doc d) {
    json names = json::array(), labels = json::array();
    for (const EnumName& e : EnumTable<E>::values) {
      names.push_back(std::string(e.name));
      labels.push_back(std::string(e.label));
    }
    add(key, {{"type", "string"},
              {"enum", std::move(names)},
              {"x-tcoscope-labels", std::move(labels)},
              {"default", std::string(name(x))},
              {"description", d.text}});
  }
  template <class T>
  void object(const char* key, const T& x, Doc d) {
    json child;
    SchemaWriter w(child);
    fields::visit(w, x);
    child["description"] = d.text;
    add(key, std::move(child));
  }
  void weights(const char* key, const std::vector<double>&, const Range& r, Doc d) {
    json item = number_rules(r);
    add(key, {{"type", json::array({"array", "null"})},
              {"items", std::move(item)},
              {"minItems", kHoursPerWeek},
              {"maxItems", kHoursPerWeek},
              {"contains", {{"type", "number"}, {"exclusiveMinimum", 0}}},
              {"description", d.text}});
  }
  void ranges(const char* key, const std::map<std::string, InputRange>&, Doc d) {
    json properties = json::object();
    json dists = json::array();
    for (const EnumName& e : EnumTable<RangeDist>::values) dists.push_back(std::string(e.name));
    for (const NumericInput& input : numeric_input_list()) {
      json range = {{"type", "object"},
                    {"properties",
                     {{"low", number_rules(input.range)},
                      {"high", number_rules(input.range)},
                      {"dist", {{"type", "string"}, {"enum", dists}, {"default", "triangular"}}}}},
                    {"required", json::array({"low", "high"})},
                    {"additionalProperties", false}};
      properties[input.path] = {
          {"anyOf", json::array({json{{"type", "null"}}, std::move(range)})},
          {"description", "A range on " + input.path + " (" + with_unit(input.description, input.unit) +
                              "), or null to switch its default range off"}};
    }
    add(key, {{"type", "object"},
              {"properties", std::move(properties)},
              {"additionalProperties", false},
              {"description", std::string(d.text) + "; low ≤ high"}});
  }
  void ignored(const char* key) {
    add(key,
        {{"type", "string"}, {"description", "The JSON Schema this file follows, for editors; ignored"}});
  }

 private:
  void add(const char* key, json p) { object_["properties"][key] = std::move(p); }
  json& object_;
};

// Collects every key and enum name.
class Keys {
 public:
  explicit Keys(std::set<std::string>& out) : out_(out) {}
  void number(const char* key, double, const Range&, const char*, Doc, const Slider& = {}) { add(key); }
  void optional(const char* key, const std::optional<double>&, const Range&, const char*, Doc) { add(key); }
  void integer(const char* key, int, const Integer&, const char*, Doc) { add(key); }
  void optional_integer(const char* key, const std::optional<int>&, const Integer&, const char*, Doc) {
    add(key);
  }
  void version(const char* key, int, Doc) { add(key); }
  void boolean(const char* key, bool, Doc) { add(key); }
  void text(const char* key, const std::string&, const Text&, Doc) { add(key); }
  template <class E>
  void choice(const char* key, E, Doc) {
    add(key);
    for (const EnumName& e : EnumTable<E>::values) add(std::string(e.name));
  }
  template <class T>
  void object(const char* key, const T& x, Doc) {
    add(key);
    fields::visit(*this, x);
  }
  void weights(const char* key, const std::vector<double>&, const Range&, Doc) { add(key); }
  void ranges(const char* key, const std::map<std::string, InputRange>&, Doc) {
    add(key);
    for (const char* k : {"low", "high", "dist"}) add(k);
    for (const EnumName& e : EnumTable<RangeDist>::values) add(std::string(e.name));
    for (const NumericInput& input : numeric_input_list()) add(input.path);
  }
  void ignored(const char* key) { add(key); }

 private:
  void add(std::string s) { out_.insert(std::move(s)); }
  std::set<std::string>& out_;
};

}  // namespace

json scenario_schema() {
  json schema;
  SchemaWriter w(schema);
  const Scenario defaults{};
  w.ignored("$schema");
  fields::visit(w, defaults);
  json out = {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"$id", "urn:tcoscope:scenario:" + std::to_string(kSchemaVersion)},
      {"title", "tcoscope scenario"},
      {"description",
       "A tcoscope scenario: self-host an open-weight LLM, or pay per token? Every key is optional and "
       "takes its default when missing; `tcoscope validate FILE` fills them in."}};
  out.update(schema);
  // The limits the engine checks before parsing (contract/scenario_json.hpp), so that a page can refuse an
  // oversized file or link before it reaches the main thread's JSON.parse.
  out["x-tcoscope-limits"] = {{"max_bytes", kMaxScenarioBytes},
                              {"max_depth", kMaxScenarioDepth},
                              {"max_values", kMaxScenarioValues},
                              {"max_problems_listed", kMaxProblemsListed}};
  return out;
}

std::vector<std::string> fuzz_dictionary() {
  std::set<std::string> tokens;
  Keys keys(tokens);
  const Scenario defaults{};
  keys.ignored("$schema");
  fields::visit(keys, defaults);
  const Catalog& c = builtin_catalog();
  for (const Gpu& g : c.gpus) {
    tokens.insert(g.id);
    for (const RentalRate& r : g.rental) tokens.insert(r.provider);
  }
  for (const OpenModel& m : c.models) tokens.insert(m.id);
  for (const ApiModel& a : c.api_models) tokens.insert(a.id);
  tokens.insert("custom");
  std::vector<std::string> out;
  for (const std::string& t : tokens) out.push_back("\"\\\"" + t + "\\\"\"");
  return out;
}

}  // namespace tcoscope
