// /api/v1 JSON for frameworks: search, suggested alignments, and the one alignment mechanism
// (what is aligned to an indicator; accepting or rejecting an alignment).
#include <charconv>

#include <nlohmann/json.hpp>

#include "frameworks/browse.h"
#include "frameworks/routes.h"
#include "frameworks/views.h"
#include "platform/audit/audit.h"
#include "platform/errors.h"

namespace lodestar::frameworks {
namespace {

constexpr std::size_t kMaxLimit = 50;

nlohmann::json body_object(const http::Request& request) {
  auto body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw Invalid(std::vector<FieldProblem>{{"body", "frameworks.api.not_json_object", {}}});
  }
  return body;
}

std::string text_field(const nlohmann::json& body, const char* name,
                       std::vector<FieldProblem>& problems) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
    problems.push_back({name, "frameworks.api.required_text", {}});
    return {};
  }
  return it->get<std::string>();
}

std::size_t limit_of(const std::optional<std::string>& text, std::size_t fallback) {
  if (!text) return fallback;
  std::size_t n = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (error != std::errc() || end != text->data() + text->size() || n == 0 || n > kMaxLimit) {
    throw Invalid(std::vector<FieldProblem>{
        {"limit", "frameworks.api.bad_limit", "1-" + std::to_string(kMaxLimit)}});
  }
  return n;
}

http::Response search_api(const AppContext& context, http::Request& request) {
  auto q = request.query_value("q").value_or("");
  if (q.empty())
    throw Invalid(std::vector<FieldProblem>{{"q", "frameworks.api.required_text", {}}});
  auto limit = limit_of(request.query_value("limit"), 20);
  auto framework = request.query_value("framework").value_or("");
  nlohmann::json out = {{"query", q}, {"results", nlohmann::json::array()}};
  for (const auto& hit : search_items(context.db, q, framework, limit)) {
    auto json = item_json(hit.item);
    json["matches"] = marked_segments(hit.highlighted);
    out["results"].push_back(std::move(json));
  }
  return http::Response::json(out);
}

http::Response suggestions_api(Module& module, http::Request& request) {
  auto body = body_object(request);
  std::vector<FieldProblem> problems;
  auto text = text_field(body, "text", problems);
  if (text.size() > kMaxSuggestionTextBytes) {
    problems.push_back(
        {"text", "frameworks.api.text_too_long", std::to_string(kMaxSuggestionTextBytes)});
  }
  std::size_t limit = 5;
  if (body.contains("limit")) {
    if (!body["limit"].is_number_unsigned() || body["limit"].get<std::size_t>() == 0 ||
        body["limit"].get<std::size_t>() > kMaxLimit) {
      problems.push_back({"limit", "frameworks.api.bad_limit", "1-" + std::to_string(kMaxLimit)});
    } else {
      limit = body["limit"].get<std::size_t>();
    }
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  nlohmann::json out = {{"framework", request.param("id")},
                        {"suggestions", nlohmann::json::array()}};
  for (const auto& s : module.suggestions.suggest(request.param("id"), text, limit)) {
    auto json = item_json(s.item);
    json["score"] = s.score;
    json["matched"] = s.matched;
    out["suggestions"].push_back(std::move(json));
  }
  return http::Response::json(out);
}

http::Response aligned_api(const AppContext& context, Module& module, http::Request& request) {
  auto found =
      indicator(context.db, module.alignments, request.param("id"), request.principal.get());
  nlohmann::json out = {{"item", item_json(found.item)}, {"aligned", nlohmann::json::array()}};
  for (const auto& a : found.aligned) {
    out["aligned"].push_back(
        {{"subject_type", a.type}, {"subject_id", a.id}, {"title", a.title}, {"href", a.href}});
  }
  return http::Response::json(out);
}

http::Response decide_api(const AppContext& context, Module& module, http::Request& request) {
  auto body = body_object(request);
  std::vector<FieldProblem> problems;
  auto type = text_field(body, "subject_type", problems);
  auto subject = text_field(body, "subject_id", problems);
  auto item = text_field(body, "item_id", problems);
  auto status = text_field(body, "status", problems);
  auto source = body.value("source", std::string("person"));
  if (source != "person" && source != "suggestion") {
    problems.push_back({"source", "frameworks.api.bad_source", source});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  context.db.write([&](store::Tx& tx) {
    module.alignments.decide(tx, type, subject, item, status, source, *request.principal);
    auto event = audit::event_for(request, "frameworks.alignment");
    event.subject_type = type;
    event.subject_id = subject;
    event.detail = {{"item_id", item}, {"status", status}, {"source", source}};
    audit::record(tx, event);
  });
  return http::Response::json(
      {{"subject_type", type}, {"subject_id", subject}, {"item_id", item}, {"status", status}});
}

}  // namespace

void add_api(http::Router& router, const AppContext& context, Module& module) {
  router.add({.method = "GET",
              .pattern = "/api/v1/frameworks/search",
              .handler = [&context](http::Request& r) { return search_api(context, r); },
              .access = http::Access::anyone(),
              .kind = http::RouteKind::kApi});
  router.add({.method = "POST",
              .pattern = "/api/v1/frameworks/{id}/suggestions",
              .handler = [&module](http::Request& r) { return suggestions_api(module, r); },
              .access = http::Access::signed_in(),
              .kind = http::RouteKind::kApi});
  router.add(
      {.method = "GET",
       .pattern = "/api/v1/frameworks/items/{id}/alignments",
       .handler = [&context, &module](http::Request& r) { return aligned_api(context, module, r); },
       .access = http::Access::anyone(),
       .kind = http::RouteKind::kApi});
  router.add(
      {.method = "PUT",
       .pattern = "/api/v1/alignments",
       .handler = [&context, &module](http::Request& r) { return decide_api(context, module, r); },
       .access = http::Access::signed_in(),
       .kind = http::RouteKind::kApi});
}

}  // namespace lodestar::frameworks
