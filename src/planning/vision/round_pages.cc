// A leader's input rounds: opening one (the groups' links shown once), the round's page
// (responses by group, comments tagged by theme and filtered, counts by group and theme, mean
// ratings withheld for small groups, what changed because of the input), closing and reopening,
// and the comments as CSV.
#include <cstdio>
#include <set>

#include "planning/vision/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/csv.h"
#include "platform/http/dispatcher.h"
#include "platform/http/download.h"
#include "platform/web/i18n.h"

namespace lodestar::planning::vision {
namespace {

std::string audience_key(std::string_view a) {
  return "planning.vision.audience." + std::string(a);
}

std::string one_decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

http::Response round_page(const Pages& pages, http::Request& request, nlohmann::json view,
                          int status = 200);

// ---- Opening a round -------------------------------------------------------------------------

http::Response new_round_page(const Pages& pages, const http::Request& request, nlohmann::json view,
                              int status = 200) {
  auto chosen = view.value("subject", request.query_value("subject").value_or(""));
  auto subjects = nlohmann::json::array();
  for (const auto& s : pages.service->subjects()) {
    subjects.push_back({{"value", s.value},
                        {"label", s.label},
                        {"is_version", s.is_version},
                        {"number", s.number},
                        {"selected", s.value == chosen}});
  }
  view["subjects"] = subjects;
  view["has_subjects"] = !subjects.empty();
  auto picked = view.value("picked", nlohmann::json::array());
  bool fresh = !view.contains("picked");
  auto groups = nlohmann::json::array();
  for (const auto& a : audiences()) {
    bool checked = fresh || std::find(picked.begin(), picked.end(), a) != picked.end();
    groups.push_back({{"value", a}, {"key", audience_key(a)}, {"checked", checked}});
  }
  view["groups"] = groups;
  return page(request, "round_new", "planning.vision.round.new_title", std::move(view), status);
}

http::Response links_page(const Pages& pages, const http::Request& request, const Round& round,
                          const std::vector<std::pair<std::string, std::string>>& links,
                          int status) {
  nlohmann::json view = {{"title_detail", round.title},
                         {"round_title", round.title},
                         {"round_href", round_href(round.id)}};
  auto rows = nlohmann::json::array();
  for (const auto& [audience, token] : links) {
    rows.push_back({{"audience", audience},
                    {"key", audience_key(audience)},
                    {"link", input_link(pages.context, token)}});
  }
  view["links"] = rows;
  return page(request, "round_links", "planning.vision.links.title", std::move(view), status);
}

http::Response open_round(const Pages& pages, http::Request& request) {
  auto form = auth::request_form(request);
  RoundInput input{auth::field(form, "title"), auth::field(form, "opens_on"),
                   auth::field(form, "closes_on"), auth::field(form, "subject"),
                   form_list(request, "audience")};
  try {
    auto opened =
        pages.service->open_round(input, audit::event_for(request, "planning.vision.round.open"));
    auto view = pages.service->round(opened.id);
    return links_page(pages, request, view.round, opened.links, 201);
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"title", input.title},
                           {"opens_on", input.opens_on},
                           {"closes_on", input.closes_on},
                           {"subject", input.subject},
                           {"picked", input.audiences}};
    add_problems(view, invalid.problems());
    return new_round_page(pages, request, std::move(view), 422);
  }
}

http::Response new_link(const Pages& pages, http::Request& request) {
  auto audience = auth::field(auth::request_form(request), "audience");
  auto token = pages.service->new_link(request.param("round"), audience,
                                       audit::event_for(request, "planning.vision.round.link"));
  auto view = pages.service->round(request.param("round"));
  return links_page(pages, request, view.round, {{audience, token}}, 200);
}

