// The vision and its versions: /planning/vision (the adopted version first, the versions, the
// rounds and what changed because of them), a version's page (its draft's edit form) and the
// comparison of two versions part by part.
#include "planning/vision/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"

namespace lodestar::planning::vision {
namespace {

bool can_manage(const Pages& pages, const http::Request& request) {
  return request.principal &&
         pages.context.policy.can(*request.principal, "planning.manage", std::nullopt);
}

nlohmann::json change_json(const Change& c) {
  return {{"description", c.description},
          {"round_title", c.round_title},
          {"round_href", round_href(c.round_id)},
          {"part", c.part_label},
          {"has_part", !c.part_label.empty()},
          {"theme", c.theme_name},
          {"has_theme", !c.theme_name.empty()},
          {"version_number", c.version_number},
          {"version_href", version_href(c.version_id)},
          {"has_version", !c.version_id.empty()},
          {"on", day_of(c.created_at)}};
}

http::Response overview_page(const Pages& pages, http::Request& request) {
  auto o = pages.service->overview();
  nlohmann::json view = {{"can_manage", can_manage(pages, request)}};
  if (o.adopted) view["adopted"] = version_json(*o.adopted);
  view["has_adopted"] = o.adopted.has_value();
  auto versions = nlohmann::json::array();
  for (const auto& v : o.versions) versions.push_back(version_json(v));
  view["versions"] = versions;
  view["has_versions"] = !versions.empty();
  view["can_compare"] = versions.size() >= 2;
  auto rounds = nlohmann::json::array();
  for (const auto& r : o.rounds) {
    rounds.push_back({{"title", r.title},
                      {"href", round_href(r.id)},
                      {"opens_on", r.opens_on},
                      {"closes_on", r.closes_on},
                      {"status_key", "planning.vision.round.status." + r.status},
                      {"responses", r.responses}});
  }
  view["rounds"] = rounds;
  view["has_rounds"] = !rounds.empty();
  auto changes = nlohmann::json::array();
  for (const auto& c : o.changes) changes.push_back(change_json(c));
  view["changes"] = changes;
  view["has_changes"] = !changes.empty();
  return page(request, "vision", "planning.vision.title", std::move(view));
}

http::Response create_version(const Pages& pages, http::Request& request) {
  auto id = pages.service->new_version(audit::event_for(request, "planning.vision.version.create"));
  return http::Response::redirect(version_href(id));
}

// The edit form's rows: the parts, then one empty row to add a part.
nlohmann::json part_rows(const std::vector<Part>& parts, const nlohmann::json& errors) {
  auto rows = nlohmann::json::array();
  auto all = parts;
  all.push_back({});
  for (std::size_t i = 0; i < all.size(); ++i) {
    auto index = std::to_string(i);
    nlohmann::json row = {{"index", i},          {"number", i + 1},
                          {"id", all[i].id},     {"heading", all[i].heading},
                          {"body", all[i].body}, {"is_new", i + 1 == all.size()}};
    for (const auto* field : {"heading", "body"}) {
      auto key = std::string(field) + "-" + index + "_error";
      if (errors.contains(key)) row[std::string(field) + "_error"] = errors[key];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

http::Response version_page(const Pages& pages, http::Request& request, nlohmann::json view,
                            const VersionInput* kept = nullptr, int status = 200) {
  auto v = pages.service->version(request.param("version"));
  view["version"] = version_json(v);
  view["title_detail"] = std::to_string(v.number);
  bool editable = v.status == "draft" && can_manage(pages, request);
  view["editable"] = editable;
  if (editable) {
    view["note"] = kept ? kept->note : v.note;
    view["rows"] = part_rows(kept ? kept->parts : v.parts, view);
    view["part_count"] = view["rows"].size();
    view["action"] = version_href(v.id);
    view["adopt_action"] = version_href(v.id) + "/adopt";
    view["round_href"] = "/planning/vision/rounds/new?subject=version:" + http::url_encode(v.id);
  }
  if (request.query_value("saved")) view["saved"] = true;
  return page(request, "version", "planning.vision.version.title", std::move(view), status);
}

VersionInput version_input(const http::Request& request) {
  auto form = auth::request_form(request);
  VersionInput input;
  input.note = auth::field(form, "note");
  auto count = auth::field(form, "parts");
  std::size_t n = 0;
  for (char c : count) {
    if (c < '0' || c > '9' || n > 100) break;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(n, 100); ++i) {
    auto index = std::to_string(i);
    input.parts.push_back({auth::field(form, "id-" + index), auth::field(form, "heading-" + index),
                           auth::field(form, "body-" + index)});
  }
  return input;
}

http::Response save_version(const Pages& pages, http::Request& request) {
  auto input = version_input(request);
  try {
    pages.service->save_version(request.param("version"), input,
                                audit::event_for(request, "planning.vision.version.save"));
  } catch (const Invalid& invalid) {
    nlohmann::json view = nlohmann::json::object();
    add_problems(view, invalid.problems());
    // The empty row the form adds is not sent back as a part.
    if (!input.parts.empty() && input.parts.back().heading.empty() &&
        input.parts.back().body.empty() && input.parts.back().id.empty()) {
      input.parts.pop_back();
    }
    return version_page(pages, request, std::move(view), &input, 422);
  }
  return http::Response::redirect(version_href(request.param("version")) + "?saved=1");
}

http::Response adopt_version(const Pages& pages, http::Request& request) {
  pages.service->adopt(request.param("version"),
                       audit::event_for(request, "planning.vision.version.adopt"));
  return http::Response::redirect("/planning/vision?adopted=1");
}

http::Response compare_page(const Pages& pages, http::Request& request) {
  auto o = pages.service->overview();
  auto from = request.query_value("from").value_or("");
  auto to = request.query_value("to").value_or("");
  // By default the two newest versions.
  if (from.empty() && o.versions.size() >= 2) from = o.versions[1].id;
  if (to.empty() && !o.versions.empty()) to = o.versions[0].id;
  nlohmann::json view;
  auto options = [&](const std::string& selected) {
    auto out = nlohmann::json::array();
    for (const auto& v : o.versions) {
      out.push_back({{"value", v.id},
                     {"number", v.number},
                     {"status_key", "planning.vision.status." + v.status},
                     {"selected", v.id == selected}});
    }
    return out;
  };
  view["from_options"] = options(from);
  view["to_options"] = options(to);
  if (!from.empty() && !to.empty()) {
    auto before = pages.service->version(from);
    auto after = pages.service->version(to);
    if (before.org_id != o.org_id || after.org_id != o.org_id) {
      throw NotFound("error.not_found");
    }
    view["from_number"] = before.number;
    view["to_number"] = after.number;
    auto rows = nlohmann::json::array();
    std::size_t changed = 0;
    for (const auto& row : compare(before.parts, after.parts)) {
      if (row.changed) ++changed;
      rows.push_back({{"heading", row.heading},
                      {"before", row.before.value_or("")},
                      {"after", row.after.value_or("")},
                      {"added", !row.before},
                      {"removed", !row.after},
                      {"changed", row.changed}});
    }
    view["rows"] = rows;
    view["changed_count"] = changed;
    view["has_comparison"] = true;
  }
  return page(request, "compare", "planning.vision.compare.title", std::move(view));
}

}  // namespace

void add_version_pages(http::Router& router, const Pages& pages) {
  // The vision is the whole district's, and staff read it wherever their role is held: at a
  // school as much as at the district. So reading is asked about an organization where the
  // person holds planning.view (none: denied); writing stays at district level.
  const auth::Policy& policy = pages.context.policy;
  http::OrgResolver reader_org = [&policy](const http::Request& r) -> std::optional<std::string> {
    if (!r.principal) return std::nullopt;
    auto scopes = policy.scopes(*r.principal, "planning.view");
    if (scopes.empty()) return std::nullopt;
    return scopes.front();
  };
  auto route = [&](std::string method, std::string pattern, std::string permission,
                   http::Response (*handler)(const Pages&, http::Request&)) {
    auto access = permission == "planning.view" ? http::Access::to(permission, reader_org)
                                                : http::Access::to(permission);
    router.add({.method = std::move(method),
                .pattern = std::move(pattern),
                .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
                .access = std::move(access)});
  };
  route("GET", "/planning/vision", "planning.view", overview_page);
  route("GET", "/planning/vision/compare", "planning.view", compare_page);
  route("POST", "/planning/vision/versions", "planning.manage", create_version);
  route("GET", "/planning/vision/versions/{version}", "planning.view",
        [](const Pages& p, http::Request& r) {
          return version_page(p, r, nlohmann::json::object());
        });
  route("POST", "/planning/vision/versions/{version}", "planning.manage", save_version);
  route("POST", "/planning/vision/versions/{version}/adopt", "planning.manage", adopt_version);
}

}  // namespace lodestar::planning::vision
