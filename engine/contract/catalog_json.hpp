// catalog_json.hpp — the compiled-in catalog (assets/catalog/*.json): trusted data, read with nlohmann's type
// macros. A test reads it natively, where a malformed row is reported; the wasm build reads the same bytes.
#pragma once

#include <nlohmann/json.hpp>

#include "model/catalog.hpp"

namespace tcoscope {

// The catalog compiled into this binary, parsed once.
const Catalog& builtin_catalog();

// The catalog files as one JSON document {gpus, models, api_models, measurements, default_ranges, engines},
// for the page's pickers.
const nlohmann::json& builtin_catalog_json();

// Reads catalog documents; problems (a mistyped field, an unknown id) land in Catalog::load_errors. Missing
// or null fields take the struct's default; a test checks that every row has its id, source and as_of.
Catalog parse_catalog(const nlohmann::json& gpus, const nlohmann::json& models,
                      const nlohmann::json& api_models, const nlohmann::json& measurements,
                      const nlohmann::json& ranges = nullptr, const nlohmann::json& engines = nullptr);

}  // namespace tcoscope