http::Response set_status(const Pages& pages, http::Request& request) {
  auto form = auth::request_form(request);
  auto status = auth::field(form, "status");
  auto closes_on = auth::field(form, "closes_on");
  try {
    pages.service->set_status(
        request.param("round"), status, closes_on,
        audit::event_for(request, status == "closed" ? "planning.vision.round.close"
                                                     : "planning.vision.round.reopen"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"reopen_closes_on", closes_on}};
    for (const auto& p : invalid.problems()) view["reopen_closes_on_error"] = p.message_key;
    add_problems(view, invalid.problems());
    for (auto& e : view["errors"]) e["field"] = "reopen_closes_on";
    return round_page(pages, request, std::move(view), 422);
  }
  return http::Response::redirect(round_href(request.param("round")));
}

// ---- The round's page ------------------------------------------------------------------------

struct Filter {
  std::string audience, part, theme;
  bool matches(const Answer& a) const {
    if (!audience.empty() && a.audience != audience) return false;
    if (!part.empty() && a.part_key != part) return false;
    if (theme == "none") return a.theme_ids.empty();
    if (!theme.empty() &&
        std::find(a.theme_ids.begin(), a.theme_ids.end(), theme) == a.theme_ids.end()) {
      return false;
    }
    return true;
  }
};

nlohmann::json options(const std::vector<std::pair<std::string, std::string>>& values,
                       const std::string& selected) {
  auto out = nlohmann::json::array();
  for (const auto& [value, label] : values) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return out;
}

void add_summaries(nlohmann::json& view, const http::Request& request, const RoundView& r) {
  auto groups = nlohmann::json::array();
  for (const auto& a : r.invited) {
    std::int64_t n = 0;
    for (const auto& [audience, count] : r.responses) {
      if (audience == a) n = count;
    }
    groups.push_back({{"value", a}, {"key", audience_key(a)}, {"responses", n}});
  }
  view["groups"] = groups;
  auto means = mean_ratings(r.answers);
  auto rating_rows = nlohmann::json::array();
  for (const auto& part : r.parts) {
    auto cells = nlohmann::json::array();
    for (const auto& a : r.invited) {
      auto found = means.find({part.key, a});
      nlohmann::json cell = {{"value", "–"}};
      if (found != means.end() && found->second.withheld) {
        cell = {{"withheld", true}, {"ratings", found->second.ratings}};
      } else if (found != means.end() && found->second.mean) {
        cell = {{"value", one_decimal(*found->second.mean)}, {"ratings", found->second.ratings}};
      }
      cells.push_back(std::move(cell));
    }
    rating_rows.push_back({{"label", part.label}, {"cells", cells}});
  }
  view["rating_rows"] = rating_rows;
  auto counts = theme_counts(r.answers);
  auto theme_rows = nlohmann::json::array();
  auto count_row = [&](const std::string& id, const std::string& label, bool untagged) {
    auto cells = nlohmann::json::array();
    std::int64_t total = 0;
    for (const auto& a : r.invited) {
      auto found = counts.find({a, id});
      auto n = found == counts.end() ? 0 : found->second;
      total += n;
      cells.push_back({{"value", n}});
    }
    theme_rows.push_back(
        {{"label", label}, {"untagged", untagged}, {"cells", cells}, {"total", total}});
  };
  for (const auto& t : r.themes) count_row(t.id, t.name, false);
  count_row("", "", true);
  view["theme_rows"] = theme_rows;
  (void)request;
}

