#include "learning/routes.h"

namespace lodestar::learning {

void register_record_types(frameworks::Alignments&) {}

void add_catalog_pages(http::Router&, const AppContext&, const frameworks::Alignments&) {}

}  // namespace lodestar::learning
