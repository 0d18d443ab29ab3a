// catalog_json.hpp — the catalog (assets/catalog/*.json): trusted data, read with nlohmann's type macros.
// Native binaries have it compiled in (a test reads it, where a malformed row is reported); the wasm module
// is handed it once at start (load_catalog), by the page from its boot data or in node from the file beside
// the module.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contract/json.hpp"
#include "model/catalog.hpp"

namespace tcoscope {

// The catalog compiled into this binary (or loaded), parsed once.
const Catalog& builtin_catalog();

// Replaces the compiled-in catalog (none, in the wasm module) with catalog JSON text: one object as
// builtin_catalog_json() returns it, or an array of the catalog files' objects, merged in order. Only before
// the first call that reads the catalog; returns the problems (Catalog::load_errors), empty when all is well.
// Trusted text (the build's own catalog): without exceptions a mistyped field aborts, as the compiled-in one
// would.
std::vector<std::string> load_catalog(std::string_view text);

// The catalog files as one JSON document {gpus, models, api_models, measurements, default_ranges, engines},
// for the page's pickers.
const Json& builtin_catalog_json();

// Reads catalog documents; problems (a mistyped field, an unknown id) land in Catalog::load_errors. Missing
// or null fields take the struct's default; a test checks that every row has its id, source and as_of.
Catalog parse_catalog(const Json& gpus, const Json& models, const Json& api_models, const Json& measurements,
                      const Json& ranges = nullptr, const Json& engines = nullptr);

}  // namespace tcoscope
