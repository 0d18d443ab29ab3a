// json_optional.hpp — std::optional<T> as JSON: null (or a missing key, with the _WITH_DEFAULT macros) is
// empty.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

namespace nlohmann {

template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& x) {
    if (x)
      j = *x;
    else
      j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& x) {
    if (j.is_null())
      x.reset();
    else
      x = j.get<T>();
  }
};

}  // namespace nlohmann
