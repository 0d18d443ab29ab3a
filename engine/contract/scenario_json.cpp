// scenario_json.cpp — a small schema walker: each section reads its keys with a type and a range, records
// every problem with its JSON pointer, and warns about keys it does not know.
#include "contract/scenario_json.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string>

#include "report/format.hpp"
#include "model/load_profile.hpp"
#include "model/units.hpp"

namespace tcoscope {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxTextChars = 200;     // ids and names
constexpr std::size_t kMaxDescriptionChars = 2000;

struct Range {
  double lo;
  double hi;
  bool lo_open = false;    // (lo, hi] instead of [lo, hi]
  double min_nonzero = 0;  // 0, or at least this: no sub-token volumes, no denormal throughputs
};

std::string range_text(Range r) {
  if (r.min_nonzero > 0)
    return "0, or a number from " + fmt::plain(r.min_nonzero) + " to " + fmt::plain(r.hi);
  return std::string("a number ") + (r.lo_open ? "greater than " + fmt::plain(r.lo) + " and up to "
                                               : "from " + fmt::plain(r.lo) + " to ") +
         fmt::plain(r.hi);
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
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

class Section {
 public:
  Section(const json* j, std::string path, ParsedScenario& out) : j_(j), path_(std::move(path)), out_(out) {
    if (j_ && !j_->is_object()) {
      error(path_, "expected an object, got " + describe(*j_));
      j_ = nullptr;
    }
  }
  Section(const Section&) = delete;
  ~Section() {
    if (!j_) return;
    for (auto it = j_->begin(); it != j_->end(); ++it) {
      bool known = false;
      for (const std::string& k : known_) known = known || k == it.key();
      if (!known)
        out_.warnings.push_back({path_ + "/" + escape_pointer_token(utf8_prefix(it.key(), kMaxTextChars)),
                                 "unknown key, ignored"});
    }
  }

  // The value at key, or nullptr when the key is missing (or the section itself is missing or invalid).
  const json* get(const char* key) {
    known_.emplace_back(key);
    if (!j_) return nullptr;
    auto it = j_->find(key);
    return it == j_->end() ? nullptr : &*it;
  }
  std::string at(const char* key) const { return path_ + "/" + key; }
  const std::string& path() const { return path_; }

  void number(const char* key, double& out, Range r) {
    if (const json* v = get(key)) read_number(*v, at(key), r, out);
  }
  void optional_number(const char* key, std::optional<double>& out, Range r) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_null()) {
      out.reset();
      return;
    }
    double x = 0;
    if (read_number(*v, at(key), r, x)) out = x;
  }
  void integer(const char* key, int& out, int lo, int hi) {
    const json* v = get(key);
    if (!v) return;
    double x = 0;
    if (!read_number(*v, at(key), Range{double(lo), double(hi)}, x)) return;
    if (x != std::floor(x)) {
      error(at(key), describe(*v) + " is not a whole number; accepted: a whole number from " + std::to_string(lo) +
                         " to " + std::to_string(hi));
      return;
    }
    out = static_cast<int>(x);
  }
  void boolean(const char* key, bool& out) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_boolean()) out = v->get<bool>();
    else error(at(key), "expected true or false, got " + describe(*v));
  }
  void text(const char* key, std::string& out, std::size_t max_chars) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_string()) {
      error(at(key), "expected a string, got " + describe(*v));
      return;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_chars) {
      error(at(key), describe(*v) + " is too long; accepted: at most " + std::to_string(max_chars) + " characters");
      return;
    }
    out = s;
  }
  void choice(const char* key, std::string& out, std::initializer_list<std::string_view> allowed) {
    std::string s = out;
    const json* v = get(key);
    if (!v) return;
    if (!v->is_string()) {
      error(at(key), "expected one of " + list(allowed) + ", got " + describe(*v));
      return;
    }
    s = v->get<std::string>();
    for (std::string_view a : allowed)
      if (a == s) {
        out = s;
        return;
      }
    error(at(key), describe(*v) + " is not accepted; accepted: " + list(allowed));
  }

  Section child(const char* key) { return Section(get(key), at(key), out_); }

  void error(const std::string& path, std::string message) { out_.errors.push_back({path, std::move(message)}); }
  void warn(const std::string& path, std::string message) { out_.warnings.push_back({path, std::move(message)}); }

  static std::string list(std::initializer_list<std::string_view> allowed) {
    std::string s;
    for (std::string_view a : allowed) s += (s.empty() ? "\"" : ", \"") + std::string(a) + "\"";
    return s;
  }

 private:
  bool read_number(const json& v, const std::string& path, Range r, double& out) {
    if (!v.is_number()) {
      error(path, "expected " + range_text(r) + ", got " + describe(v));
      return false;
    }
    double x = v.get<double>();
    if (!std::isfinite(x)) {
      error(path, "is not a finite number; accepted: " + range_text(r));
      return false;
    }
    if (x < r.lo || x > r.hi || (r.lo_open && x == r.lo) || (r.min_nonzero > 0 && x != 0 && x < r.min_nonzero)) {
      error(path, describe(v) + " is out of range; accepted: " + range_text(r));
      return false;
    }
    out = x;
    return true;
  }

  const json* j_;
  std::string path_;
  ParsedScenario& out_;
  std::vector<std::string> known_;
};