http::Response round_page(const Pages& pages, http::Request& request, nlohmann::json view,
                          int status) {
  auto r = pages.service->round(request.param("round"));
  const auto& round = r.round;
  auto href = round_href(round.id);
  view["title_detail"] = round.title;
  if (!view.contains("reopen_closes_on")) view["reopen_closes_on"] = round.closes_on;
  view["can_manage"] = true;  // every route here asks planning.manage
  view["round"] = {{"title", round.title},
                   {"opens_on", round.opens_on},
                   {"closes_on", round.closes_on},
                   {"status_key", "planning.vision.round.status." + round.status},
                   {"open", round.status == "open"},
                   {"responses", round.responses},
                   {"on_version", !round.version_id.empty()},
                   {"version_number", round.version_number},
                   {"version_href", version_href(round.version_id)},
                   {"plan_title", round.subject_label}};
  view["status_action"] = href + "/status";
  view["links_action"] = href + "/links";
  view["changes_action"] = href + "/changes";
  view["csv_href"] = href + "/comments.csv";
  view["href"] = href;
  add_summaries(view, request, r);

  Filter filter{request.query_value("audience").value_or(""),
                request.query_value("part").value_or(""),
                request.query_value("theme").value_or("")};
  std::vector<std::pair<std::string, std::string>> audience_values, part_values, theme_values;
  for (const auto& a : r.invited) {
    audience_values.emplace_back(a, web::translate(request, audience_key(a)));
  }
  for (const auto& p : r.parts) part_values.emplace_back(p.key, p.label);
  for (const auto& t : r.themes) theme_values.emplace_back(t.id, t.name);
  theme_values.emplace_back("none", web::translate(request, "planning.vision.round.no_theme"));
  view["audience_options"] = options(audience_values, filter.audience);
  view["part_options"] = options(part_values, filter.part);
  view["theme_options"] = options(theme_values, filter.theme);
  {
    std::string back;
    for (const auto& [name, value] :
         {std::pair{"audience", filter.audience}, {"part", filter.part}, {"theme", filter.theme}}) {
      if (value.empty()) continue;
      back += (back.empty() ? "?" : "&") + std::string(name) + "=" + http::url_encode(value);
    }
    view["back"] = back;
  }
  view["filtered"] = !filter.audience.empty() || !filter.part.empty() || !filter.theme.empty();

  std::map<std::string, std::string> theme_names;
  for (const auto& t : r.themes) theme_names[t.id] = t.name;
  auto comments = nlohmann::json::array();
  std::size_t total = 0;
  for (const auto& a : r.answers) {
    if (a.comment.empty()) continue;
    ++total;
    if (!filter.matches(a)) continue;
    auto tags = nlohmann::json::array();
    auto choices = nlohmann::json::array();
    for (const auto& t : r.themes) {
      bool on = std::find(a.theme_ids.begin(), a.theme_ids.end(), t.id) != a.theme_ids.end();
      if (on) tags.push_back({{"name", t.name}});
      choices.push_back({{"id", t.id}, {"name", t.name}, {"checked", on}, {"answer_id", a.id}});
    }
    comments.push_back({{"id", a.id},
                        {"part", a.part_label},
                        {"audience_key", audience_key(a.audience)},
                        {"rating", a.rating ? std::to_string(*a.rating) : std::string()},
                        {"has_rating", a.rating.has_value()},
                        {"language", a.language},
                        {"comment", a.comment},
                        {"on", day_of(a.submitted_at)},
                        {"tags", tags},
                        {"has_tags", !tags.empty()},
                        {"choices", choices},
                        {"tag_action", href + "/answers/" + http::url_encode(a.id) + "/themes"}});
  }
  view["comments"] = comments;
  view["shown"] = comments.size();
  view["total"] = total;
  view["has_comments"] = !comments.empty();

  auto changes = nlohmann::json::array();
  for (const auto& c : r.changes) {
    changes.push_back({{"description", c.description},
                       {"part", c.part_label},
                       {"has_part", !c.part_label.empty()},
                       {"theme", c.theme_name},
                       {"has_theme", !c.theme_name.empty()},
                       {"version_number", c.version_number},
                       {"version_href", version_href(c.version_id)},
                       {"has_version", !c.version_id.empty()},
                       {"on", day_of(c.created_at)}});
  }
  view["changes"] = changes;
  view["has_changes"] = !changes.empty();
  auto kept = view.value("change", nlohmann::json::object());
  view["change_part_options"] = options(part_values, kept.value("part", ""));
  std::vector<std::pair<std::string, std::string>> real_themes(theme_values.begin(),
                                                               theme_values.end() - 1);
  view["change_theme_options"] = options(real_themes, kept.value("theme", ""));
  std::vector<std::pair<std::string, std::string>> version_values;
  for (const auto& v : r.versions) {
    version_values.emplace_back(v.id, web::translate(request, "planning.vision.version.numbered",
                                                     {{"number", std::to_string(v.number)}}));
  }
  view["change_version_options"] = options(version_values, kept.value("version", ""));
  return page(request, "round", "planning.vision.round.title", std::move(view), status);
}

