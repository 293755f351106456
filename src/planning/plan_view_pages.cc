// A plan's timeline (an SVG Gantt with the same data as a table) and board (a column per
// status, a card per step, moved with small forms), a step's own page where its owner reports
// status and evidence, and the district's funding sources.
#include <fmt/format.h>
#include <algorithm>

#include "planning/plan_pages.h"

#include "planning/access.h"
#include "planning/plan_rules.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/http/dispatcher.h"
#include "platform/web/i18n.h"

namespace lodestar::planning {
namespace {

// Timeline geometry, in SVG user units.
constexpr double kLabelWidth = 320;
constexpr double kChartWidth = 660;
constexpr double kAxisHeight = 36;
constexpr double kRow = 24;

struct Filter {
  std::string goal, status, owner;
};

Filter filter_of(const http::Request& request) {
  return {request.query_value("goal").value_or(""), request.query_value("status").value_or(""),
          request.query_value("owner").value_or("")};
}

bool keeps(const Filter& f, const Goal& g, const Action& a) {
  return (f.goal.empty() || f.goal == g.id) && (f.status.empty() || f.status == a.status) &&
         (f.owner.empty() || f.owner == a.owner_id);
}

// The filters' choices: goals and the owners who own a step in the plan.
void add_filters(nlohmann::json& view, const Plan& plan, const Filter& f) {
  auto goals = nlohmann::json::array();
  std::map<std::string, std::string> owners;
  for (const auto& g : plan.goals) {
    goals.push_back(
        {{"value", g.id}, {"name", g.code + " " + g.title}, {"selected", g.id == f.goal}});
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        if (!a.owner_id.empty()) owners[a.owner_id] = a.owner_name;
      }
    }
  }
  auto owner_options = nlohmann::json::array();
  for (const auto& [id, name] : owners) {
    owner_options.push_back({{"value", id}, {"name", name}, {"selected", id == f.owner}});
  }
  view["filter_goals"] = goals;
  view["filter_owners"] = owner_options;
  view["filter_statuses"] = status_options(f.status);
  view["filtered"] = !f.goal.empty() || !f.status.empty() || !f.owner.empty();
}

std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  auto cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string num(double value) {
  return fmt::format("{:.1f}", value);
}

http::Response timeline(const PlanPages& pages, http::Request& request,
                        const auth::Principal& who) {
  auto p = pages.service->plan(who, request.param("plan")).plan;
  auto f = filter_of(request);
  auto words = row_words(request);
  const auto& today = words.today;
  std::string first = p.starts_on, last = p.ends_on;
  for (const auto& g : p.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        first = std::min(first, a.starts_on);
        last = std::max(last, a.due_on);
      }
    }
  }
  auto scale = time_scale(first, last, kLabelWidth, kChartWidth);
  auto rows = nlohmann::json::array();   // the SVG's rows
  auto table = nlohmann::json::array();  // the same steps as a table, by goal
  double y = kAxisHeight;
  for (const auto& g : p.goals) {
    auto goal_rows = nlohmann::json::array();
    bool goal_shown = false;
    for (const auto& s : g.strategies) {
      bool strategy_shown = false;
      for (const auto& a : s.actions) {
        if (!keeps(f, g, a)) continue;
        if (!goal_shown) {
          rows.push_back({{"heading", true},
                          {"y", num(y + 16)},
                          {"text", shorten(g.code + " " + g.title, 48)}});
          y += kRow;
          goal_shown = true;
        }
        if (!strategy_shown) {
          rows.push_back(
              {{"subheading", true}, {"y", num(y + 16)}, {"text", shorten(s.title, 50)}});
          y += kRow;
          strategy_shown = true;
        }
        auto x0 = scale.x(a.starts_on), x1 = scale.x_end(a.due_on);
        auto row = action_json(a, words);
        row["bar"] = true;
        row["y"] = num(y + 4);
        row["text_y"] = num(y + 16);
        row["x"] = num(x0);
        row["width"] = num(std::max(2.0, x1 - x0));
        row["label"] = shorten(a.title, 44);
        rows.push_back(row);
        row["strategy"] = s.title;
        goal_rows.push_back(std::move(row));
        y += kRow;
      }
    }
    if (!goal_rows.empty()) {
      table.push_back({{"code", g.code}, {"title", g.title}, {"actions", goal_rows}});
    }
  }
  auto ticks = nlohmann::json::array();
  for (const auto& t : month_ticks(scale)) {
    ticks.push_back({{"x", num(t.x)}, {"quarter", t.quarter}, {"label", t.label}});
  }
  nlohmann::json view = {{"plan_title", p.title},
                         {"plan_href", plan_href(p.id)},
                         {"board_href", plan_href(p.id) + "/board"},
                         {"action", plan_href(p.id) + "/timeline"},
                         {"rows", rows},
                         {"ticks", ticks},
                         {"goals", table},
                         {"has_actions", !table.empty()},
                         {"height", num(y + 8)},
                         {"axis_bottom", num(y)},
                         {"first", first},
                         {"last", last},
                         {"title_detail", p.title}};
  if (today >= first && today <= last) {
    view["today"] = {{"x", num(scale.x(today))}, {"date", today}};
  }
  view["legend"] = status_options("");
  view["with_status"] = true;
  add_filters(view, p, f);
  return plan_page(request, "timeline", "planning.plan.timeline.title", std::move(view));
}

