// A plan's measures (/planning/plans/{plan}/measures), a measure's form, its page (trend chart
// with its table, standing and why, measurements) and its measurements' forms; "Compute now".
#include "planning/measures/pages.h"
#include "platform/auth/form.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"
#include "platform/web/chart.h"
#include "platform/web/i18n.h"

namespace lodestar::planning::measures {
namespace {

MeasureInput measure_input(const http::Request& request) {
  auto form = auth::request_form(request);
  MeasureInput in;
  in.name = auth::field(form, "name");
  in.unit = auth::field(form, "unit");
  in.direction = auth::field(form, "direction");
  in.baseline = auth::field(form, "baseline");
  in.baseline_on = auth::field(form, "baseline_on");
  in.target = auth::field(form, "target");
  in.target_on = auth::field(form, "target_on");
  in.computation = auth::field(form, "computation");
  in.cycle = auth::field(form, "cycle");
  in.indicator = auth::field(form, "indicator");
  in.level = auth::field(form, "level");
  return in;
}

MeasureInput input_of(const Measure& m) {
  auto params = nlohmann::json::parse(m.parameters, nullptr, false);
  auto text = [&](const char* key) {
    if (!params.is_object() || !params.contains(key)) return std::string();
    const auto& v = params[key];
    return v.is_string() ? v.get<std::string>() : v.dump();
  };
  return {m.name,        m.unit,
          m.direction,   format_number(m.baseline),
          m.baseline_on, format_number(m.target),
          m.target_on,   m.computation.value_or(""),
          text("cycle"), text("indicator"),
          text("level")};
}

nlohmann::json measure_form(const Pages& pages, const MeasureInput& in, const std::string& action,
                            std::string_view submit_key) {
  nlohmann::json form = {{"action", action},          {"submit_key", submit_key},
                         {"name", in.name},           {"unit", in.unit},
                         {"baseline", in.baseline},   {"baseline_on", in.baseline_on},
                         {"target", in.target},       {"target_on", in.target_on},
                         {"indicator", in.indicator}, {"level", in.level}};
  form["directions"] = nlohmann::json::array();
  for (const char* d : {"increase", "decrease"}) {
    form["directions"].push_back({{"value", d},
                                  {"key", std::string("planning.measures.direction.") + d},
                                  {"checked", in.direction == d}});
  }
  form["computations"] = nlohmann::json::array();
  for (const auto& c : computations()) {
    form["computations"].push_back(
        {{"value", c.name}, {"key", c.label_key}, {"selected", c.name == in.computation}});
  }
  form["manual_selected"] = in.computation.empty();
  form["cycles"] = nlohmann::json::array();
  for (const auto& c : pages.service->cycles()) {
    form["cycles"].push_back({{"value", c.id}, {"name", c.label}, {"selected", c.id == in.cycle}});
  }
  return form;
}

std::string source_key(const std::string& source) {
  return "planning.measures.source." + source;
}

// The chart and its data table's rows.
void add_trend(const http::Request& request, nlohmann::json& view, const Measure& m) {
  auto points = trend(m);
  auto scale = value_scale(points, m.target);
  web::LineChart chart;
  chart.id = "trend";
  chart.title = web::translate(request, "planning.measures.chart.title", {{"name", m.name}});
  chart.description = web::translate(request, "planning.measures.chart.description",
                                     {{"baseline", format_number(m.baseline)},
                                      {"target", format_number(m.target)},
                                      {"target_on", m.target_on}});
  chart.y_labels = scale.labels();
  web::ChartSeries measured{web::translate(request, "planning.measures.chart.measured"), {}};
  web::ChartSeries path{web::translate(request, "planning.measures.chart.path"), {}};
  auto rows = nlohmann::json::array();
  for (const auto& p : points) {
    chart.x_labels.push_back(p.date);
    measured.values.push_back(p.measured ? std::optional(scale.position(*p.measured))
                                         : std::nullopt);
    path.values.push_back(scale.position(p.path));
    rows.push_back({{"date", p.date},
                    {"measured", p.measured ? format_number(*p.measured) : std::string()},
                    {"has_measured", p.measured.has_value()},
                    {"path", format_number(p.path)},
                    {"is_baseline", p.date == m.baseline_on},
                    {"is_target", p.date == m.target_on}});
  }
  chart.series = {measured, path};
  view["chart"] = web::render_line_chart(chart);
  view["trend_rows"] = std::move(rows);
}

http::Response measure_page(const Pages& pages, const http::Request& request, nlohmann::json view,
                            int status = 200) {
  auto record = pages.service->measure(request.param("measure"));
  const auto& m = record.measure;
  auto today = planning::today();
  auto t = track(m, today);
  auto sentence = explain(m, t, today);
  web::Args args(sentence.args.begin(), sentence.args.end());
  auto href = measure_href(m.id);
  view["title_detail"] = m.name;
  view["measure"] = {
      {"id", m.id},
      {"name", m.name},
      {"unit", m.unit},
      {"direction_key", "planning.measures.direction." + m.direction},
      {"baseline", format_number(m.baseline)},
      {"baseline_on", m.baseline_on},
      {"target", format_number(m.target)},
      {"target_on", m.target_on},
      {"standing", standing_key(t.standing)},
      {"standing_key", "planning.measures.standing." + std::string(standing_key(t.standing))},
      {"explanation", web::translate(request, sentence.key, args)},
      {"edit_href", href + "/edit"},
      {"compute_action", href + "/compute"},
      {"add_action", href + "/measurements"}};
  view["place"] = {{"plan_href", plan_href(record.place.plan_id)},
                   {"plan_title", record.place.plan_title},
                   {"measures_href", plan_href(record.place.plan_id) + "/measures"},
                   {"goal_code", record.place.goal_code},
                   {"goal_title", record.place.goal_title}};
  if (const auto* c = m.computation ? find_computation(*m.computation) : nullptr) {
    view["computed"] = {{"label_key", c->label_key}};
    view["origin_key"] = "planning.measures.origin.computed";
  } else {
    view["origin_key"] = "planning.measures.origin.entered";
  }
  if (view.value("show_computed", false)) {
    for (const auto& v : m.measurements) {
      if (v.measured_on == today && v.source == "computed") {
        view["computed_value"] = format_number(v.value);
      }
    }
  }
  auto rows = nlohmann::json::array();
  for (auto it = m.measurements.rbegin(); it != m.measurements.rend(); ++it) {
    rows.push_back({{"date", it->measured_on},
                    {"value", format_number(it->value)},
                    {"note", it->note},
                    {"source_key", source_key(it->source)},
                    {"edit_href", "/planning/measurements/" + http::url_encode(it->id) + "/edit"}});
  }
  view["has_measurements"] = !rows.empty();
  view["measurements"] = std::move(rows);
  view["may_manage"] =
      request.principal &&
      pages.context.policy.can(*request.principal, "planning.manage", record.place.org_id);
  if (!view.contains("measured_on")) view["measured_on"] = today;
  add_trend(request, view, m);
  return page(request, "measure", "planning.measures.measure.title", std::move(view), status);
}

http::Response new_page(const Pages& pages, const http::Request& request, const MeasureInput& in,
                        nlohmann::json view, int status = 200) {
  auto goal = pages.service->goal(request.param("goal"));
  view["form"] =
      measure_form(pages, in, "/planning/goals/" + http::url_encode(goal.goal_id) + "/measures",
                   "planning.measures.form.create");
  view["goal"] = {{"code", goal.goal_code}, {"title", goal.goal_title}};
  view["place"] = {{"plan_href", plan_href(goal.plan_id)},
                   {"plan_title", goal.plan_title},
                   {"measures_href", plan_href(goal.plan_id) + "/measures"}};
  return page(request, "measure_form", "planning.measures.new.title", std::move(view), status);
}

http::Response edit_page(const Pages& pages, const http::Request& request, const MeasureInput* kept,
                         nlohmann::json view, int status = 200) {
  auto record = pages.service->measure(request.param("measure"));
  auto in = kept ? *kept : input_of(record.measure);
  auto href = measure_href(record.measure.id);
  view["form"] = measure_form(pages, in, href, "planning.measures.form.save");
  view["editing"] = true;
  view["delete_action"] = href + "/delete";
  view["measure_href"] = href;
  view["title_detail"] = record.measure.name;
  view["goal"] = {{"code", record.place.goal_code}, {"title", record.place.goal_title}};
  view["place"] = {{"plan_href", plan_href(record.place.plan_id)},
                   {"plan_title", record.place.plan_title},
                   {"measures_href", plan_href(record.place.plan_id) + "/measures"}};
  return page(request, "measure_form", "planning.measures.edit.title", std::move(view), status);
}

http::Response create(const Pages& pages, http::Request& request) {
  auto in = measure_input(request);
  try {
    auto id = pages.service->create_measure(request.param("goal"), in,
                                            audit::event_for(request, "planning.measure.create"));
    return http::Response::redirect(measure_href(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return new_page(pages, request, in, std::move(view), 422);
  }
}

http::Response update(const Pages& pages, http::Request& request) {
  auto in = measure_input(request);
  try {
    pages.service->update_measure(request.param("measure"), in,
                                  audit::event_for(request, "planning.measure.update"));
    return http::Response::redirect(measure_href(request.param("measure")));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return edit_page(pages, request, &in, std::move(view), 422);
  }
}

http::Response remove(const Pages& pages, http::Request& request) {
  auto plan = pages.service->delete_measure(request.param("measure"),
                                            audit::event_for(request, "planning.measure.delete"));
  return http::Response::redirect(plan_href(plan) + "/measures");
}

MeasurementInput measurement_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "measured_on"), auth::field(form, "value"), auth::field(form, "note")};
}

http::Response add_measurement(const Pages& pages, http::Request& request) {
  auto in = measurement_input(request);
  try {
    pages.service->add_measurement(request.param("measure"), in, person_of(request),
                                   audit::event_for(request, "planning.measurement.create"));
    return http::Response::redirect(measure_href(request.param("measure")) + "#measurements");
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"measured_on", in.measured_on}, {"value", in.value}, {"note", in.note}};
    add_problems(view, invalid.problems());
    return measure_page(pages, request, std::move(view), 422);
  }
}

