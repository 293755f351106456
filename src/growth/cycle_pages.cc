// The district's side of leader growth: assessment cycles (open, follow, remind, close), the
// rubric of each framework, and the heatmaps with their CSV and XLSX downloads.
#include <cmath>

#include <fmt/format.h>

#include "frameworks/store.h"
#include "growth/routes.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/policy.h"
#include "platform/csv.h"
#include "platform/errors.h"
#include "platform/http/dispatcher.h"
#include "platform/http/download.h"
#include "platform/privacy.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"
#include "platform/web/xlsx.h"

namespace lodestar::growth {
namespace {

bool may(const AppContext& context, const http::Request& request, std::string_view permission) {
  return request.principal && context.policy.can(*request.principal, permission, std::nullopt);
}

// Cycles and heatmaps are for people who hold growth.view somewhere: a school leader or coach sees
// their schools, district roles the district (the service narrows each list to that scope). The
// route asks only for a signed-in person, so this is the check.
void require_view(const AppContext& context, const http::Request& request) {
  if (context.policy.scopes(*request.principal, "growth.view").empty()) {
    throw Forbidden("error.403.title");
  }
}

// ---- Cycles ----------------------------------------------------------------------------------

http::Response list_cycles(const AppContext& context, const http::Request& request) {
  require_view(context, request);
  nlohmann::json view = {{"cycles", nlohmann::json::array()},
                         {"can_manage", may(context, request, "growth.manage")}};
  for (const auto& c : cycles(context.db)) view["cycles"].push_back(cycle_json(c));
  view["has_cycles"] = !view["cycles"].empty();
  return web::render_page(request, "growth/cycles", "growth.cycles.title", std::move(view));
}

http::Response cycle_form(const AppContext& context, const http::Request& request,
                          nlohmann::json view, int status = 200) {
  auto chosen_framework = view.value("framework_id", std::string());
  auto chosen_org = view.value("org_id", std::string());
  auto chosen_roles = view.value("chosen_roles", nlohmann::json::array());
  view["csrf_token"] = request.principal->csrf_token;
  view["frameworks"] = nlohmann::json::array();
  view["orgs"] = nlohmann::json::array();
  context.db.read([&](store::Tx& tx) {
    for (const auto& d : frameworks::documents(tx)) {
      if (d.origin == "lodestar" || d.items == 0) continue;  // crosswalk documents
      bool selected = chosen_framework.empty() ? d.title.find("2024") != std::string::npos &&
                                                     d.title.find("Leaders") != std::string::npos
                                               : d.id == chosen_framework;
      view["frameworks"].push_back({{"value", d.id}, {"name", d.title}, {"selected", selected}});
    }
    for (const auto& row :
         tx.query("SELECT sourced_id, name, type FROM orgs WHERE status = 'active' AND type IN "
                  "('district', 'school') ORDER BY CASE WHEN type = 'district' THEN 0 ELSE 1 END, "
                  "name")) {
      view["orgs"].push_back({{"value", row.text("sourced_id")},
                              {"name", row.text("name")},
                              {"selected", row.text("sourced_id") == chosen_org}});
    }
  });
  view["roles"] = nlohmann::json::array();
  for (const auto& role : participant_roles()) {
    bool checked = chosen_roles.empty() ? (role == "district_leader" || role == "school_leader")
                                        : std::find(chosen_roles.begin(), chosen_roles.end(),
                                                    role) != chosen_roles.end();
    view["roles"].push_back({{"value", role}, {"key", "role." + role}, {"checked", checked}});
  }
  if (!view.contains("rater_minimum")) view["rater_minimum"] = kDefaultRaterResponses;
  view["least_raters"] = kMinimumRaterResponses;
  return web::render_page(request, "growth/cycle_new", "growth.cycles.new_title", std::move(view),
                          status);
}

http::Response create_cycle(const AppContext& context, http::Request& request) {
  auto form = auth::request_form(request);
  CycleInput input;
  input.name = auth::field(form, "name");
  input.framework_id = auth::field(form, "framework_id");
  input.opens_on = auth::field(form, "opens_on");
  input.closes_on = auth::field(form, "closes_on");
  input.org_id = auth::field(form, "org_id");
  input.rater_minimum = auth::field(form, "rater_minimum");
  for (const auto& role : participant_roles()) {
    if (auth::field(form, "role-" + role) == "on") input.roles.push_back(role);
  }
  try {
    auto id = open_cycle(context.db, site_of(context), input,
                         audit::event_for(request, "growth.cycle.open"));
    context.mail_queued();
    return http::Response::redirect("/growth/cycles/" + id);
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"name", input.name},         {"framework_id", input.framework_id},
                           {"opens_on", input.opens_on}, {"closes_on", input.closes_on},
                           {"org_id", input.org_id},     {"rater_minimum", input.rater_minimum},
                           {"chosen_roles", input.roles}};
    auth::add_errors(view, invalid.problems());
    return cycle_form(context, request, view, 422);
  }
}

