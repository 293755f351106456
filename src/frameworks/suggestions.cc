#include "frameworks/suggestions.h"

#include <set>

#include <nlohmann/json.hpp>

#include "frameworks/service.h"
#include "platform/errors.h"

namespace lodestar::frameworks {
namespace {

// The seed frameworks' keys ("iste-leaders-2024") by CFDocument identifier, and their curated
// vocabulary: read once from the embedded files.
struct SeedVocabulary {
  std::unordered_map<std::string, std::string> key_of;
  nlohmann::json terms;
};

const SeedVocabulary& seed_vocabulary_index() {
  static const SeedVocabulary index = [] {
    SeedVocabulary v;
    for (const auto& seed : seed_packages()) {
      auto json = nlohmann::json::parse(seed.json);
      v.key_of[json.at("CFDocument").at("identifier").get<std::string>()] = seed.name;
    }
    v.terms = nlohmann::json::parse(seed_vocabulary());
    return v;
  }();
  return index;
}

}  // namespace

Suggestions::Suggestions(store::Database& db) : db_(db) {}

std::vector<suggest::Indicator> Suggestions::indicators_of(const std::vector<ItemRow>& items,
                                                           const std::string& framework_key) {
  const auto& vocabulary = seed_vocabulary_index().terms;
  std::set<std::string> parents;
  std::unordered_map<std::string, const ItemRow*> by_id;
  for (const auto& item : items) {
    if (!item.parent_id.empty()) parents.insert(item.parent_id);
    by_id[item.id] = &item;
  }
  std::vector<suggest::Indicator> out;
  for (const auto& item : items) {
    if (parents.contains(item.id)) continue;  // not a leaf
    suggest::Indicator indicator;
    indicator.id = item.id;
    indicator.code = item.code;
    indicator.statement = item.statement;
    indicator.title = item.title;
    if (auto parent = by_id.find(item.parent_id); parent != by_id.end()) {
      indicator.context = parent->second->title + " " + parent->second->statement;
    }
    if (!framework_key.empty() && vocabulary.contains(framework_key) &&
        vocabulary[framework_key].contains(item.code)) {
      indicator.vocabulary = vocabulary[framework_key][item.code].get<std::vector<std::string>>();
    }
    out.push_back(std::move(indicator));
  }
  return out;
}

std::shared_ptr<const Suggestions::Entry> Suggestions::entry(std::string_view document_id) const {
  const std::string id(document_id);
  for (;;) {
    bool cached = false;
    auto [etag, items] = db_.read([&](store::Tx& tx) {
      auto etag = package_etag(tx, id);
      if (!etag) throw NotFound("error.not_found", "no framework " + id);
      {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(id);
        cached = it != cache_.end() && it->second->etag == *etag;
      }
      return std::make_pair(*etag, cached ? std::vector<ItemRow>{} : items_of(tx, id));
    });
    std::lock_guard lock(mutex_);
    auto& slot = cache_[id];
    if (slot && slot->etag == etag) return slot;
    if (cached) continue;  // replaced between the read and now: read again
    const auto& keys = seed_vocabulary_index().key_of;
    auto key = keys.find(id);
    auto built = std::make_shared<Entry>();
    built->etag = etag;
    built->ranker = std::make_shared<suggest::Ranker>(
        indicators_of(items, key == keys.end() ? std::string() : key->second));
    built->items = std::move(items);
    slot = built;
    return slot;
  }
}

std::vector<SuggestedItem> Suggestions::suggest(std::string_view document_id, std::string_view text,
                                                std::size_t limit) const {
  auto found = entry(document_id);
  std::unordered_map<std::string, const ItemRow*> by_id;
  for (const auto& item : found->items) by_id[item.id] = &item;
  std::vector<SuggestedItem> out;
  for (auto& s : found->ranker->rank(text, limit)) {
    auto it = by_id.find(s.id);
    if (it == by_id.end()) continue;
    out.push_back({*it->second, s.score, std::move(s.matched)});
  }
  return out;
}

std::vector<suggest::CrosswalkSuggestion> Suggestions::crosswalk(std::string_view from,
                                                                 std::string_view to) const {
  auto source = entry(from);
  auto target = entry(to);
  // Ranking every indicator of one framework against another is the costliest suggestion; the
  // side-by-side page asks for it on every view, so it is kept until either framework changes.
  auto key = source->etag + " " + target->etag;
  {
    std::lock_guard lock(mutex_);
    if (auto it = crosswalks_.find(key); it != crosswalks_.end()) return *it->second;
  }
  auto suggested = std::make_shared<const std::vector<suggest::CrosswalkSuggestion>>(
      suggest::suggest_crosswalk(source->ranker->indicators(), *target->ranker));
  std::lock_guard lock(mutex_);
  if (crosswalks_.size() >= 256) crosswalks_.clear();  // versions long replaced
  crosswalks_[key] = suggested;
  return *suggested;
}

}  // namespace lodestar::frameworks