void read_load_profile(Section& parent, LoadProfile& lp) {
  Section s = parent.child("load_profile");
  std::string preset = lp.preset;
  s.choice("preset", preset, {"flat", "business_hours", "daytime_peaks", "overnight_silence", "weekly_batch"});
  lp.preset = preset;
  const json* weights = s.get("hourly_weights");
  if (!weights || weights->is_null()) return;
  std::string path = s.at("hourly_weights");
  if (!weights->is_array() || weights->size() != static_cast<std::size_t>(kHoursPerWeek)) {
    s.error(path, "expected an array of 168 numbers (one per hour of the week, Monday 00:00 first), got " +
                      describe(*weights));
    return;
  }
  std::vector<double> w;
  w.reserve(kHoursPerWeek);
  bool ok = true;
  double sum = 0;
  for (std::size_t h = 0; h < weights->size(); ++h) {
    const json& x = (*weights)[h];
    std::string at = path + "/" + std::to_string(h);
    if (!x.is_number() || !std::isfinite(x.get<double>())) {
      s.error(at, "expected a number from 0 to 1e9, got " + describe(x));
      ok = false;
    } else if (x.get<double>() < 0 || x.get<double>() > 1e9) {
      s.error(at, describe(x) + " is out of range; accepted: a number from 0 to 1e9");
      ok = false;
    } else {
      w.push_back(x.get<double>());
      sum += x.get<double>();
    }
  }
  if (ok && !(sum > 0)) {
    s.error(path, "all 168 weights are zero; accepted: non-negative weights with at least one above zero");
    ok = false;
  }
  if (ok) {
    lp.hourly_weights = std::move(w);
    lp.preset = LoadProfile{}.preset;  // unused with custom weights; reset so the scenario round-trips exactly
    if (s.get("preset")) s.warn(s.at("preset"), "ignored because hourly_weights is given");
  }
}

void read_workload(Section& root, Workload& w) {
  Section s = root.child("workload");
  s.number("tokens_per_month", w.tokens_per_month, {0, 1e15, false, /*min_nonzero=*/1});
  s.number("input_share", w.input_share, {0, 1});
  s.number("cached_input_share", w.cached_input_share, {0, 1});
  s.number("batch_share", w.batch_share, {0, 1});
  s.number("monthly_growth", w.monthly_growth, {-0.5, 1});
  read_load_profile(s, w.load_profile);
}

void read_api(Section& root, ApiOption& a) {
  Section s = root.child("api");
  s.text("model", a.model, kMaxTextChars);
  s.optional_number("usd_per_mtok_input", a.usd_per_mtok_input, {0, 1000});
  s.optional_number("usd_per_mtok_cached_input", a.usd_per_mtok_cached_input, {0, 1000});
  s.optional_number("usd_per_mtok_output", a.usd_per_mtok_output, {0, 1000});
  s.optional_number("batch_discount", a.batch_discount, {0, 0.95});
  s.number("other_usd_per_month", a.other_usd_per_month, {0, 1e8});
}