http::Response board(const PlanPages& pages, http::Request& request, const auth::Principal& who) {
  auto model = pages.service->plan(who, request.param("plan"));
  const auto& p = model.plan;
  auto f = filter_of(request);
  f.status.clear();
  auto words = row_words(request);
  auto due = web::translate(request, "planning.plan.due");
  auto no_owner = web::translate(request, "planning.plan.no_owner");
  std::map<std::string, nlohmann::json> cards;
  for (const auto& s : action_statuses()) cards[s] = nlohmann::json::array();
  auto back = plan_href(p.id) + "/board";
  std::string query;
  for (auto [key, value] : {std::pair{"goal", &f.goal}, {"owner", &f.owner}}) {
    if (value->empty()) continue;
    query += (query.empty() ? "?" : "&") + std::string(key) + "=" + http::url_encode(*value);
  }
  back += query;
  for (const auto& g : p.goals) {
    for (const auto& s : g.strategies) {
      for (const auto& a : s.actions) {
        if (!keeps(f, g, a)) continue;
        auto card = action_json(a, words);
        card["goal_code"] = g.code;
        bool may_move = model.may_manage || (!who.person_id.empty() && who.person_id == a.owner_id);
        card["may_move"] = may_move;
        card["move_action"] = action_href(a.id) + "/move";
        card["back"] = back;
        auto targets = nlohmann::json::array();
        for (const auto& st : action_statuses()) {
          if (st != a.status) targets.push_back({{"value", st}, {"label", words.status[st]}});
        }
        card["targets"] = targets;
        card["move_legend"] =
            web::translate(request, "planning.plan.board.move_legend", {{"title", a.title}});
        card["due_label"] = web::fill_placeholders(due, {{"date", a.due_on}});
        card["no_owner"] = no_owner;
        cards[a.status].push_back(std::move(card));
      }
    }
  }
  auto columns = nlohmann::json::array();
  for (const auto& s : action_statuses()) {
    columns.push_back({{"status", s},
                       {"key", "planning.plan.status." + s},
                       {"cards", cards[s]},
                       {"count", cards[s].size()},
                       {"empty", cards[s].empty()}});
  }
  nlohmann::json view = {{"plan_title", p.title},
                         {"plan_href", plan_href(p.id)},
                         {"timeline_href", plan_href(p.id) + "/timeline"},
                         {"action", back.substr(0, back.find('?'))},
                         {"columns", columns},
                         {"title_detail", p.title}};
  if (auto moved = request.query_value("moved")) view["moved"] = *moved;
  add_filters(view, p, f);
  return plan_page(request, "board", "planning.plan.board.title", std::move(view));
}

// ---- A step's page -----------------------------------------------------------------------------

