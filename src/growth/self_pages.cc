// The leader's side of leader growth: my growth (cycles, the chart across cycles, growth
// areas), the self-assessment form, inviting raters, my report; and the rater's form behind a
// personal link, which needs no account.
#include <cmath>

#include "growth/records/service.h"
#include "growth/routes.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/policy.h"
#include "platform/errors.h"
#include "platform/http/dispatcher.h"
#include "platform/web/chart.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"

namespace lodestar::growth {
namespace {

std::string cycle_base(std::string_view id) {
  return "/growth/cycles/" + http::url_encode(std::string(id));
}

// The indicators grouped by standard, each with the rubric's levels as radio buttons. `errors`:
// field → message key. `with_notes`: the self-assessment's note and evidence fields.
nlohmann::json standards_json(const std::vector<StandardGroup>& standards, const Rubric& rubric,
                              const std::map<std::string, std::string>& errors, bool with_notes,
                              bool not_observed) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& group : standards) {
    nlohmann::json indicators = nlohmann::json::array();
    for (const auto& entry : group.indicators) {
      const auto& id = entry.item.id;
      nlohmann::json levels = nlohmann::json::array();
      if (not_observed) {
        levels.push_back({{"value", ""},
                          {"indicator_id", id},
                          {"id", "level-" + id + "-0"},
                          {"not_observed", true},
                          {"checked", !entry.level}});
      }
      for (const auto& level : rubric.levels) {
        levels.push_back({{"value", std::to_string(level.score)},
                          {"indicator_id", id},
                          {"id", "level-" + id + "-" + std::to_string(level.score)},
                          {"name", level.name},
                          {"description", level.description},
                          {"has_description", !level.description.empty()},
                          {"checked", entry.level == level.score}});
      }
      nlohmann::json indicator = {{"id", id},
                                  {"code", entry.item.code},
                                  {"statement", entry.item.statement},
                                  {"levels", levels},
                                  {"note", entry.note},
                                  {"evidence", entry.evidence},
                                  {"with_notes", with_notes}};
      if (auto e = errors.find("level-" + id); e != errors.end()) indicator["error"] = e->second;
      if (auto e = errors.find("note-" + id); e != errors.end())
        indicator["note_error"] = e->second;
      if (auto e = errors.find("evidence-" + id); e != errors.end()) {
        indicator["evidence_error"] = e->second;
      }
      indicators.push_back(std::move(indicator));
    }
    out.push_back(
        {{"code", group.standard.code},
         {"title", group.standard.title.empty() ? group.standard.statement : group.standard.title},
         {"has_standard", !group.standard.id.empty()},
         {"indicators", std::move(indicators)}});
  }
  return out;
}

std::map<std::string, std::string> error_map(const std::vector<FieldProblem>& problems) {
  std::map<std::string, std::string> out;
  for (const auto& p : problems) out.emplace(p.field, p.message_key);
  return out;
}

nlohmann::json summary_errors(const std::vector<FieldProblem>& problems,
                              const std::vector<StandardGroup>& standards,
                              std::string_view first_choice) {
  std::map<std::string, std::string> codes;
  for (const auto& g : standards) {
    for (const auto& e : g.indicators) codes[e.item.id] = e.item.code;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : problems) {
    auto dash = p.field.find('-');
    auto item = dash == std::string::npos ? std::string() : p.field.substr(dash + 1);
    // A radio group's first button is where the summary's link lands.
    auto anchor = p.field.starts_with("level-") ? p.field + std::string(first_choice) : p.field;
    out.push_back({{"field", anchor}, {"key", p.message_key}, {"code", codes[item]}});
  }
  return out;
}

// ---- My growth -------------------------------------------------------------------------------