http::Response show_cycle(const AppContext& context, const http::Request& request) {
  require_view(context, request);
  const auto& id = request.param("cycle");
  auto c = cycle(context.db, id);
  nlohmann::json view = {{"cycle", cycle_json(c)},
                         {"csrf_token", request.principal->csrf_token},
                         {"can_manage", may(context, request, "growth.manage")},
                         {"title_detail", c.name}};
  if (view["can_manage"]) {
    auto q = request.query_value("q").value_or("");
    std::size_t page = 1;
    if (auto p = request.query_value("page");
        p && !p->empty() && p->size() < 6 && std::all_of(p->begin(), p->end(), ::isdigit)) {
      page = std::max<std::size_t>(1, std::stoul(*p));
    }
    auto people = participants(context.db, id, q, page);
    view["q"] = q;
    view["people"] = nlohmann::json::array();
    for (const auto& p : people.people) {
      view["people"].push_back(
          {{"id", p.person_id},
           {"name", p.name},
           {"email", p.email},
           {"role_key", "role." + p.role},
           {"org_name", p.org_name},
           {"status_key", "growth.assessment.status." + p.status},
           {"submitted", p.status == "submitted"},
           {"reopen_action", "/growth/cycles/" + http::url_encode(id) + "/people/" +
                                 http::url_encode(p.person_id) + "/reopen"}});
    }
    view["has_people"] = !people.people.empty();
    view["people_total"] = people.total;
    auto pages = (people.total + 49) / 50;
    if (static_cast<std::int64_t>(page) > 1) {
      view["previous_href"] = "/growth/cycles/" + http::url_encode(id) +
                              "?q=" + http::url_encode(q) + "&page=" + std::to_string(page - 1);
    }
    if (static_cast<std::int64_t>(page) < pages) {
      view["next_href"] = "/growth/cycles/" + http::url_encode(id) + "?q=" + http::url_encode(q) +
                          "&page=" + std::to_string(page + 1);
    }
    view["page"] = page;
    view["pages"] = std::max<std::int64_t>(pages, 1);
  }
  if (auto sent = request.query_value("reminded")) view["reminded"] = *sent;
  return web::render_page(request, "growth/cycle", "growth.cycle.title", std::move(view));
}

http::Response change_status(const AppContext& context, http::Request& request) {
  auto form = auth::request_form(request);
  set_cycle_status(context.db, request.param("cycle"), auth::field(form, "status"),
                   audit::event_for(request, "growth.cycle.status"));
  return http::Response::redirect("/growth/cycles/" + http::url_encode(request.param("cycle")));
}

http::Response remind(const AppContext& context, http::Request& request) {
  auto sent = send_reminders(context.db, site_of(context), request.param("cycle"),
                             audit::event_for(request, "growth.cycle.remind"));
  context.mail_queued();
  return http::Response::redirect("/growth/cycles/" + http::url_encode(request.param("cycle")) +
                                  "?reminded=" + std::to_string(sent));
}

http::Response reopen(const AppContext& context, http::Request& request) {
  reopen_assessment(context.db, request.param("cycle"), request.param("person"),
                    audit::event_for(request, "growth.assessment.reopen"));
  return http::Response::redirect("/growth/cycles/" + http::url_encode(request.param("cycle")));
}

// ---- Rubrics ---------------------------------------------------------------------------------

