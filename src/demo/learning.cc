#include "demo/learning.h"

namespace lodestar::demo {

bool load_learning(store::Database& db) {
  return db.write([&](store::Tx& tx) {
    // Marked by the parts' own rows: each part returns early when it finds its data (the catalog
    // part decides what "loaded" means once its tables exist).
    load_learning_catalog(tx);
    load_learning_coaching(tx);
    load_learning_network(tx);
    return false;
  });
}

}  // namespace lodestar::demo