// Redirects back to the measure with what happened in the query, so a reload repeats nothing.
http::Response compute(const Pages& pages, http::Request& request) {
  auto result = pages.service->compute(request.param("measure"), person_of(request),
                                       audit::event_for(request, "planning.measure.compute"));
  std::string query = result.value ? std::string("?computed=today")
                      : result.withheld_key.ends_with("small_group")
                          ? "?withheld=small_group&people=" + std::to_string(result.people)
                          : std::string("?withheld=nothing");
  return http::Response::redirect(measure_href(request.param("measure")) + query);
}

// The outcome of "Compute now", read back from the query.
void add_computed(const http::Request& request, nlohmann::json& view) {
  // The value shown is the one stored today, never a number from the address.
  view["show_computed"] = request.query_value("computed") == "today";
  auto withheld = request.query_value("withheld");
  if (withheld == "small_group") {
    auto people = parse_number(request.query_value("people").value_or(""));
    if (people && *people > 0 && *people < 5) {
      view["withheld_key"] = "planning.measures.compute.small_group";
      view["withheld_people"] = format_number(*people);
    }
  } else if (withheld == "nothing") {
    view["withheld_key"] = "planning.measures.compute.nothing";
  }
}

http::Response measurement_page(const Pages& pages, const http::Request& request,
                                const MeasurementInput* kept, nlohmann::json view,
                                int status = 200) {
  auto v = pages.service->measurement(request.param("measurement"));
  auto record = pages.service->measure(v.measure_id);
  MeasurementInput in =
      kept ? *kept
           : MeasurementInput{v.measurement.measured_on, format_number(v.measurement.value),
                              v.measurement.note};
  auto href = "/planning/measurements/" + http::url_encode(v.measurement.id);
  view["action"] = href;
  view["delete_action"] = href + "/delete";
  view["measured_on"] = in.measured_on;
  view["value"] = in.value;
  view["note"] = in.note;
  view["source_key"] = source_key(v.measurement.source);
  view["measure"] = {{"name", record.measure.name},
                     {"unit", record.measure.unit},
                     {"href", measure_href(record.measure.id)}};
  view["title_detail"] = record.measure.name;
  return page(request, "measurement_form", "planning.measures.measurement.title", std::move(view),
              status);
}