void read_self_host(Section& root, SelfHostOption& h) {
  Section s = root.child("self_host");
  s.text("model", h.model, kMaxTextChars);
  s.text("gpu", h.gpu, kMaxTextChars);
  s.integer("gpus_per_replica", h.gpus_per_replica, 1, 64);
  s.choice("deployment", h.deployment, {"cloud", "on_prem"});
  {
    Section t = s.child("throughput");
    Throughput& tp = h.throughput;
    t.choice("source", tp.source, {"measured", "modeled"});
    t.optional_number("tokens_per_second_per_replica", tp.tokens_per_second_per_replica, {0.001, 1e7});
    t.choice("precision", tp.precision, {"bf16", "fp16", "fp8", "int8", "int4"});
    t.choice("kv_precision", tp.kv_precision, {"bf16", "fp16", "fp8"});
    t.number("input_tokens_per_request", tp.input_tokens_per_request, {1, 1e7});
    t.number("output_tokens_per_request", tp.output_tokens_per_request, {1, 1e6});
    t.number("mbu", tp.mbu, {0.01, 1});
    t.number("mfu", tp.mfu, {0.01, 1});
    t.number("mfu_prefill", tp.mfu_prefill, {0.01, 1});
    t.number("tp_efficiency", tp.tp_efficiency, {0.01, 1});
    t.number("gpu_memory_utilization", tp.gpu_memory_utilization, {0.01, 1});
    t.number("runtime_overhead_gb", tp.runtime_overhead_gb, {0, 1000});
    t.integer("max_batch", tp.max_batch, 1, 1000000);
  }
  s.number("target_peak_utilization", h.target_peak_utilization, {0.01, 1});
  s.integer("min_replicas", h.min_replicas, 0, 10000);
  s.integer("spare_replicas", h.spare_replicas, 0, 10000);
  {
    Section c = s.child("cloud");
    c.text("provider", h.cloud.provider, kMaxTextChars);
    c.optional_number("usd_per_gpu_hour", h.cloud.usd_per_gpu_hour, {0, 1000});
    c.number("commitment_discount", h.cloud.commitment_discount, {0, 0.9});
    c.boolean("autoscale", h.cloud.autoscale);
    c.number("other_usd_per_month", h.cloud.other_usd_per_month, {0, 1e8});
  }
  {
    Section p = s.child("on_prem");
    OnPrem& o = h.on_prem;
    p.optional_number("usd_per_gpu", o.usd_per_gpu, {0, 1e7});
    p.number("host_usd_per_gpu", o.host_usd_per_gpu, {0, 1e7});
    p.integer("amortization_months", o.amortization_months, 1, 120);
    p.number("residual_value_share", o.residual_value_share, {0, 0.95});
    p.number("cost_of_capital_per_year", o.cost_of_capital_per_year, {0, 1});
    p.optional_number("watts_per_gpu", o.watts_per_gpu, {1, 20000});
    p.number("idle_power_share", o.idle_power_share, {0, 1});
    p.number("pue", o.pue, {1, 3});
    p.number("usd_per_kwh", o.usd_per_kwh, {0, 5});
    p.number("colo_usd_per_kw_month", o.colo_usd_per_kw_month, {0, 10000});
    p.optional_number("rack_usd_per_month", o.rack_usd_per_month, {0, 1e8});
  }
}

void read_operations(Section& root, Operations& o) {
  Section s = root.child("operations");
  {
    Section e = s.child("engineering");
    e.choice("mode", o.engineering.mode, {"fte", "multiplier"});
    e.number("fte", o.engineering.fte, {0, 1000});
    e.number("usd_per_fte_year", o.engineering.usd_per_fte_year, {0, 1e7});
    e.number("overhead_multiplier", o.engineering.overhead_multiplier, {1, 20});
  }
  s.number("model_refreshes_per_year", o.model_refreshes_per_year, {0, 365});
  s.number("usd_per_model_refresh", o.usd_per_model_refresh, {0, 1e8});
  s.number("observability_usd_per_month", o.observability_usd_per_month, {0, 1e8});
  s.number("observability_setup_usd", o.observability_setup_usd, {0, 1e9});
  s.number("one_time_usd", o.one_time_usd, {0, 1e10});
}

void read_constraints(Section& root, Constraints& c) {
  Section s = root.child("constraints");
  s.choice("compliance", c.compliance, {"none", "hipaa", "soc2_type2", "government"});
  s.number("p99_latency_ms", c.p99_latency_ms, {0, 3.6e6});
  s.number("p99_ttft_ms", c.p99_ttft_ms, {0, 3.6e6});
  s.boolean("has_mlops_team", c.has_mlops_team);
}

