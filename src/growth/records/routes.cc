#include "growth/records/routes.h"

#include <algorithm>

#include "growth/records/pages.h"
#include "growth/records/store.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/view.h"

namespace lodestar::growth {

void register_record_types(frameworks::Alignments& alignments) {
  alignments.add_subject_type(
      {.name = std::string(records::kGoalType),
       .describe = [](store::Tx& tx, const std::string& id,
                      const auth::Principal* who) -> std::optional<frameworks::AlignedRecord> {
         auto goal = records::db::goal(tx, id);
         if (!goal || !who || who->person_id.empty()) return std::nullopt;
         if (who->person_id != goal->person_id && who->person_id != goal->coach_id) {
           return std::nullopt;
         }
         return frameworks::AlignedRecord{std::string(records::kGoalType), id, goal->title,
                                          "/growth/goals/" + http::url_encode(id)};
       },
       .may_align =
           [](store::Tx& tx, const std::string& id, const auth::Principal& who) {
             auto goal = records::db::goal(tx, id);
             return goal && !who.person_id.empty() && goal->person_id == who.person_id;
           }});
  alignments.add_subject_type(
      {.name = std::string(records::kEvidenceType),
       .describe = [](store::Tx& tx, const std::string& id,
                      const auth::Principal* who) -> std::optional<frameworks::AlignedRecord> {
         auto evidence = records::db::evidence(tx, id);
         if (!evidence || !who || who->person_id != evidence->person_id) return std::nullopt;
         return frameworks::AlignedRecord{std::string(records::kEvidenceType), id, evidence->title,
                                          "/growth/evidence#evidence-" + id};
       },
       .may_align =
           [](store::Tx& tx, const std::string& id, const auth::Principal& who) {
             auto evidence = records::db::evidence(tx, id);
             return evidence && !who.person_id.empty() && evidence->person_id == who.person_id;
           }});
}

void add_record_routes(http::Router& router, const AppContext& context,
                       frameworks::Module& frameworks, files::BlobStore& blobs) {
  records::Pages pages{
      context, std::make_shared<records::Records>(context.db, frameworks.alignments, blobs)};
  records::add_goal_pages(router, pages);
  records::add_journal_pages(router, pages);
  records::add_log_pages(router, pages);
  records::add_evidence_pages(router, pages);
  records::add_portfolio_pages(router, pages);
}

}  // namespace lodestar::growth

namespace lodestar::growth::records {

http::Handler for_person(PersonHandler handler) {
  return [handler = std::move(handler)](http::Request& request) {
    const auto& who = auth::signed_in(request);
    if (who.person_id.empty()) {
      return web::render_page(request, "growth/records/no_person", "records.no_person.title",
                              nlohmann::json::object(), 403);
    }
    return handler(request, who);
  };
}

http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  static const std::pair<std::string_view, std::string_view> kSections[] = {
      {"/growth/goals", "records.nav.goals"},
      {"/growth/journal", "records.nav.journal"},
      {"/growth/log", "records.nav.log"},
      {"/growth/evidence", "records.nav.evidence"},
      {"/growth/portfolio", "records.nav.portfolio"},
      {"/growth/coaching", "records.nav.coaching"}};
  auto nav = nlohmann::json::array();
  for (const auto& [href, key] : kSections) {
    nav.push_back({{"href", href}, {"key", key}, {"current", request.path == href}});
  }
  view["records_nav"] = std::move(nav);
  view["max_mb"] = files::kMaxEvidenceBytes / (1024 * 1024);
  return web::render_page(request, "growth/records/" + std::string(name), title_key,
                          std::move(view), status);
}

void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  // The summary names each field, so two "Fill this in." lines say which is which.
  for (auto& error : view["errors"]) {
    error["label_key"] = "records.label." + error.value("field", std::string());
  }
}

void add_indicator_choices(nlohmann::json& view, const IndicatorChoices& choices,
                           const std::vector<std::string>& chosen) {
  auto groups = nlohmann::json::array();
  for (const auto& group : choices.groups) {
    auto indicators = nlohmann::json::array();
    for (const auto& indicator : group.indicators) {
      bool checked = std::find(chosen.begin(), chosen.end(), indicator.id) != chosen.end();
      indicators.push_back({{"id", indicator.id},
                            {"code", indicator.code},
                            {"statement", indicator.statement},
                            {"checked", checked}});
    }
    groups.push_back({{"code", group.code}, {"title", group.title}, {"indicators", indicators}});
  }
  view["indicator_groups"] = std::move(groups);
  view["has_indicator_choices"] = !choices.groups.empty();
  view["framework_title"] = choices.framework_title;
}

nlohmann::json indicators_json(const std::vector<AlignedIndicator>& indicators) {
  auto out = nlohmann::json::array();
  for (const auto& i : indicators) {
    out.push_back({{"id", i.id},
                   {"code", i.code},
                   {"statement", i.statement},
                   {"framework", i.framework_title},
                   {"href", "/frameworks/items/" + http::url_encode(i.id)}});
  }
  return out;
}

nlohmann::json people_options(const std::vector<db::PersonChoice>& people,
                              std::string_view selected) {
  auto out = nlohmann::json::array();
  for (const auto& person : people) {
    auto roles = nlohmann::json::array();
    for (const auto& role : person.roles) roles.push_back({{"key", "role." + role}});
    out.push_back({{"value", person.id},
                   {"name", person.name},
                   {"roles", roles},
                   {"selected", person.id == selected}});
  }
  return out;
}

std::string day_of(std::string_view time) {
  return std::string(time.substr(0, 10));
}

std::vector<std::string> form_list(const http::Request& request, std::string_view name) {
  if (!request.header("content-type").starts_with("application/x-www-form-urlencoded")) return {};
  return form_values(request.body, name);
}

http::Response download(EvidenceFile file) {
  http::Response response;
  response.body = std::move(file.bytes);
  // sniff() accepts text only when it is UTF-8.
  response.set_header("Content-Type",
                      file.mime.starts_with("text/") ? file.mime + "; charset=utf-8" : file.mime);
  // download_name() leaves only letters, digits, '-', '_' and '.': nothing to quote.
  response.set_header("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
  return response;
}

}  // namespace lodestar::growth::records