nlohmann::json growth_json(const http::Request& request, const Growth& growth) {
  nlohmann::json view = {{"has_growth", !growth.columns.empty()}};
  if (growth.columns.empty()) return view;
  web::LineChart chart;
  chart.id = "growth-chart";
  chart.title = web::translate(request, "growth.home.chart_title");
  chart.description = web::translate(request, "growth.home.chart_description");
  for (const auto& c : growth.columns) chart.x_labels.push_back(c.cycle_name);
  for (const auto& l : growth.levels) chart.y_labels.push_back(l.name);
  // One series per standard: the mean of its indicators' levels in each cycle.
  std::map<std::string, std::size_t> row_of;
  for (std::size_t i = 0; i < growth.rows.size(); ++i) row_of[growth.rows[i].indicator.id] = i;
  nlohmann::json table = nlohmann::json::array();
  for (const auto& group : growth.standards) {
    web::ChartSeries series;
    const auto& standard = group.standard;
    series.name = standard.id.empty()      ? web::translate(request, "growth.home.all_indicators")
                  : standard.title.empty() ? standard.code
                                           : standard.code + " " + standard.title;
    for (std::size_t c = 0; c < growth.columns.size(); ++c) {
      double sum = 0;
      int n = 0;
      for (const auto& entry : group.indicators) {
        const auto& level = growth.rows[row_of[entry.item.id]].levels[c];
        if (level) {
          sum += *level;
          ++n;
        }
      }
      series.values.push_back(n ? std::optional<double>(sum / n) : std::nullopt);
    }
    for (const auto& entry : group.indicators) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& level : growth.rows[row_of[entry.item.id]].levels) {
        cells.push_back({{"value", level ? one_decimal(*level) : std::string("–")}});
      }
      table.push_back(
          {{"code", entry.item.code}, {"statement", entry.item.statement}, {"cells", cells}});
    }
    chart.series.push_back(std::move(series));
  }
  if (!chart.y_labels.empty()) view["chart"] = web::render_line_chart(chart);
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& c : growth.columns) {
    columns.push_back(
        {{"name", c.cycle_name}, {"framework", c.framework_title}, {"carried", c.carried}});
  }
  view["columns"] = columns;
  view["table"] = table;
  view["any_carried"] = std::any_of(growth.columns.begin(), growth.columns.end(),
                                    [](const GrowthColumn& c) { return c.carried; });
  return view;
}

http::Response home(const AppContext& context, const http::Request& request) {
  nlohmann::json view = {{"cycles", nlohmann::json::array()}};
  const auto& principal = *request.principal;
  view["can_manage"] = context.policy.can(principal, "growth.manage", std::nullopt);
  view["can_view"] = !context.policy.scopes(principal, "growth.view").empty();
  view["has_person"] = !principal.person_id.empty();
  if (!principal.person_id.empty()) {
    for (const auto& mine : cycles_of(context.db, principal.person_id)) {
      auto c = cycle_json(mine.cycle);
      c["self_href"] = cycle_base(mine.cycle.id) + "/self";
      c["report_href"] = cycle_base(mine.cycle.id) + "/report";
      c["raters_href"] = cycle_base(mine.cycle.id) + "/raters";
      c["my_status_key"] = "growth.assessment.status." + mine.assessment_status;
      c["submitted_mine"] = mine.assessment_status == "submitted";
      view["cycles"].push_back(std::move(c));
    }
    auto growth = growth_of(context.db, principal.person_id);
    view.update(growth_json(request, growth));
    view["areas"] = nlohmann::json::array();
    for (const auto& area : growth_areas(growth)) {
      view["areas"].push_back({{"code", area.indicator.code},
                               {"statement", area.indicator.statement},
                               {"level_name", area.level_name},
                               {"href", "/frameworks/items/" + area.indicator.id}});
    }
    view["has_areas"] = !view["areas"].empty();
  }
  view["has_cycles"] = !view["cycles"].empty();
  return web::render_page(request, "growth/home", "growth.home.title", std::move(view));
}

// ---- Self-assessment -------------------------------------------------------------------------

http::Response self_page(const AppContext& context, const frameworks::Alignments& alignments,
                         const http::Request& request, const Assessment& a,
                         const std::vector<FieldProblem>& problems, int status = 200) {
  bool editable = a.status != "submitted" && a.cycle.status == "open";
  nlohmann::json view = {
      {"cycle", cycle_json(a.cycle)},
      {"title_detail", a.cycle.name},
      {"csrf_token", request.principal->csrf_token},
      {"action", cycle_base(a.cycle.id) + "/self"},
      {"raters_href", cycle_base(a.cycle.id) + "/raters"},
      {"report_href", cycle_base(a.cycle.id) + "/report"},
      {"editable", editable},
      {"status_key", "growth.assessment.status." + a.status},
      {"submitted", a.status == "submitted"},
      {"submitted_at", a.submitted_at.substr(0, 10)},
      {"levels", levels_json(a.rubric)},
      {"standards", standards_json(a.standards, a.rubric, error_map(problems), true, false)}};
  if (!problems.empty()) {
    view["has_errors"] = true;
    view["errors"] = summary_errors(problems, a.standards, "-1");
  }
  if (auto saved = request.query_value("saved")) view["saved"] = true;
  // The leader's portfolio evidence aligned to each indicator, linked beside it.
  auto evidence = context.db.read(
      [&](store::Tx& tx) { return records::evidence_by_indicator(tx, alignments, a.person_id); });
  for (auto& standard : view["standards"]) {
    for (auto& indicator : standard["indicators"]) {
      nlohmann::json linked = nlohmann::json::array();
      auto found = evidence.find(indicator["id"].get<std::string>());
      if (found != evidence.end()) {
        for (const auto& e : found->second) {
          linked.push_back({{"title", e.title},
                            {"href", e.kind == "link" ? e.url
                                                      : "/growth/evidence/" +
                                                            http::url_encode(e.id) + "/file"}});
        }
      }
      indicator["has_linked"] = !linked.empty();
      indicator["linked"] = std::move(linked);
    }
  }
  std::size_t rated = 0, total = 0;
  for (const auto& g : a.standards) {
    for (const auto& e : g.indicators) {
      ++total;
      if (e.level) ++rated;
    }
  }
  view["rated"] = rated;
  view["total"] = total;
  return web::render_page(request, "growth/self", "growth.assessment.title", std::move(view),
                          status);
}