void put_optional(json& j, const char* key, const std::optional<double>& x) {
  if (x) j[key] = *x;
}

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

// A second pass over text that failed to parse: tracks the JSON pointer while reading, so the error names the
// field it happened in. Constructs nlohmann's parse_error but never throws it.
class ErrorLocator : public nlohmann::json_sax<json> {
 public:
  explicit ErrorLocator(std::size_t text_size) : text_size_(text_size) {}
  std::string pointer;
  std::string message;

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    stack_.push_back({true, false, "", 0});
    return true;
  }
  bool key(string_t& k) override {
    stack_.back().key = escape_pointer_token(utf8_prefix(k, kMaxTextChars));
    stack_.back().has_key = true;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    stack_.push_back({false, false, "", 0});
    return true;
  }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception&) override {
    pointer.clear();
    // Text that simply ends is blamed on the last field read (a truncated link); a syntax error between two
    // keys is blamed on the object, not on the key before it.
    bool truncated = position >= text_size_;
    for (const Level& l : stack_) {
      if (l.object && !(l.has_key || (truncated && !l.key.empty()))) break;
      pointer += "/" + (l.object ? l.key : std::to_string(l.index));
    }
    // Printable ASCII only: the token may hold invalid UTF-8 or control bytes, and this message becomes JSON.
    std::string token;
    for (char ch : last_token.substr(0, 40)) token += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
    if (last_token.size() > 40) token += "...";
    message = "not valid JSON at character " + std::to_string(position) +
              (token.empty() ? std::string() : " (near '" + token + "')") +
              "; accepted: a JSON object (a scenario), numbers within ±1.7e308";
    return false;
  }

 private:
  struct Level {
    bool object;
    bool has_key;
    std::string key;
    std::size_t index;
  };
  bool value() {
    if (!stack_.empty()) {
      if (stack_.back().object) stack_.back().has_key = false;  // between keys the error is the object's
      else ++stack_.back().index;
    }
    return true;
  }
  bool close() {
    stack_.pop_back();
    return value();
  }
  std::vector<Level> stack_;
  std::size_t text_size_;
};

}  // namespace

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      if (s.size() > 40) return "a string of " + std::to_string(s.size()) + " characters";
      return "the string " + v.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    case json::value_t::array: return "an array of " + std::to_string(v.size()) + " items";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "invalid JSON";
    default: {
      if (v.is_number_float() && !std::isfinite(v.get<double>())) return "a number too large to represent";
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
  Scenario& s = out.scenario;
  {
    Section root(&j, "", out);
    int version = kSchemaVersion;
    root.integer("schema_version", version, 1, 1000000);
    if (version > kSchemaVersion)
      root.error("/schema_version", "version " + std::to_string(version) +
                                        " is newer than this calculator understands; accepted: " +
                                        std::to_string(kSchemaVersion) + " (or omit it)");
    root.text("name", s.name, kMaxTextChars);
    root.text("description", s.description, kMaxDescriptionChars);
    root.integer("horizon_months", s.horizon_months, 1, 120);
    read_workload(root, s.workload);
    read_api(root, s.api);
    read_self_host(root, s.self_host);
    read_operations(root, s.operations);
    read_constraints(root, s.constraints);
  }
  return out;
}

ParsedScenario parse_scenario_text(std::string_view text) {
  if (text.size() > 32 * 1024 * 1024) {
    ParsedScenario out;
    out.errors.push_back({"", "the scenario is " + std::to_string(text.size()) +
                                  " bytes; accepted: at most 32 MiB of JSON"});
    return out;
  }
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    ParsedScenario out;
    ErrorLocator locator(text.size());
    json::sax_parse(text.begin(), text.end(), &locator, nlohmann::detail::input_format_t::json, /*strict=*/true);
    out.errors.push_back({locator.pointer, locator.message.empty() ? "not valid JSON" : locator.message});
    return out;
  }
  return parse_scenario(j);
}

