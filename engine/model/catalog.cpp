// catalog.cpp — lookups over the catalog rows.
#include "model/catalog.hpp"

namespace tcoscope {
namespace {

template <class T>
const T* find_by_id(const std::vector<T>& rows, std::string_view id) {
  for (const T& row : rows)
    if (row.id == id) return &row;
  return nullptr;
}

}  // namespace

const RentalRate* Gpu::rate(std::string_view provider) const {
  for (const RentalRate& r : rental)
    if (r.provider == provider) return &r;
  return nullptr;
}

const Gpu* Catalog::gpu(std::string_view id) const {
  return find_by_id(gpus, id);
}
const OpenModel* Catalog::model(std::string_view id) const {
  return find_by_id(models, id);
}
const ApiModel* Catalog::api_model(std::string_view id) const {
  return find_by_id(api_models, id);
}

const Measurement* Catalog::measurement(std::string_view model_id, std::string_view gpu_id,
                                        int gpus_per_replica, std::string_view precision) const {
  const Measurement* first = nullptr;
  for (const Measurement& m : measurements) {
    if (m.model != model_id || m.gpu != gpu_id || m.gpus_per_replica != gpus_per_replica) continue;
    if (precision.empty() || m.precision == precision) return &m;
    if (!first) first = &m;
  }
  return first;
}

int tier_rank(std::string_view tier) {
  if (tier == "small") return 0;
  if (tier == "mid") return 1;
  if (tier == "frontier") return 2;
  return -1;
}

}  // namespace tcoscope