http::Response action_page(const PlanPages& pages, const http::Request& request,
                           const auth::Principal& who, nlohmann::json view,
                           const ActionReport* kept = nullptr, int status = 200) {
  auto model = pages.service->action(who, request.param("action"));
  const auto& a = model.action;
  auto row = action_json(a, row_words(request));
  row["description"] = a.description;
  row["status_note"] = a.status_note;
  row["evidence_url"] = a.evidence_url;
  row["has_evidence"] = !a.evidence_url.empty();
  auto deps = nlohmann::json::array();
  for (const auto& [id, title] : model.depends_on) {
    deps.push_back({{"href", action_href(id)}, {"title", title}});
  }
  view["step"] = row;
  view["depends_on"] = deps;
  view["has_depends_on"] = !deps.empty();
  view["plan_title"] = model.plan.title;
  view["plan_href"] = plan_href(model.plan.id) + "#a-" + a.id;
  view["goal_label"] = model.goal_code + " " + model.goal_title;
  view["strategy_title"] = model.strategy_title;
  view["may_report"] = model.may_report;
  view["may_manage"] = model.may_manage;
  view["edit_href"] = action_href(a.id) + "/edit";
  view["report_action"] = action_href(a.id);
  ActionReport input = kept ? *kept : ActionReport{a.status, a.status_note, a.evidence_url};
  view["statuses"] = status_options(input.status);
  view["status_note"] = input.status_note;
  view["evidence_url"] = input.evidence_url;
  view["title_detail"] = a.title;
  if (request.query_value("saved")) view["saved"] = true;
  return plan_page(request, "action", "planning.plan.action.title", std::move(view), status);
}

http::Response show_action(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  require_reader(pages, who);
  return action_page(pages, request, who, nlohmann::json::object());
}

http::Response report_action(const PlanPages& pages, http::Request& request,
                             const auth::Principal& who) {
  auto form = auth::request_form(request);
  ActionReport input{auth::field(form, "status"), auth::field(form, "status_note"),
                     auth::field(form, "evidence_url")};
  const auto& id = request.param("action");
  try {
    pages.service->report(who, id, input, audit::event_for(request, "planning.action.report"));
    return http::Response::redirect(action_href(id) + "?saved=1");
  } catch (const Invalid& invalid) {
    nlohmann::json view = nlohmann::json::object();
    add_problems(view, invalid.problems());
    return action_page(pages, request, who, std::move(view), &input, 422);
  }
}

http::Response move_action(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  auto form = auth::request_form(request);
  const auto& id = request.param("action");
  auto model = pages.service->action(who, id);
  pages.service->move(who, id, auth::field(form, "status"),
                      audit::event_for(request, "planning.action.move"));
  // Back to the board as it was filtered, with focus on the moved card.
  auto back = auth::field(form, "back");
  auto board = plan_href(model.plan.id) + "/board";
  if (!back.starts_with(board)) back = board;
  back += back.find('?') == std::string::npos ? "?" : "&";
  return http::Response::redirect(back + "moved=" + http::url_encode(id) + "#card-" + id);
}

// ---- Funding sources ---------------------------------------------------------------------------

http::Response funding_page(const PlanPages& pages, const http::Request& request,
                            const auth::Principal& who, std::string org, nlohmann::json view,
                            int status = 200) {
  auto districts = pages.service->managed_districts(who);
  if (districts.empty()) throw Forbidden("error.403.title");
  if (org.empty() || std::none_of(districts.begin(), districts.end(),
                                  [&](const plandb::Person& d) { return d.id == org; })) {
    org = districts.front().id;
  }
  auto options = nlohmann::json::array();
  std::string org_name;
  for (const auto& d : districts) {
    options.push_back({{"value", d.id}, {"name", d.name}, {"selected", d.id == org}});
    if (d.id == org) org_name = d.name;
  }
  auto use = pages.context.db.read([&](store::Tx& tx) { return plandb::funding_use(tx, org); });
  auto rows = nlohmann::json::array();
  auto sources = pages.service->funding_sources(org);
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& s = sources[i];
    auto base = "/planning/funding/" + http::url_encode(s.id);
    auto name_error = view.value("name-" + s.id + "_error", std::string());
    rows.push_back(
        {{"id", s.id},
         {"name",
          view.value("rename_id", std::string()) == s.id ? view.value("rename", s.name) : s.name},
         {"active", s.active},
         {"uses", use[s.id]},
         {"first", i == 0},
         {"last", i + 1 == sources.size()},
         {"rename_action", base},
         {"move_action", base + "/move"},
         {"active_action", base + "/active"},
         {"name_error", name_error},
         {"has_name_error", !name_error.empty()}});
  }
  view["districts"] = options;
  view["several_districts"] = districts.size() > 1;
  view["org_id"] = org;
  view["org_name"] = org_name;
  view["sources"] = rows;
  view["has_sources"] = !rows.empty();
  return plan_page(request, "funding", "planning.plan.funding.title", std::move(view), status);
}

