// layers_test.cpp — the engine's layers as README's layout draws them: the model (engine/model/) reads and
// writes no JSON and knows no contract, report or ops code; no file outside engine/wasm/ includes an
// Emscripten header; and the engine's JSON is its own (contract/json.hpp), nlohmann being the tests'
// independent reader only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(layers_test, each_layer_includes_only_what_it_may) {
  const fs::path engine = fs::path(TCOSCOPE_SOURCE_DIR) / "engine";
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(engine)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".cpp" && p.extension() != ".hpp") continue;
    ++files;
    const std::string text = text_of(p);
    const std::string dir = p.parent_path().filename().string();
    EXPECT_EQ(text.find("nlohmann/"), std::string::npos) << p;
    if (dir != "wasm") EXPECT_EQ(text.find("#include <emscripten"), std::string::npos) << p;
    if (dir == "model") {
      for (const char* other : {"#include \"contract/", "#include \"report/explain", "#include \"ops.hpp\"",
                                "#include \"analysis/", "#include \"cli/"})
        EXPECT_EQ(text.find(other), std::string::npos) << p << " includes " << other;
    }
  }
  EXPECT_GT(files, 40);
}

}  // namespace
