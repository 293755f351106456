// Suggested alignments as a service: the ranking (suggest/ranker.h) over a framework's indicators
// as stored, with the curated vocabulary of the seed frameworks. Rankers are built on first use
// and rebuilt when a framework changes (its package's entity tag). Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frameworks/store.h"
#include "frameworks/suggest/ranker.h"
#include "platform/store/database.h"

namespace lodestar::frameworks {

// The longest text (in bytes) anyone may ask suggestions for, on a page or through the API.
inline constexpr std::size_t kMaxSuggestionTextBytes = 8000;

struct SuggestedItem {
  ItemRow item;
  double score = 0;
  std::vector<std::string> matched;
};

class Suggestions {
 public:
  explicit Suggestions(store::Database& db);

  // The indicators of `document_id` that `text` most likely addresses, best first. Throws
  // NotFound for an unknown framework.
  std::vector<SuggestedItem> suggest(std::string_view document_id, std::string_view text,
                                     std::size_t limit) const;

  // A crosswalk from `from` to `to` proposed by the same ranking, for a person to accept.
  std::vector<suggest::CrosswalkSuggestion> crosswalk(std::string_view from,
                                                      std::string_view to) const;

  // The indicators of a framework as the ranker sees them: its leaves (items with no children),
  // each with its parent's title and statement as context.
  static std::vector<suggest::Indicator> indicators_of(const std::vector<ItemRow>& items,
                                                       const std::string& framework_key);

 private:
  struct Entry {
    std::string etag;
    std::shared_ptr<const suggest::Ranker> ranker;
    std::vector<ItemRow> items;
  };
  std::shared_ptr<const Entry> entry(std::string_view document_id) const;

  store::Database& db_;
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
  // Suggested crosswalks by the two packages' entity tags.
  mutable std::unordered_map<std::string,
                             std::shared_ptr<const std::vector<suggest::CrosswalkSuggestion>>>
      crosswalks_;
};

}  // namespace lodestar::frameworks
