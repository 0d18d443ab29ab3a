// json_support.hpp — the engine's Json in tests: "…"_json literals (the text must parse) and readable values
// in GoogleTest's failure messages.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "contract/json.hpp"

namespace tcoscope {

inline void PrintTo(const Json& j, std::ostream* os) {
  *os << j.dump();
}
inline std::ostream& operator<<(std::ostream& os, const Json& j) {
  return os << j.dump();
}

inline Json operator""_json(const char* text, std::size_t n) {
  Json::ParseError error;
  Json j = Json::parse(std::string_view(text, n), &error);
  EXPECT_FALSE(j.is_discarded()) << "a test's JSON literal does not parse: " << error.message
                                 << " at character " << error.position;
  return j;
}

// The value at a JSON pointer, made (with objects on the way) when missing: nlohmann's j[json_pointer(p)].
inline Json& made_at_pointer(Json& j, std::string_view pointer) {
  Json* at = &j;
  while (!pointer.empty()) {
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    at = &(*at)[pointer.substr(0, end)];
    pointer.remove_prefix(end);
  }
  return *at;
}

// A string at a JSON pointer, or the fallback.
inline std::string value_at_pointer(const Json& j, std::string_view pointer, const char* fallback) {
  const Json* v = j.at_pointer(pointer);
  return v && v->is_string() ? v->string() : fallback;
}

}  // namespace tcoscope
