// What every kind of record shares: the indicators offered, alignments, choices of people.
// Goals are in service_goals.cc, the journal and the log in service_journal.cc, evidence and the
// portfolio in service_evidence.cc.
#include "growth/records/service.h"

#include <algorithm>
#include <map>

#include "frameworks/store.h"
#include "growth/records/service_support.h"
#include "platform/errors.h"

namespace lodestar::growth::records {

Records::Records(store::Database& db, const frameworks::Alignments& alignments,
                 files::BlobStore& blobs, const auth::Clock& clock)
    : db_(db), alignments_(alignments), blobs_(blobs), clock_(clock) {}

std::string Records::now() const {
  return auth::to_iso8601(clock_.now());
}

// The 2024 ISTE Standards for Education Leaders, found by its title once it is loaded (its
// identifier is the publisher's and stays the same when it is imported again).
std::string Records::leaders_framework(store::Tx& tx) {
  std::lock_guard lock(framework_mutex_);
  if (!framework_id_.empty()) return framework_id_;
  std::string fallback;
  for (const auto& d : frameworks::documents(tx)) {
    if (d.title.find("Education Leaders") == std::string::npos || d.items == 0) continue;
    bool current =
        d.title.find("2024") != std::string::npos || d.version.find("2024") != std::string::npos;
    if (current) {
      framework_id_ = d.id;
      return framework_id_;
    }
    if (fallback.empty()) fallback = d.id;
  }
  return fallback;  // an older edition, not remembered: the 2024 one may be imported later
}

IndicatorChoices Records::indicator_choices() {
  return db_.read([&](store::Tx& tx) {
    IndicatorChoices out;
    out.framework_id = leaders_framework(tx);
    if (out.framework_id.empty()) return out;
    if (auto d = frameworks::document(tx, out.framework_id)) out.framework_title = d->title;
    auto items = frameworks::items_of(tx, out.framework_id);
    std::map<std::string, std::string> parent;
    for (const auto& item : items) parent[item.id] = item.parent_id;
    // Each indicator goes under its top-level ancestor (the standard).
    auto top = [&](std::string id) {
      for (int depth = 0; depth < 16 && !parent[id].empty(); ++depth) id = parent[id];
      return id;
    };
    std::map<std::string, std::size_t> group_of;
    for (const auto& item : items) {
      if (!item.parent_id.empty()) continue;
      group_of[item.id] = out.groups.size();
      out.groups.push_back(
          {item.id, item.code, item.title.empty() ? item.statement : item.title, {}});
    }
    for (const auto& item : items) {
      if (item.parent_id.empty()) continue;
      auto group = group_of.find(top(item.id));
      if (group == group_of.end()) continue;
      out.groups[group->second].indicators.push_back({item.id, item.code, item.statement});
    }
    std::erase_if(out.groups, [](const IndicatorGroup& g) { return g.indicators.empty(); });
    return out;
  });
}

std::vector<std::string> Records::offered_indicators(store::Tx& tx) {
  std::vector<std::string> ids;
  auto framework = leaders_framework(tx);
  if (framework.empty()) return ids;
  for (const auto& item : frameworks::items_of(tx, framework)) {
    if (!item.parent_id.empty()) ids.push_back(item.id);
  }
  return ids;
}

std::vector<AlignedIndicator> Records::aligned(store::Tx& tx, std::string_view type,
                                               const std::string& id) const {
  std::vector<AlignedIndicator> out;
  for (const auto& item_id : alignments_.items_of(tx, std::string(type), id)) {
    if (auto item = frameworks::item(tx, item_id)) {
      out.push_back({item->id, item->code, item->statement, item->document_title});
    }
  }
  std::sort(out.begin(), out.end(), [](const AlignedIndicator& a, const AlignedIndicator& b) {
    return std::tie(a.framework_title, a.code) < std::tie(b.framework_title, b.code);
  });
  return out;
}

// Accepts `wanted` and withdraws ("rejected") earlier choices among the offered indicators that
// are no longer wanted; alignments to other frameworks' items, made elsewhere, stay.
void Records::align(store::Tx& tx, std::string_view type, const std::string& id,
                    const std::vector<std::string>& wanted, const auth::Principal& who) {
  auto offered = offered_indicators(tx);
  const std::string subject_type(type);
  for (const auto& item : alignments_.items_of(tx, subject_type, id)) {
    bool still = std::find(wanted.begin(), wanted.end(), item) != wanted.end();
    bool ours = std::find(offered.begin(), offered.end(), item) != offered.end();
    if (!still && ours) alignments_.decide(tx, subject_type, id, item, "rejected", "person", who);
  }
  for (const auto& item : wanted) {
    alignments_.decide(tx, subject_type, id, item, "accepted", "person", who);
  }
}

std::vector<db::PersonChoice> Records::coach_choices(const auth::Principal& who) {
  auto person = require_person(who);
  return db_.read([&](store::Tx& tx) { return db::coaches_of(tx, person); });
}

std::vector<db::PersonChoice> Records::reader_choices(const auth::Principal& who) {
  auto person = require_person(who);
  return db_.read([&](store::Tx& tx) { return reader_candidates(tx, person); });
}

std::vector<db::PersonChoice> reader_candidates(store::Tx& tx, const std::string& person_id) {
  auto out = db::coaches_of(tx, person_id);
  for (auto& supervisor : db::supervisors_of(tx, person_id)) {
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const db::PersonChoice& c) { return c.id == supervisor.id; });
    if (same == out.end()) {
      out.push_back(std::move(supervisor));
    } else {
      same->roles.insert(same->roles.end(), supervisor.roles.begin(), supervisor.roles.end());
    }
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const db::PersonChoice& a, const db::PersonChoice& b) { return a.name < b.name; });
  return out;
}

const std::string& require_person(const auth::Principal& who) {
  if (who.person_id.empty()) throw Forbidden("records.no_person.title");
  return who.person_id;
}

std::vector<FieldProblem> unknown_indicators(const std::vector<std::string>& offered,
                                             const std::vector<std::string>& wanted) {
  std::vector<FieldProblem> problems;
  for (const auto& item : wanted) {
    if (std::find(offered.begin(), offered.end(), item) == offered.end()) {
      problems.push_back({"indicators", "records.error.indicator", item});
      break;
    }
  }
  return problems;
}

void finish_event(store::Tx& tx, audit::Event& event, std::string_view type, const std::string& id,
                  nlohmann::json detail) {
  event.subject_type = std::string(type);
  event.subject_id = id;
  event.detail = std::move(detail);
  audit::record(tx, event);
}

}  // namespace lodestar::growth::records