http::Response rubric_page(const AppContext& context, const http::Request& request,
                           nlohmann::json view, int status = 200) {
  const auto& framework = request.param("framework");
  auto rubric = rubric_for(context.db, site_of(context), framework);
  if (!view.contains("levels")) {
    view["levels"] = levels_json(rubric);
    view["title"] = rubric.title;
  }
  // Room for one more level, up to the limit.
  if (view["levels"].size() < kMaxLevels) {
    view["levels"].push_back({{"score", view["levels"].size() + 1},
                              {"name", ""},
                              {"description", ""},
                              {"optional", true}});
  }
  for (auto& level : view["levels"]) {
    auto n = std::to_string(level["score"].get<int>());
    auto name_error = view.value("level-" + n + "-name_error", std::string());
    auto description_error = view.value("level-" + n + "-description_error", std::string());
    if (!name_error.empty()) level["name_error"] = name_error;
    if (!description_error.empty()) level["description_error"] = description_error;
  }
  view["csrf_token"] = request.principal->csrf_token;
  view["action"] = "/growth/rubrics/" + http::url_encode(framework);
  view["case_href"] = "/ims/case/v1p0/CFRubrics/" + rubric.id;
  context.db.read([&](store::Tx& tx) {
    if (auto d = frameworks::document(tx, framework)) view["framework_title"] = d->title;
  });
  view["min_levels"] = kMinLevels;
  view["max_levels"] = kMaxLevels;
  return web::render_page(request, "growth/rubric", "growth.rubric.title", std::move(view), status);
}

http::Response save_rubric_form(const AppContext& context, http::Request& request) {
  auto form = auth::request_form(request);
  std::vector<Level> levels;
  nlohmann::json kept = nlohmann::json::array();
  for (std::size_t n = 1; n <= kMaxLevels; ++n) {
    auto name = auth::field(form, "level-" + std::to_string(n) + "-name");
    auto description = auth::field(form, "level-" + std::to_string(n) + "-description");
    if (name.empty() && description.empty()) continue;
    levels.push_back({static_cast<int>(levels.size() + 1), name, description});
    kept.push_back({{"score", levels.size()}, {"name", name}, {"description", description}});
  }
  auto title = auth::field(form, "title");
  try {
    save_rubric(context.db, site_of(context), request.param("framework"), title, levels,
                audit::event_for(request, "growth.rubric.save"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"levels", kept}, {"title", title}};
    auth::add_errors(view, invalid.problems());
    return rubric_page(context, request, view, 422);
  }
  return http::Response::redirect("/growth/rubrics/" +
                                  http::url_encode(request.param("framework")) + "?saved=1");
}

// ---- Heatmaps --------------------------------------------------------------------------------

HeatmapFilter filter_of(const http::Request& request, std::size_t per_page) {
  HeatmapFilter filter;
  filter.role = request.query_value("role").value_or("");
  filter.school = request.query_value("school").value_or("");
  filter.per_page = per_page;
  if (auto p = request.query_value("page");
      p && !p->empty() && p->size() < 6 && std::all_of(p->begin(), p->end(), ::isdigit)) {
    filter.page = std::max<std::size_t>(1, std::stoul(*p));
  }
  const auto& roles = participant_roles();
  if (!filter.role.empty() && std::find(roles.begin(), roles.end(), filter.role) == roles.end()) {
    throw Invalid(std::vector<FieldProblem>{{"role", "growth.heatmap.role_unknown", {}}});
  }
  return filter;
}

// The colour band of a mean level: 1 (lowest) … 4 (highest), whatever the rubric's length.
int band(double mean, std::size_t levels) {
  if (levels < 2) return 1;
  auto position = (mean - 1.0) / static_cast<double>(levels - 1);
  return 1 + static_cast<int>(std::lround(std::clamp(position, 0.0, 1.0) * 3.0));
}

nlohmann::json row_json(const HeatRow& row, std::size_t levels) {
  nlohmann::json cells = nlohmann::json::array();
  for (const auto& cell : row.cells) {
    nlohmann::json c = {{"rated", cell.rated}};
    if (cell.mean) {
      c["mean"] = one_decimal(*cell.mean);
      c["band"] = band(*cell.mean, levels);
    }
    c["has_mean"] = cell.mean.has_value();
    cells.push_back(c);
  }
  return {{"org_id", row.org_id},
          {"org_name", row.org_name},
          {"participants", row.participants},
          {"submitted", row.submitted},
          {"percent", percent(row.submitted, row.participants)},
          {"suppressed", row.suppressed},
          {"cells", cells}};
}