http::Response update_measurement(const Pages& pages, http::Request& request) {
  auto in = measurement_input(request);
  try {
    auto measure =
        pages.service->update_measurement(request.param("measurement"), in, person_of(request),
                                          audit::event_for(request, "planning.measurement.update"));
    return http::Response::redirect(measure_href(measure) + "#measurements");
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return measurement_page(pages, request, &in, std::move(view), 422);
  }
}

http::Response delete_measurement(const Pages& pages, http::Request& request) {
  auto measure = pages.service->delete_measurement(
      request.param("measurement"), audit::event_for(request, "planning.measurement.delete"));
  return http::Response::redirect(measure_href(measure) + "#measurements");
}

http::Response plan_measures(const Pages& pages, http::Request& request) {
  auto plan = pages.service->plan(request.param("plan"));
  auto today = planning::today();
  auto goals = nlohmann::json::array();
  for (const auto& g : plan.goals) {
    auto rows = nlohmann::json::array();
    for (const auto& m : g.measures) {
      auto t = track(m, today);
      rows.push_back({{"name", m.name},
                      {"href", measure_href(m.id)},
                      {"unit", m.unit},
                      {"latest", t.latest ? format_number(*t.latest) : std::string()},
                      {"target", format_number(m.target)},
                      {"target_on", m.target_on},
                      {"standing", standing_key(t.standing)},
                      {"standing_key",
                       "planning.measures.standing." + std::string(standing_key(t.standing))}});
    }
    goals.push_back({{"code", g.code},
                     {"title", g.title},
                     {"has_measures", !rows.empty()},
                     {"measures", rows},
                     {"new_href", "/planning/goals/" + http::url_encode(g.id) + "/measures/new"}});
  }
  nlohmann::json view = {
      {"goals", goals},
      {"plan", {{"title", plan.title}, {"href", plan_href(plan.id)}}},
      {"upload_href", plan_href(plan.id) + "/measurements/upload"},
      {"reviews_href", reviews_href(plan.id)},
      {"may_manage", request.principal && pages.context.policy.can(*request.principal,
                                                                   "planning.manage", plan.org_id)},
      {"title_detail", plan.title}};
  return page(request, "plan_measures", "planning.measures.list.title", std::move(view));
}

}  // namespace

