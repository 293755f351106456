#include "platform/audit/routes.h"

#include <regex>

#include "platform/audit/audit.h"
#include "platform/errors.h"
#include "platform/http/download.h"
#include "platform/web/view.h"

namespace lodestar::audit {
namespace {

constexpr std::size_t kPageSize = 50;
constexpr std::size_t kCsvLimit = 100000;

bool is_date(const std::string& text) {
  static const std::regex date(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(text, date);
}

nlohmann::json entry_json(const Entry& e) {
  return {{"at", e.at},
          {"actor", e.actor_label},
          {"action", e.action},
          {"subject_type", e.subject_type},
          {"subject_id", e.subject_id},
          {"org", e.org_id},
          {"ip", e.ip},
          {"request_id", e.request_id},
          {"detail", e.detail == "{}" ? "" : e.detail}};
}

std::string query_string(const Filter& f, const std::string& before) {
  std::string out;
  auto add = [&out](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    out += out.empty() ? "?" : "&";
    out += std::string(key) + "=" + http::url_encode(value);
  };
  add("action", f.action);
  add("actor", f.actor);
  add("subject", f.subject_id);
  add("from", f.from);
  add("to", f.to);
  add("before", before);
  return out;
}

}  // namespace

Filter filter_from_query(const http::Request& request) {
  Filter filter;
  filter.action = request.query_value("action").value_or("");
  filter.actor = request.query_value("actor").value_or("");
  filter.subject_id = request.query_value("subject").value_or("");
  filter.from = request.query_value("from").value_or("");
  filter.to = request.query_value("to").value_or("");
  filter.before = request.query_value("before").value_or("");
  std::vector<FieldProblem> problems;
  if (!filter.from.empty() && !is_date(filter.from))
    problems.push_back({"from", "audit.error.date", ""});
  if (!filter.to.empty() && !is_date(filter.to)) problems.push_back({"to", "audit.error.date", ""});
  if (!filter.from.empty() && !filter.to.empty() && problems.empty() && filter.to < filter.from) {
    problems.push_back({"to", "audit.error.range", ""});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  return filter;
}

void add_routes(http::Router& router, const AppContext& context) {
  router.add(
      {.method = "GET",
       .pattern = "/admin/audit",
       .handler =
           [&context](http::Request& request) {
             nlohmann::json view = {{"action", request.query_value("action").value_or("")},
                                    {"actor", request.query_value("actor").value_or("")},
                                    {"subject", request.query_value("subject").value_or("")},
                                    {"from", request.query_value("from").value_or("")},
                                    {"to", request.query_value("to").value_or("")}};
             Filter filter;
             try {
               filter = filter_from_query(request);
             } catch (const Invalid& invalid) {
               view["errors"] = nlohmann::json::array();
               view["has_errors"] = true;
               for (const auto& p : invalid.problems()) {
                 view["error_" + p.field] = p.message_key;
                 view["errors"].push_back({{"field", p.field}, {"key", p.message_key}});
               }
               return web::render_page(request, "platform/audit/log", "audit.title", view, 400);
             }
             filter.limit = kPageSize + 1;
             auto entries = context.db.read([&](store::Tx& tx) { return search(tx, filter); });
             bool more = entries.size() > kPageSize;
             if (more) entries.pop_back();
             view["entries"] = nlohmann::json::array();
             for (const auto& e : entries) view["entries"].push_back(entry_json(e));
             view["empty"] = entries.empty();
             view["has_entries"] = !entries.empty();
             if (more)
               view["older_href"] = "/admin/audit" + query_string(filter, entries.back().id);
             Filter all = filter;
             all.before.clear();
             view["csv_href"] = "/admin/audit.csv" + query_string(all, "");
             return web::render_page(request, "platform/audit/log", "audit.title", view);
           },
       .access = http::Access::to("audit.view")});

  router.add(
      {.method = "GET",
       .pattern = "/admin/audit.csv",
       .handler =
           [&context](http::Request& request) {
             Filter filter = filter_from_query(request);
             filter.limit = kCsvLimit;
             auto csv = context.db.write([&](store::Tx& tx) {
               auto entries = search(tx, filter);
               auto event = event_for(request, "audit.export");
               event.detail = {{"rows", entries.size()}, {"filter", query_string(filter, "")}};
               record(tx, event);
               return to_csv(entries);
             });
             return http::download(std::move(csv), "text/csv; charset=utf-8", "audit-log.csv");
           },
       .access = http::Access::to("audit.view")});
}

}  // namespace lodestar::audit
