// /planning/vision: the district's shared vision, its versions and input rounds.
#include "planning/vision/pages.h"

#include "planning/routes.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/markdown.h"
#include "platform/web/view.h"

namespace lodestar::planning {

void add_vision_pages(http::Router& router, const AppContext& context, auth::AuthService& auth) {
  vision::Pages pages{context, auth, std::make_shared<vision::VisionService>(context.db)};
  vision::add_version_pages(router, pages);
  vision::add_round_pages(router, pages);
  vision::add_input_pages(router, pages);
}

}  // namespace lodestar::planning

namespace lodestar::planning::vision {

http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  return web::render_page(request, "planning/vision/" + std::string(name), title_key,
                          std::move(view), status);
}

void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  for (auto& error : view["errors"]) {
    auto field = error.value("field", std::string());
    auto dash = field.find('-');
    error["label_key"] = "planning.vision.label." + field.substr(0, dash);
  }
}

std::vector<std::string> form_list(const http::Request& request, std::string_view name) {
  std::vector<std::string> out;
  std::string_view body = request.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    auto form = auth::parse_form(pair);
    auto found = form.find(name);
    if (found != form.end()) out.push_back(found->second);
  }
  return out;
}

std::string day_of(std::string_view time) {
  return std::string(time.substr(0, 10));
}

std::string round_href(std::string_view id) {
  return "/planning/vision/rounds/" + http::url_encode(std::string(id));
}

std::string version_href(std::string_view id) {
  return "/planning/vision/versions/" + http::url_encode(std::string(id));
}

nlohmann::json version_json(const Version& v) {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& p : v.parts) {
    parts.push_back({{"id", p.id},
                     {"heading", p.heading},
                     {"body", p.body},
                     {"html", web::markdown_to_html(p.body)}});
  }
  return {{"id", v.id},
          {"href", version_href(v.id)},
          {"number", v.number},
          {"status", v.status},
          {"status_key", "planning.vision.status." + v.status},
          {"is_draft", v.status == "draft"},
          {"is_adopted", v.status == "adopted"},
          {"note", v.note},
          {"has_note", !v.note.empty()},
          {"updated_on", day_of(v.updated_at)},
          {"adopted_on", day_of(v.adopted_at)},
          {"parts", parts},
          {"has_parts", !parts.empty()}};
}

std::string input_link(const AppContext& context, std::string_view token) {
  return context.public_url + "/input/" + std::string(token);
}

}  // namespace lodestar::planning::vision