http::Response show_self(const AppContext& context, const frameworks::Alignments& alignments,
                         const http::Request& request) {
  auto a = assessment(context.db, request.param("cycle"), person_of(request));
  return self_page(context, alignments, request, a, {});
}

http::Response post_self(const AppContext& context, const frameworks::Alignments& alignments,
                         http::Request& request) {
  const auto& cycle_id = request.param("cycle");
  const auto& person = person_of(request);
  auto form = auth::request_form(request);
  bool submit = auth::field(form, "action") == "submit";
  auto answer_for = [&](const std::string& id) {
    return AnswerInput{auth::field(form, "level-" + id), auth::field(form, "note-" + id),
                       auth::field(form, "evidence-" + id)};
  };
  try {
    save_assessment(
        context.db, cycle_id, person, answer_for, submit,
        audit::event_for(request, submit ? "growth.assessment.submit" : "growth.assessment.save"));
  } catch (const Invalid& invalid) {
    // The form comes back with what was typed.
    auto current = assessment(context.db, cycle_id, person);
    for (auto& group : current.standards) {
      for (auto& entry : group.indicators) {
        auto answer = answer_for(entry.item.id);
        entry.level.reset();
        if (answer.level.size() == 1 && std::isdigit(static_cast<unsigned char>(answer.level[0]))) {
          entry.level = answer.level[0] - '0';
        }
        entry.note = answer.note;
        entry.evidence = answer.evidence;
      }
    }
    return self_page(context, alignments, request, current, invalid.problems(), 422);
  }
  return http::Response::redirect(cycle_base(cycle_id) +
                                  "/self?saved=" + (submit ? "submitted" : "draft"));
}

// ---- Raters ----------------------------------------------------------------------------------

// Whose raters a page is about: the signed-in leader's own (/growth/cycles/{cycle}/raters), or,
// for the district, any participant's (/growth/cycles/{cycle}/people/{person}/raters).
struct RaterSubject {
  std::string person_id;
  std::string action;
  bool for_someone_else = false;
};

RaterSubject rater_subject(const http::Request& request) {
  const auto& cycle_id = request.param("cycle");
  if (request.params.contains("person")) {
    const auto& person = request.param("person");
    return {person, cycle_base(cycle_id) + "/people/" + http::url_encode(person) + "/raters", true};
  }
  return {person_of(request), cycle_base(cycle_id) + "/raters", false};
}

http::Response raters_page(const AppContext& context, const http::Request& request,
                           nlohmann::json view, int status = 200) {
  const auto& cycle_id = request.param("cycle");
  auto subject = rater_subject(request);
  auto a = assessment(context.db, cycle_id, subject.person_id);
  view["cycle"] = cycle_json(a.cycle);
  view["title_detail"] = a.cycle.name;
  view["csrf_token"] = request.principal->csrf_token;
  view["action"] = subject.action;
  view["self_href"] = cycle_base(cycle_id) + "/self";
  view["for_someone_else"] = subject.for_someone_else;
  view["subject_name"] = a.person_name;
  view["counts"] = nlohmann::json::array();
  for (const auto& c : rater_counts(context.db, cycle_id, subject.person_id)) {
    view["counts"].push_back({{"group_key", "growth.raters.group." + c.group},
                              {"invited", c.invited},
                              {"responded", c.responded},
                              {"enough", c.responded >= a.cycle.rater_minimum}});
  }
  auto chosen = view.value("group", std::string("staff"));
  view["groups"] = nlohmann::json::array();
  for (const auto& g : rater_groups()) {
    view["groups"].push_back(
        {{"value", g}, {"key", "growth.raters.group." + g}, {"selected", g == chosen}});
  }
  auto picked = view.value("picked", nlohmann::json::array());
  view["colleagues"] = nlohmann::json::array();
  for (const auto& c : colleagues(context.db, cycle_id, subject.person_id)) {
    bool checked = std::find(picked.begin(), picked.end(), c.person_id) != picked.end();
    view["colleagues"].push_back({{"id", c.person_id},
                                  {"name", c.name},
                                  {"email", c.email},
                                  {"role_key", "role." + c.role},
                                  {"checked", checked}});
  }
  view["has_colleagues"] = !view["colleagues"].empty();
  view["minimum"] = a.cycle.rater_minimum;
  return web::render_page(request, "growth/raters", "growth.raters.title", std::move(view), status);
}