std::string funding_href(const std::string& org) {
  return "/planning/funding?org=" + http::url_encode(org);
}

http::Response show_funding(const PlanPages& pages, http::Request& request,
                            const auth::Principal& who) {
  return funding_page(pages, request, who, request.query_value("org").value_or(""),
                      nlohmann::json::object());
}

http::Response add_funding(const PlanPages& pages, http::Request& request,
                           const auth::Principal& who) {
  auto form = auth::request_form(request);
  auto org = auth::field(form, "org_id");
  auto name = auth::field(form, "name");
  try {
    pages.service->add_funding_source(who, org, name,
                                      audit::event_for(request, "planning.funding.create"));
    return http::Response::redirect(funding_href(org));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"name", name}};
    add_problems(view, invalid.problems());
    return funding_page(pages, request, who, org, std::move(view), 422);
  }
}

http::Response rename_funding(const PlanPages& pages, http::Request& request,
                              const auth::Principal& who) {
  auto name = auth::field(auth::request_form(request), "name");
  const auto& id = request.param("source");
  try {
    auto org = pages.service->rename_funding_source(
        who, id, name, audit::event_for(request, "planning.funding.rename"));
    return http::Response::redirect(funding_href(org));
  } catch (const Invalid& invalid) {
    auto source =
        pages.context.db.read([&](store::Tx& tx) { return plandb::funding_source(tx, id); });
    auto org = source ? source->org_id : std::string();
    nlohmann::json view = {{"rename_id", id}, {"rename", name}};
    add_problems(view, invalid.problems());
    return funding_page(pages, request, who, org, std::move(view), 422);
  }
}

http::Response move_funding(const PlanPages& pages, http::Request& request,
                            const auth::Principal& who) {
  int by = auth::field(auth::request_form(request), "direction") == "up" ? -1 : 1;
  auto org = pages.service->shift_funding_source(
      who, request.param("source"), by, audit::event_for(request, "planning.funding.move"));
  return http::Response::redirect(funding_href(org));
}

http::Response activate_funding(const PlanPages& pages, http::Request& request,
                                const auth::Principal& who) {
  bool active = auth::field(auth::request_form(request), "active") == "1";
  auto org = pages.service->set_funding_source_active(
      who, request.param("source"), active, audit::event_for(request, "planning.funding.active"));
  return http::Response::redirect(funding_href(org));
}

}  // namespace

void add_view_pages(http::Router& router, const PlanPages& pages) {
  auto view = plan_reader(pages.context.policy);
  auto manage = http::Access::to("planning.manage");
  add_route(router, pages, "GET", "/planning/plans/{plan}/timeline", view, timeline);
  add_route(router, pages, "GET", "/planning/plans/{plan}/board", view, board);
  // The owner check (or planning.manage at the plan's district) is in the service.
  add_route(router, pages, "GET", "/planning/actions/{action}", view, show_action);
  add_route(router, pages, "POST", "/planning/actions/{action}", view, report_action);
  add_route(router, pages, "POST", "/planning/actions/{action}/move", view, move_action);
  add_route(router, pages, "GET", "/planning/funding", manage, show_funding);
  add_route(router, pages, "POST", "/planning/funding", manage, add_funding);
  add_route(router, pages, "POST", "/planning/funding/{source}", manage, rename_funding);
  add_route(router, pages, "POST", "/planning/funding/{source}/move", manage, move_funding);
  add_route(router, pages, "POST", "/planning/funding/{source}/active", manage, activate_funding);
}

}  // namespace lodestar::planning