json to_json(const Scenario& s) {
  json lp = json::object();
  if (s.workload.load_profile.hourly_weights.empty()) lp["preset"] = s.workload.load_profile.preset;
  else lp["hourly_weights"] = s.workload.load_profile.hourly_weights;

  json api = {{"model", s.api.model}, {"other_usd_per_month", s.api.other_usd_per_month}};
  put_optional(api, "usd_per_mtok_input", s.api.usd_per_mtok_input);
  put_optional(api, "usd_per_mtok_cached_input", s.api.usd_per_mtok_cached_input);
  put_optional(api, "usd_per_mtok_output", s.api.usd_per_mtok_output);
  put_optional(api, "batch_discount", s.api.batch_discount);

  const SelfHostOption& h = s.self_host;
  const Throughput& tp = h.throughput;
  json throughput = {{"source", tp.source},
                     {"precision", tp.precision},
                     {"kv_precision", tp.kv_precision},
                     {"input_tokens_per_request", tp.input_tokens_per_request},
                     {"output_tokens_per_request", tp.output_tokens_per_request},
                     {"mbu", tp.mbu},
                     {"mfu", tp.mfu},
                     {"mfu_prefill", tp.mfu_prefill},
                     {"tp_efficiency", tp.tp_efficiency},
                     {"gpu_memory_utilization", tp.gpu_memory_utilization},
                     {"runtime_overhead_gb", tp.runtime_overhead_gb},
                     {"max_batch", tp.max_batch}};
  put_optional(throughput, "tokens_per_second_per_replica", h.throughput.tokens_per_second_per_replica);
  json cloud = {{"provider", h.cloud.provider},
                {"commitment_discount", h.cloud.commitment_discount},
                {"autoscale", h.cloud.autoscale},
                {"other_usd_per_month", h.cloud.other_usd_per_month}};
  put_optional(cloud, "usd_per_gpu_hour", h.cloud.usd_per_gpu_hour);
  const OnPrem& o = h.on_prem;
  json on_prem = {{"host_usd_per_gpu", o.host_usd_per_gpu},
                  {"amortization_months", o.amortization_months},
                  {"residual_value_share", o.residual_value_share},
                  {"cost_of_capital_per_year", o.cost_of_capital_per_year},
                  {"idle_power_share", o.idle_power_share},
                  {"pue", o.pue},
                  {"usd_per_kwh", o.usd_per_kwh},
                  {"colo_usd_per_kw_month", o.colo_usd_per_kw_month}};
  put_optional(on_prem, "usd_per_gpu", o.usd_per_gpu);
  put_optional(on_prem, "watts_per_gpu", o.watts_per_gpu);
  put_optional(on_prem, "rack_usd_per_month", o.rack_usd_per_month);

  const Operations& ops = s.operations;
  return {
      {"schema_version", s.schema_version},
      {"name", s.name},
      {"description", s.description},
      {"horizon_months", s.horizon_months},
      {"workload",
       {{"tokens_per_month", s.workload.tokens_per_month},
        {"input_share", s.workload.input_share},
        {"cached_input_share", s.workload.cached_input_share},
        {"batch_share", s.workload.batch_share},
        {"monthly_growth", s.workload.monthly_growth},
        {"load_profile", lp}}},
      {"api", api},
      {"self_host",
       {{"model", h.model},
        {"gpu", h.gpu},
        {"gpus_per_replica", h.gpus_per_replica},
        {"deployment", h.deployment},
        {"throughput", throughput},
        {"target_peak_utilization", h.target_peak_utilization},
        {"min_replicas", h.min_replicas},
        {"spare_replicas", h.spare_replicas},
        {"cloud", cloud},
        {"on_prem", on_prem}}},
      {"operations",
       {{"engineering",
         {{"mode", ops.engineering.mode},
          {"fte", ops.engineering.fte},
          {"usd_per_fte_year", ops.engineering.usd_per_fte_year},
          {"overhead_multiplier", ops.engineering.overhead_multiplier}}},
        {"model_refreshes_per_year", ops.model_refreshes_per_year},
        {"usd_per_model_refresh", ops.usd_per_model_refresh},
        {"observability_usd_per_month", ops.observability_usd_per_month},
        {"observability_setup_usd", ops.observability_setup_usd},
        {"one_time_usd", ops.one_time_usd}}},
      {"constraints",
       {{"compliance", s.constraints.compliance},
        {"p99_latency_ms", s.constraints.p99_latency_ms},
        {"p99_ttft_ms", s.constraints.p99_ttft_ms},
        {"has_mlops_team", s.constraints.has_mlops_team}}},
  };
}

json to_minimal_json(const Scenario& s) {
  json out = difference(to_json(s), to_json(Scenario{}));
  out["schema_version"] = kSchemaVersion;
  return out;
}

}  // namespace tcoscope