http::Response post_raters(const AppContext& context, http::Request& request) {
  const auto& cycle_id = request.param("cycle");
  auto subject = rater_subject(request);
  auto form = auth::request_form(request);
  auto text = auth::field(form, "raters");
  auto group = auth::field(form, "group");
  nlohmann::json picked = nlohmann::json::array();
  nlohmann::json view = {{"raters", text}, {"group", group}};
  try {
    std::vector<RaterInvite> invites;
    // Colleagues picked from the roster, then addresses typed.
    for (const auto& c : colleagues(context.db, cycle_id, subject.person_id)) {
      if (auth::field(form, "colleague-" + c.person_id) != "on") continue;
      picked.push_back(c.person_id);
      invites.push_back({c.email, group});
    }
    view["picked"] = picked;
    if (!text.empty() || invites.empty()) {
      for (auto& invite : parse_invites(text, group)) invites.push_back(std::move(invite));
    }
    const auto& groups = rater_groups();
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) {
      throw Invalid(std::vector<FieldProblem>{{"group", "growth.raters.bad_group_choice", {}}});
    }
    auto summary = invite_raters(context.db, site_of(context), cycle_id, subject.person_id, invites,
                                 audit::event_for(request, "growth.raters.invite"));
    context.mail_queued();
    nlohmann::json done = {
        {"invited", summary.invited}, {"already", summary.already}, {"sent", true}};
    return raters_page(context, request, done);
  } catch (const Invalid& invalid) {
    auth::add_errors(view, invalid.problems());
    if (!invalid.problems().empty()) view["raters_detail"] = invalid.problems().front().detail;
    return raters_page(context, request, view, 422);
  }
}

// ---- Report ----------------------------------------------------------------------------------

http::Response report_page(const AppContext& context, const http::Request& request) {
  auto r = report(context.db, request.param("cycle"), person_of(request));
  nlohmann::json view = {{"cycle", cycle_json(r.self.cycle)},
                         {"title_detail", r.self.cycle.name},
                         {"self_href", cycle_base(r.self.cycle.id) + "/self"},
                         {"levels", levels_json(r.self.rubric)},
                         {"minimum", r.self.cycle.rater_minimum},
                         {"submitted", r.self.status == "submitted"}};
  view["groups"] = nlohmann::json::array();
  for (const auto& g : r.groups) {
    view["groups"].push_back({{"key", "growth.raters.group." + g.group},
                              {"responses", g.responses},
                              {"shown", g.shown}});
  }
  view["standards"] = nlohmann::json::array();
  for (const auto& group : r.self.standards) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& entry : group.indicators) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& g : r.groups) {
        auto found = g.means.find(entry.item.id);
        cells.push_back({{"value", !g.shown ? web::translate(request, "growth.report.hidden")
                                   : found == g.means.end() ? std::string("–")
                                                            : one_decimal(found->second)}});
      }
      std::string self = "–";
      if (entry.level && *entry.level >= 1 &&
          static_cast<std::size_t>(*entry.level) <= r.self.rubric.levels.size()) {
        self = r.self.rubric.levels[*entry.level - 1].name;
      }
      rows.push_back({{"code", entry.item.code},
                      {"statement", entry.item.statement},
                      {"self", self},
                      {"cells", cells}});
    }
    view["standards"].push_back(
        {{"code", group.standard.code},
         {"title", group.standard.title.empty() ? group.standard.statement : group.standard.title},
         {"has_standard", !group.standard.id.empty()},
         {"rows", rows}});
  }
  return web::render_page(request, "growth/report", "growth.report.title", std::move(view));
}

// ---- The rater's form (no account) -----------------------------------------------------------

