// Pages to read frameworks: open to everyone (standards are public), except suggestions, which
// need a signed-in person.
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "frameworks/browse.h"
#include "frameworks/routes.h"
#include "frameworks/service.h"
#include "frameworks/views.h"
#include "platform/auth/page_support.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"
#include "platform/web/view.h"

namespace lodestar::frameworks {
namespace {

constexpr std::size_t kSearchLimit = 50;
constexpr std::size_t kSuggestionLimit = 5;

bool can_manage(const AppContext& context, const http::Request& request) {
  return request.principal && context.policy.can(*request.principal, "frameworks.manage", {});
}

nlohmann::json document_json(const DocumentRow& d) {
  return {{"id", d.id},
          {"title", d.title},
          {"creator", d.creator},
          {"version", d.version},
          {"adoption_status", d.adoption_status},
          {"items", d.items},
          {"links", d.crosswalk_links},
          {"href", "/frameworks/" + http::url_encode(d.id)},
          {"case_href", "/ims/case/v1p0/CFPackages/" + http::url_encode(d.id)}};
}

// The frameworks (with items) to choose from in a form, `selected` marked.
nlohmann::json choices(const std::vector<DocumentRow>& docs, std::string_view selected) {
  auto out = nlohmann::json::array();
  for (const auto& d : docs) {
    if (d.items == 0) continue;
    out.push_back({{"id", d.id}, {"title", d.title}, {"selected", d.id == selected}});
  }
  return out;
}

nlohmann::json node_json(const OutlineNode& node) {
  auto json = item_json(node.item);
  json["children"] = nlohmann::json::array();
  for (const auto& child : node.children) json["children"].push_back(node_json(child));
  json["has_children"] = !node.children.empty();
  return json;
}

http::Response list_page(const AppContext& context, http::Request& request) {
  auto docs = context.db.read([](store::Tx& tx) { return documents(tx); });
  nlohmann::json view = {{"frameworks", nlohmann::json::array()},
                         {"crosswalks", nlohmann::json::array()},
                         {"choices", choices(docs, "")},
                         {"can_manage", can_manage(context, request)}};
  for (const auto& d : docs) {
    (d.items > 0 ? view["frameworks"] : view["crosswalks"]).push_back(document_json(d));
  }
  return web::render_page(request, "frameworks/list", "frameworks.title", view);
}

http::Response outline_page(const AppContext& context, http::Request& request) {
  auto out = outline(context.db, request.param("id"));
  auto view = document_json(out.document);
  view["description"] = out.description;
  view["publisher"] = out.publisher;
  view["official_url"] = out.official_url;
  view["citation"] = out.citation;
  view["roots"] = nlohmann::json::array();
  for (const auto& node : out.roots) view["roots"].push_back(node_json(node));
  view["title_detail"] = out.document.title;
  return web::render_page(request, "frameworks/outline", "frameworks.outline_title", view);
}

http::Response item_page(const AppContext& context, Module& module, http::Request& request) {
  auto found =
      indicator(context.db, module.alignments, request.param("id"), request.principal.get());
  auto view = item_json(found.item);
  view["framework_href"] = "/frameworks/" + http::url_encode(found.item.document_id);
  view["ancestors"] = nlohmann::json::array();
  for (const auto& a : found.ancestors) view["ancestors"].push_back(item_json(a));
  view["children"] = nlohmann::json::array();
  for (const auto& c : found.children) view["children"].push_back(item_json(c));
  view["links"] = nlohmann::json::array();
  for (const auto& l : found.links) view["links"].push_back(link_json(l));
  view["aligned"] = nlohmann::json::array();
  for (const auto& a : found.aligned) {
    view["aligned"].push_back({{"title", a.title}, {"href", a.href}, {"type", a.type}});
  }
  view["has_children"] = !found.children.empty();
  view["has_links"] = !found.links.empty();
  view["has_aligned"] = !found.aligned.empty();
  view["api_href"] = "/api/v1/frameworks/items/" + http::url_encode(found.item.id) + "/alignments";
  view["case_href"] = "/ims/case/v1p0/CFItems/" + http::url_encode(found.item.id);
  view["align"] = alignment_panel(context, module, request, found.item);
  view["title_detail"] = found.item.code.empty()
                             ? found.item.document_title
                             : found.item.code + " " + found.item.document_title;
  return web::render_page(request, "frameworks/item", "frameworks.item_title", view);
}

http::Response compare_page(const AppContext& context, Module& module, http::Request& request) {
  auto left = request.query_value("left").value_or("");
  auto right = request.query_value("right").value_or("");
  auto docs = context.db.read([](store::Tx& tx) { return documents(tx); });
  nlohmann::json view = {{"left_choices", choices(docs, left)},
                         {"right_choices", choices(docs, right)},
                         {"chosen", !left.empty() && !right.empty()}};
  if (left.empty() || right.empty()) {
    return web::render_page(request, "frameworks/compare", "frameworks.compare_title", view);
  }
  auto c = compare(context.db, module.suggestions, left, right);
  view["left"] = document_json(c.left);
  view["right"] = document_json(c.right);
  view["has_crosswalk"] = c.has_crosswalk;
  view["can_accept"] = can_manage(context, request);
  view["csrf_token"] = request.principal ? request.principal->csrf_token : "";
  view["rows"] = nlohmann::json::array();
  std::size_t suggested = 0;
  std::unordered_map<std::string, const ItemRow*> right_by_id;
  for (const auto& i : c.right_items) right_by_id[i.id] = &i;
  std::set<std::string> groups;  // items other items hang under: headings, not rows to match
  for (const auto& row : c.rows) groups.insert(row.left.parent_id);
  for (const auto& row : c.rows) {
    nlohmann::json r = {{"left", item_json(row.left)},
                        {"links", nlohmann::json::array()},
                        {"suggested", nlohmann::json::array()}};
    for (const auto& l : row.links) r["links"].push_back(link_json(l));
    for (const auto& s : row.suggested) {
      auto to = right_by_id.find(s.to_id);
      r["suggested"].push_back(
          {{"to_id", s.to_id},
           {"to_code", s.to_code},
           {"to_statement", to == right_by_id.end() ? "" : to->second->statement},
           {"href", "/frameworks/items/" + http::url_encode(s.to_id)}});
      ++suggested;
    }
    r["matched"] = !row.links.empty() || !row.suggested.empty();
    r["group"] = groups.contains(row.left.id) && row.links.empty();
    view["rows"].push_back(std::move(r));
  }
  view["suggested_count"] = suggested;
  view["unmatched"] = nlohmann::json::array();
  for (const auto& i : c.right_unmatched) view["unmatched"].push_back(item_json(i));
  view["has_unmatched"] = !c.right_unmatched.empty();
  return web::render_page(request, "frameworks/compare", "frameworks.compare_title", view);
}

http::Response search_page(const AppContext& context, http::Request& request) {
  auto q = request.query_value("q").value_or("");
  auto framework = request.query_value("framework").value_or("");
  auto docs = context.db.read([](store::Tx& tx) { return documents(tx); });
  nlohmann::json view = {{"q", q},
                         {"choices", choices(docs, framework)},
                         {"searched", !q.empty()},
                         {"hits", nlohmann::json::array()}};
  if (!q.empty()) {
    for (const auto& hit : search_items(context.db, q, framework, kSearchLimit)) {
      auto json = item_json(hit.item);
      json["segments"] = marked_segments(hit.highlighted);
      view["hits"].push_back(std::move(json));
    }
  }
  view["count"] = view["hits"].size();
  view["none"] = !q.empty() && view["hits"].empty();
  return web::render_page(request, "frameworks/search", "frameworks.search_title", view);
}

http::Response suggest_page(const AppContext& context, Module& module, http::Request& request) {
  auto text = request.query_value("text").value_or("");
  auto framework = request.query_value("framework").value_or("");
  auto docs = context.db.read([](store::Tx& tx) { return documents(tx); });
  nlohmann::json view = {{"text", text},
                         {"choices", choices(docs, framework)},
                         {"suggestions", nlohmann::json::array()}};
  bool submitted = request.query_value("text").has_value();
  std::vector<FieldProblem> problems;
  if (submitted && text.find_first_not_of(" \t\r\n") == std::string::npos) {
    problems.push_back({"text", "frameworks.suggest.error.text_required", {}});
  } else if (text.size() > kMaxSuggestionTextBytes) {
    problems.push_back({"text", "frameworks.suggest.error.text_too_long", {}});
  }
  if (submitted && framework.empty()) {
    problems.push_back({"framework", "frameworks.suggest.error.framework", {}});
  }
  if (!problems.empty()) {
    auth::add_errors(view, problems);
    return web::render_page(request, "frameworks/suggest", "frameworks.suggest_title", view, 400);
  }
  if (submitted) {
    for (const auto& s : module.suggestions.suggest(framework, text, kSuggestionLimit)) {
      auto json = item_json(s.item);
      json["matched"] = s.matched;
      view["suggestions"].push_back(std::move(json));
    }
    view["submitted"] = true;
    view["none"] = view["suggestions"].empty();
  }
  return web::render_page(request, "frameworks/suggest", "frameworks.suggest_title", view);
}

}  // namespace

void add_pages(http::Router& router, const AppContext& context, Module& module) {
  auto page = [&](std::string pattern, http::Handler handler, http::Access access) {
    router.add({.method = "GET",
                .pattern = std::move(pattern),
                .handler = std::move(handler),
                .access = std::move(access)});
  };
  page(
      "/frameworks", [&context](http::Request& r) { return list_page(context, r); },
      http::Access::anyone());
  page(
      "/frameworks/search", [&context](http::Request& r) { return search_page(context, r); },
      http::Access::anyone());
  page(
      "/frameworks/compare",
      [&context, &module](http::Request& r) { return compare_page(context, module, r); },
      http::Access::anyone());
  page(
      "/frameworks/suggest",
      [&context, &module](http::Request& r) { return suggest_page(context, module, r); },
      http::Access::signed_in());
  page(
      "/frameworks/items/{id}",
      [&context, &module](http::Request& r) { return item_page(context, module, r); },
      http::Access::anyone());
  page(
      "/frameworks/{id}", [&context](http::Request& r) { return outline_page(context, r); },
      http::Access::anyone());
}

}  // namespace lodestar::frameworks