http::Response heatmap_page(const AppContext& context, const http::Request& request) {
  const auto& id = request.param("cycle");
  auto filter = filter_of(request, 50);
  auto map = heatmap(context.db, context.policy, *request.principal, id, filter);
  auto levels = map.rubric.levels.size();
  nlohmann::json view = {{"cycle", cycle_json(map.cycle)},
                         {"title_detail", map.cycle.name},
                         {"small_group", privacy::kSmallGroup},
                         {"levels", levels_json(map.rubric)}};
  view["indicators"] = nlohmann::json::array();
  for (const auto& item : map.indicators) {
    view["indicators"].push_back({{"id", item.id},
                                  {"code", item.code},
                                  {"statement", item.statement},
                                  {"href", "/frameworks/items/" + item.id}});
  }
  view["rows"] = nlohmann::json::array();
  for (const auto& row : map.rows) view["rows"].push_back(row_json(row, levels));
  view["has_rows"] = !map.rows.empty();
  // The distribution table: the whole scope when the viewer has it, else the first school shown.
  const HeatRow* detail = map.total ? &*map.total : (map.rows.empty() ? nullptr : &map.rows[0]);
  if (map.total) view["total"] = row_json(*map.total, levels);
  if (detail) {
    view["detail_name"] = detail->org_name.empty()
                              ? web::translate(request, "growth.heatmap.all_schools")
                              : detail->org_name;
    view["detail_suppressed"] = detail->suppressed;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < map.indicators.size(); ++i) {
      const auto& cell = detail->cells[i];
      nlohmann::json counts = nlohmann::json::array();
      for (auto n : cell.counts) counts.push_back({{"count", n}});
      rows.push_back({{"code", map.indicators[i].code},
                      {"statement", map.indicators[i].statement},
                      {"counts", counts},
                      {"rated", cell.rated},
                      {"mean", cell.mean ? one_decimal(*cell.mean) : std::string("–")}});
    }
    view["detail_rows"] = rows;
    view["has_detail"] = true;
  }
  // Filters.
  view["role"] = filter.role;
  view["roles"] = nlohmann::json::array();
  for (const auto& role : map.cycle.roles) {
    view["roles"].push_back(
        {{"value", role}, {"key", "role." + role}, {"selected", role == filter.role}});
  }
  view["schools"] = nlohmann::json::array();
  for (const auto& [org, name] : map.school_choices) {
    view["schools"].push_back({{"value", org}, {"name", name}, {"selected", org == filter.school}});
  }
  auto query =
      "role=" + http::url_encode(filter.role) + "&school=" + http::url_encode(filter.school);
  auto base = "/growth/cycles/" + http::url_encode(id) + "/heatmap";
  view["csv_href"] = base + ".csv?" + query;
  view["xlsx_href"] = base + ".xlsx?" + query;
  auto pages = (map.schools + filter.per_page - 1) / filter.per_page;
  auto page = std::min<std::size_t>(filter.page, std::max<std::size_t>(pages, 1));
  if (page > 1) view["previous_href"] = base + "?" + query + "&page=" + std::to_string(page - 1);
  if (page < pages) view["next_href"] = base + "?" + query + "&page=" + std::to_string(page + 1);
  view["page"] = page;
  view["pages"] = std::max<std::size_t>(pages, 1);
  view["schools_count"] = map.schools;
  return web::render_page(request, "growth/heatmap", "growth.heatmap.title", std::move(view));
}

// One row per school (and the whole scope) and indicator: the counts at each level and the mean.
struct Download {
  std::vector<std::string> headers;
  std::vector<std::vector<web::XlsxCell>> rows;
};