http::Response feedback_page(const AppContext& /*context*/, auth::AuthService& auth,
                             const http::Request& request, const RaterForm& form,
                             const std::vector<FieldProblem>& problems,
                             const std::map<std::string, std::string>& kept, int status = 200) {
  auto standards = form.standards;
  for (auto& group : standards) {
    for (auto& entry : group.indicators) {
      auto found = kept.find(entry.item.id);
      if (found != kept.end() && found->second.size() == 1 &&
          std::isdigit(static_cast<unsigned char>(found->second[0]))) {
        entry.level = found->second[0] - '0';
      }
    }
  }
  nlohmann::json view = {
      {"cycle_name", form.cycle.name},
      {"closes_on", form.cycle.closes_on},
      {"subject", form.subject_name},
      {"group_key", "growth.raters.group." + form.group},
      {"responded", form.responded},
      {"open", form.cycle.status == "open"},
      {"action", "/feedback/" + request.param("token")},
      {"levels", levels_json(form.rubric)},
      {"standards", standards_json(standards, form.rubric, error_map(problems), false, true)}};
  if (!problems.empty()) {
    view["has_errors"] = true;
    view["errors"] = summary_errors(problems, standards, "-0");
  }
  return auth::form_page(request, auth, "growth/feedback", "growth.feedback.title", std::move(view),
                         status);
}

http::Response show_feedback(const AppContext& context, auth::AuthService& auth,
                             const http::Request& request) {
  auto form = rater_form(context.db, request.param("token"));
  return feedback_page(context, auth, request, form, {}, {});
}

http::Response post_feedback(const AppContext& context, auth::AuthService& auth,
                             http::Request& request) {
  const auto& token = request.param("token");
  auto posted = auth::request_form(request);
  auto form = rater_form(context.db, token);
  std::map<std::string, std::string> levels;
  for (const auto& group : form.standards) {
    for (const auto& entry : group.indicators) {
      levels[entry.item.id] = auth::field(posted, "level-" + entry.item.id);
    }
  }
  try {
    submit_rater(context.db, token, levels);
  } catch (const Invalid& invalid) {
    return feedback_page(context, auth, request, form, invalid.problems(), levels, 422);
  }
  nlohmann::json view = {{"cycle_name", form.cycle.name}, {"subject", form.subject_name}};
  return web::render_page(request, "growth/feedback_thanks", "growth.feedback.thanks_title",
                          std::move(view));
}

}  // namespace

void add_self_pages(http::Router& router, const AppContext& context, auth::AuthService& auth,
                    const frameworks::Alignments& alignments) {
  auto signed_in = http::Access::to("signed_in");
  router.add({.method = "GET",
              .pattern = "/growth",
              .handler = [&context](http::Request& r) { return home(context, r); },
              .access = signed_in});
  router.add({.method = "GET",
              .pattern = "/growth/cycles/{cycle}/self",
              .handler = [&context, &alignments](
                             http::Request& r) { return show_self(context, alignments, r); },
              .access = signed_in});
  router.add({.method = "POST",
              .pattern = "/growth/cycles/{cycle}/self",
              .handler = [&context, &alignments](
                             http::Request& r) { return post_self(context, alignments, r); },
              .access = signed_in});
  router.add({.method = "GET",
              .pattern = "/growth/cycles/{cycle}/raters",
              .handler =
                  [&context](http::Request& r) {
                    return raters_page(context, r, nlohmann::json::object());
                  },
              .access = signed_in});
  router.add({.method = "POST",
              .pattern = "/growth/cycles/{cycle}/raters",
              .handler = [&context](http::Request& r) { return post_raters(context, r); },
              .access = signed_in});
  router.add({.method = "GET",
              .pattern = "/growth/cycles/{cycle}/report",
              .handler = [&context](http::Request& r) { return report_page(context, r); },
              .access = signed_in});
  // The district invites raters for any participant.
  auto manage = http::Access::to("growth.manage");
  router.add({.method = "GET",
              .pattern = "/growth/cycles/{cycle}/people/{person}/raters",
              .handler =
                  [&context](http::Request& r) {
                    return raters_page(context, r, nlohmann::json::object());
                  },
              .access = manage});
  router.add({.method = "POST",
              .pattern = "/growth/cycles/{cycle}/people/{person}/raters",
              .handler = [&context](http::Request& r) { return post_raters(context, r); },
              .access = manage});
  auto anyone = http::Access::to("public");
  router.add(
      {.method = "GET",
       .pattern = "/feedback/{token}",
       .handler = [&context, &auth](http::Request& r) { return show_feedback(context, auth, r); },
       .access = anyone});
  router.add(
      {.method = "POST",
       .pattern = "/feedback/{token}",
       .handler = [&context, &auth](http::Request& r) { return post_feedback(context, auth, r); },
       .access = anyone});
}

}  // namespace lodestar::growth