void add_measure_routes(http::Router& router, const Pages& pages) {
  auto route = [&](std::string method, std::string pattern, http::Access access, Handler handler) {
    add_route(router, pages, std::move(method), std::move(pattern), std::move(access), handler);
  };
  auto view_measure = access(pages, "planning.view", "measure", "measure");
  auto manage_measure = access(pages, "planning.manage", "measure", "measure");
  auto manage_goal = access(pages, "planning.manage", "goal", "goal");
  auto manage_measurement = access(pages, "planning.manage", "measurement", "measurement");
  route("GET", "/planning/plans/{plan}/measures", access(pages, "planning.view", "plan", "plan"),
        plan_measures);
  route("GET", "/planning/goals/{goal}/measures/new", manage_goal,
        [](const Pages& p, http::Request& r) {
          MeasureInput in;
          in.direction = "increase";
          in.baseline_on = planning::today();
          return new_page(p, r, in, nlohmann::json::object());
        });
  route("POST", "/planning/goals/{goal}/measures", manage_goal, create);
  route("GET", "/planning/measures/{measure}", view_measure, [](const Pages& p, http::Request& r) {
    nlohmann::json view = nlohmann::json::object();
    add_computed(r, view);
    return measure_page(p, r, std::move(view));
  });
  route("GET", "/planning/measures/{measure}/edit", manage_measure,
        [](const Pages& p, http::Request& r) {
          return edit_page(p, r, nullptr, nlohmann::json::object());
        });
  route("POST", "/planning/measures/{measure}", manage_measure, update);
  route("POST", "/planning/measures/{measure}/delete", manage_measure, remove);
  route("POST", "/planning/measures/{measure}/measurements", manage_measure, add_measurement);
  route("POST", "/planning/measures/{measure}/compute", manage_measure, compute);
  route("GET", "/planning/measurements/{measurement}/edit", manage_measurement,
        [](const Pages& p, http::Request& r) {
          return measurement_page(p, r, nullptr, nlohmann::json::object());
        });
  route("POST", "/planning/measurements/{measurement}", manage_measurement, update_measurement);
  route("POST", "/planning/measurements/{measurement}/delete", manage_measurement,
        delete_measurement);
}

}  // namespace lodestar::planning::measures