Download heatmap_rows(const AppContext& context, const http::Request& request) {
  auto filter = filter_of(request, 1000000);
  auto map =
      heatmap(context.db, context.policy, *request.principal, request.param("cycle"), filter);
  Download out;
  out.headers = {web::translate(request, "growth.heatmap.column.school"),
                 web::translate(request, "growth.heatmap.column.participants"),
                 web::translate(request, "growth.heatmap.column.submitted"),
                 web::translate(request, "growth.heatmap.column.indicator")};
  for (const auto& level : map.rubric.levels) out.headers.push_back(level.name);
  out.headers.push_back(web::translate(request, "growth.heatmap.column.mean"));
  auto suppressed = web::translate(request, "growth.heatmap.suppressed_cell",
                                   {{"limit", std::to_string(privacy::kSmallGroup)}});
  auto emit = [&](const HeatRow& row, const std::string& name) {
    for (std::size_t i = 0; i < map.indicators.size(); ++i) {
      std::vector<web::XlsxCell> cells = {name, static_cast<double>(row.participants),
                                          static_cast<double>(row.submitted),
                                          map.indicators[i].code};
      for (auto n : row.cells[i].counts) {
        if (row.suppressed) {
          cells.emplace_back(suppressed);
        } else {
          cells.emplace_back(static_cast<double>(n));
        }
      }
      if (row.suppressed) {
        cells.emplace_back(suppressed);
      } else if (row.cells[i].mean) {
        cells.emplace_back(std::round(*row.cells[i].mean * 100.0) / 100.0);
      } else {
        cells.emplace_back(std::monostate{});
      }
      out.rows.push_back(std::move(cells));
    }
  };
  if (map.total) emit(*map.total, web::translate(request, "growth.heatmap.all_schools"));
  for (const auto& row : map.rows) emit(row, row.org_name);
  return out;
}

http::Response heatmap_csv(const AppContext& context, const http::Request& request) {
  auto data = heatmap_rows(context, request);
  std::string body = csv::row(data.headers);
  for (const auto& row : data.rows) {
    std::vector<std::string> cells;
    for (const auto& cell : row) {
      if (const auto* text = std::get_if<std::string>(&cell)) {
        cells.push_back(*text);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        cells.push_back(*number == std::floor(*number) ? fmt::format("{:.0f}", *number)
                                                       : fmt::format("{:.2f}", *number));
      } else {
        cells.emplace_back();
      }
    }
    body += csv::row(cells);
  }
  return http::download(std::move(body), "text/csv; charset=utf-8", "growth-heatmap.csv");
}

http::Response heatmap_xlsx(const AppContext& context, const http::Request& request) {
  auto data = heatmap_rows(context, request);
  web::XlsxSheet sheet{web::translate(request, "growth.heatmap.title"), data.headers, data.rows};
  return web::xlsx_download("growth-heatmap.xlsx", web::xlsx_workbook({sheet}));
}

}  // namespace

void add_cycle_pages(http::Router& router, const AppContext& context) {
  // growth.view is checked by require_view() and the heatmap service (see above).
  auto view = http::Access::signed_in();
  auto manage = http::Access::to("growth.manage");
  auto get = [&](std::string pattern, http::Access access, auto handler) {
    router.add({.method = "GET",
                .pattern = std::move(pattern),
                .handler = [&context, handler](http::Request& r) { return handler(context, r); },
                .access = access});
  };
  auto post = [&](std::string pattern, http::Access access, auto handler) {
    router.add({.method = "POST",
                .pattern = std::move(pattern),
                .handler = [&context, handler](http::Request& r) { return handler(context, r); },
                .access = access});
  };
  get("/growth/cycles", view, list_cycles);
  get("/growth/cycles/new", manage, [](const AppContext& c, const http::Request& r) {
    return cycle_form(c, r, nlohmann::json::object());
  });
  post("/growth/cycles", manage, create_cycle);
  get("/growth/cycles/{cycle}", view, show_cycle);
  post("/growth/cycles/{cycle}/status", manage, change_status);
  post("/growth/cycles/{cycle}/remind", manage, remind);
  post("/growth/cycles/{cycle}/people/{person}/reopen", manage, reopen);
  get("/growth/cycles/{cycle}/heatmap", view, heatmap_page);
  get("/growth/cycles/{cycle}/heatmap.csv", view, heatmap_csv);
  get("/growth/cycles/{cycle}/heatmap.xlsx", view, heatmap_xlsx);
  get("/growth/rubrics/{framework}", manage, [](const AppContext& c, const http::Request& r) {
    nlohmann::json view = nlohmann::json::object();
    if (r.query_value("saved")) view["saved"] = true;
    return rubric_page(c, r, view);
  });
  post("/growth/rubrics/{framework}", manage, save_rubric_form);
}

}  // namespace lodestar::growth
