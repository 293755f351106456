#include "planning/measures/pages.h"

#include "planning/access.h"

#include "planning/routes.h"
#include "platform/auth/page_support.h"
#include "platform/http/dispatcher.h"
#include "platform/web/view.h"

namespace lodestar::planning {

void add_measure_pages(http::Router& router, const AppContext& context) {
  measures::Pages pages{context, std::make_shared<measures::MeasureService>(context.db)};
  measures::add_measure_routes(router, pages);
  measures::add_upload_routes(router, pages);
  measures::add_review_routes(router, pages);
}

}  // namespace lodestar::planning

namespace lodestar::planning::measures {

http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status) {
  view["csrf_token"] = request.principal ? request.principal->csrf_token : std::string();
  return web::render_page(request, "planning/measures/" + std::string(name), title_key,
                          std::move(view), status);
}

void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems) {
  auth::add_errors(view, problems);
  std::size_t i = 0;
  for (auto& error : view["errors"]) {
    error["detail"] = problems[i++].detail;
    auto field = error.value("field", std::string());
    // c2_why → the correction's field name "why".
    if (field.size() > 3 && field[0] == 'c' && field[2] == '_') field = field.substr(3);
    error["label_key"] = "planning.measures.label." + field;
  }
}

std::string person_of(const http::Request& request) {
  return request.principal ? request.principal->person_id : std::string();
}

std::string measure_href(std::string_view id) {
  return "/planning/measures/" + http::url_encode(id);
}

std::string plan_href(std::string_view id) {
  return "/planning/plans/" + http::url_encode(id);
}

std::string reviews_href(std::string_view plan_id) {
  return plan_href(plan_id) + "/reviews";
}

http::Access access(const Pages& pages, std::string permission, std::string kind,
                    std::string param) {
  if (permission == "planning.view") return plan_reader(pages.context.policy);
  store::Database* db = &pages.context.db;
  return http::Access::to(
      std::move(permission),
      [db, kind = std::move(kind), param = std::move(param)](const http::Request& request) {
        return db->read([&](store::Tx& tx) { return db::org_of(tx, kind, request.param(param)); });
      });
}

void add_route(http::Router& router, const Pages& pages, std::string method, std::string pattern,
               http::Access access, Handler handler) {
  router.add({.method = std::move(method),
              .pattern = std::move(pattern),
              .handler = [pages, handler](http::Request& r) { return handler(pages, r); },
              .access = std::move(access)});
}

}  // namespace lodestar::planning::measures