http::Response tag_answer(const Pages& pages, http::Request& request) {
  auto form = auth::request_form(request);
  auto new_theme = auth::field(form, "new_theme");
  try {
    pages.service->tag(request.param("round"), request.param("answer"), form_list(request, "theme"),
                       new_theme, audit::event_for(request, "planning.vision.answer.tag"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"tag_error_answer", request.param("answer")}};
    add_problems(view, invalid.problems());
    return round_page(pages, request, std::move(view), 422);
  }
  auto back = auth::field(form, "back");
  // Back to the same filtered list, at the comment.
  if (!back.starts_with("?")) back.clear();
  return http::Response::redirect(round_href(request.param("round")) + back + "#answer-" +
                                  request.param("answer"));
}

http::Response record_change(const Pages& pages, http::Request& request) {
  auto form = auth::request_form(request);
  ChangeInput input{auth::field(form, "description"), auth::field(form, "part"),
                    auth::field(form, "theme"), auth::field(form, "version")};
  try {
    pages.service->record_change(request.param("round"), input,
                                 audit::event_for(request, "planning.vision.change.record"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = {{"change",
                            {{"description", input.description},
                             {"part", input.part_key},
                             {"theme", input.theme_id},
                             {"version", input.version_id}}}};
    view["description"] = input.description;
    add_problems(view, invalid.problems());
    return round_page(pages, request, std::move(view), 422);
  }
  return http::Response::redirect(round_href(request.param("round")) + "#changes");
}

http::Response comments_csv(const Pages& pages, http::Request& request) {
  auto r = pages.service->round(request.param("round"));
  std::map<std::string, std::string> theme_names;
  for (const auto& t : r.themes) theme_names[t.id] = t.name;
  auto t = [&](std::string_view key) { return web::translate(request, key); };
  std::string body = csv::row({t("planning.vision.csv.part"), t("planning.vision.csv.group"),
                               t("planning.vision.csv.rating"), t("planning.vision.csv.themes"),
                               t("planning.vision.csv.comment"), t("planning.vision.csv.date")});
  for (const auto& a : r.answers) {
    if (a.comment.empty()) continue;
    std::string themes;
    for (const auto& id : a.theme_ids) {
      if (!themes.empty()) themes += "; ";
      themes += theme_names[id];
    }
    body += csv::row({a.part_label, t(audience_key(a.audience)),
                      a.rating ? std::to_string(*a.rating) : std::string(), themes, a.comment,
                      day_of(a.submitted_at)});
  }
  return http::download(std::move(body), "text/csv; charset=utf-8", "input-comments.csv");
}

}  // namespace

void add_round_pages(http::Router& router, const Pages& pages) {
  auto manage = http::Access::to("planning.manage");
  auto route = [&](std::string method, std::string pattern,
                   http::Response (*handler)(const Pages&, http::Request&)) {
    router.add({.method = std::move(method),
                .pattern = std::move(pattern),
                .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
                .access = manage});
  };
  route("GET", "/planning/vision/rounds/new", [](const Pages& p, http::Request& r) {
    return new_round_page(p, r, nlohmann::json::object());
  });
  route("POST", "/planning/vision/rounds", open_round);
  route("GET", "/planning/vision/rounds/{round}", [](const Pages& p, http::Request& r) {
    return round_page(p, r, nlohmann::json::object());
  });
  route("POST", "/planning/vision/rounds/{round}/status", set_status);
  route("POST", "/planning/vision/rounds/{round}/links", new_link);
  route("POST", "/planning/vision/rounds/{round}/answers/{answer}/themes", tag_answer);
  route("POST", "/planning/vision/rounds/{round}/changes", record_change);
  route("GET", "/planning/vision/rounds/{round}/comments.csv", comments_csv);
}

}  // namespace lodestar::planning::vision
