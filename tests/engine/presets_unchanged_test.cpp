// presets_unchanged_test.cpp — price paths and spot capacity (issue 11) change nothing for a scenario that
// does not use them: every preset evaluates byte-identically to before (FNV-1a 64 of the result JSON as the
// CLI prints it, recorded in tests/fixtures/presets_before_price_paths.json from the commit before them).
//
// A later change that means to move preset results regenerates the fixture: the failure message prints each
// preset's new hash and size.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "json_support.hpp"
#include "ops.hpp"

namespace tcoscope {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(std::string(TCOSCOPE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::uint64_t fnv1a64(const std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string hex(std::uint64_t x) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(x));
  return buf;
}

// What `tcoscope evaluate FILE --today none` prints (engine/cli/main.cpp).
std::string cli_output(const std::string& scenario_text) {
  ops::Outcome o = ops::evaluate(scenario_text);
  return o.result.dump(2) + "\n";
}

TEST(presets_unchanged_test, every_preset_evaluates_byte_identically_without_the_new_keys) {
  const tcoscope::Json fixture =
      tcoscope::Json::parse(read("tests/fixtures/presets_before_price_paths.json"));
  const tcoscope::Json& presets = fixture.at("presets");
  ASSERT_GE(presets.size(), 7u);
  for (const auto& [id, expected] : presets.members()) {
    const std::string text = read("assets/presets/" + id + ".json");
    ASSERT_FALSE(text.empty()) << id;
    const std::string out = cli_output(text);
    EXPECT_EQ(hex(fnv1a64(out)), expected.at("fnv1a64").get<std::string>())
        << id << ": now " << out.size() << " bytes (was " << expected.at("bytes") << ")";
  }
}

TEST(presets_unchanged_test, the_new_keys_at_rest_change_nothing) {
  // Spot settings other than `spot` itself only matter with spot in use; price paths of 0 are no path.
  for (const tcoscope::Json& p : ops::presets()) {
    tcoscope::Json s = p.at("scenario");
    const std::string before = cli_output(s.dump());
    s["api"]["price_change_per_year"] = 0;
    s["self_host"]["cloud"]["rate_change_per_year"] = 0;
    s["self_host"]["on_prem"]["price_change_per_year"] = 0;
    s["self_host"]["cloud"]["spot"] = "none";
    s["self_host"]["cloud"]["spot_usd_per_gpu_hour"] = 0.5;
    s["self_host"]["cloud"]["spot_discount"] = 0.9;
    s["self_host"]["cloud"]["spot_spare_share"] = 1.0;
    s["self_host"]["cloud"]["spot_restart_loss_share"] = 0.5;
    EXPECT_EQ(cli_output(s.dump()), before) << p.at("id");
  }
}

}  // namespace
}  // namespace tcoscope
