// Aligning an item of one framework (a state standard, an ISTE Standards for Students indicator)
// to the indicators of another, from the item's page: Lodestar suggests the most likely
// indicators and a person accepts or rejects each. A rejected suggestion is not offered again.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "frameworks/routes.h"
#include "frameworks/store.h"
#include "frameworks/views.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"

namespace lodestar::frameworks {
namespace {

constexpr std::string_view kSubjectType = "case_item";
constexpr std::size_t kSuggestions = 5;

http::Response decide(const AppContext& context, Module& module, http::Request& request) {
  const auto& id = request.param("id");
  auto form = auth::request_form(request);
  auto target = auth::field(form, "item_id");
  auto status = auth::field(form, "status");
  auto align_to = auth::field(form, "align_to");
  context.db.write([&](store::Tx& tx) {
    module.alignments.decide(tx, std::string(kSubjectType), id, target, status, "suggestion",
                             *request.principal);
    auto event = audit::event_for(request, "frameworks.alignment");
    event.subject_type = std::string(kSubjectType);
    event.subject_id = id;
    event.detail = {{"item_id", target}, {"status", status}, {"source", "suggestion"}};
    audit::record(tx, event);
  });
  return http::Response::redirect("/frameworks/items/" + http::url_encode(id) +
                                  "?align_to=" + http::url_encode(align_to) + "#align");
}

}  // namespace

nlohmann::json alignment_panel(const AppContext& context, Module& module,
                               const http::Request& request, const ItemRow& item) {
  nlohmann::json panel = {{"aligned_to", nlohmann::json::array()}};
  std::vector<std::string> accepted, rejected;
  context.db.read([&](store::Tx& tx) {
    accepted = module.alignments.items_of(tx, std::string(kSubjectType), item.id, "accepted");
    rejected = module.alignments.items_of(tx, std::string(kSubjectType), item.id, "rejected");
    for (const auto& target : accepted) {
      if (auto found = frameworks::item(tx, target))
        panel["aligned_to"].push_back(item_json(*found));
    }
  });
  panel["has_aligned_to"] = !panel["aligned_to"].empty();
  bool may_align = request.principal &&
                   context.policy.can(*request.principal, "frameworks.manage", std::nullopt);
  panel["may_align"] = may_align;
  if (!may_align) return panel;
  auto align_to = request.query_value("align_to").value_or("");
  panel["csrf_token"] = request.principal->csrf_token;
  panel["choices"] = nlohmann::json::array();
  auto docs = context.db.read([](store::Tx& tx) { return documents(tx); });
  for (const auto& d : docs) {
    if (d.items == 0 || d.id == item.document_id) continue;
    panel["choices"].push_back({{"id", d.id}, {"title", d.title}, {"selected", d.id == align_to}});
  }
  panel["align_to"] = align_to;
  panel["item_id"] = item.id;
  panel["suggestions"] = nlohmann::json::array();
  if (align_to.empty()) return panel;
  auto text = item.title + " " + item.statement;
  std::size_t shown = 0;
  for (const auto& s : module.suggestions.suggest(align_to, text, kSuggestions * 3)) {
    auto decided = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), s.item.id) != list.end();
    };
    if (decided(accepted) || decided(rejected)) continue;
    auto json = item_json(s.item);
    json["matched"] = s.matched;
    panel["suggestions"].push_back(std::move(json));
    if (++shown == kSuggestions) break;
  }
  panel["chosen"] = true;
  panel["none"] = panel["suggestions"].empty();
  return panel;
}

void add_align_pages(http::Router& router, const AppContext& context, Module& module) {
  router.add(
      {.method = "POST",
       .pattern = "/frameworks/items/{id}/alignments",
       .handler = [&context, &module](http::Request& r) { return decide(context, module, r); },
       .access = http::Access::to("frameworks.manage")});
}

}  // namespace lodestar::frameworks
