// Managing frameworks from the web: uploading a CASE package and accepting a suggested
// crosswalk link. Both need the frameworks.manage permission and are audited.
#include <nlohmann/json.hpp>

#include "frameworks/case/locate.h"
#include "frameworks/case/package.h"
#include "frameworks/routes.h"
#include "frameworks/service.h"
#include "platform/audit/audit.h"
#include "platform/auth/clock.h"
#include "platform/auth/form.h"
#include "platform/errors.h"
#include "platform/http/dispatcher.h"
#include "platform/http/multipart.h"
#include "platform/settings.h"
#include "platform/web/view.h"

namespace lodestar::frameworks {
namespace {

bool case_api_private(const AppContext& context) {
  return context.db.read([](store::Tx& tx) { return settings::flag(tx, kCaseApiRequiresToken); });
}

http::Response import_form(const AppContext& context, const http::Request& request,
                           nlohmann::json view, int status = 200) {
  view["csrf_token"] = request.principal->csrf_token;
  view["case_api_private"] = case_api_private(context);
  return web::render_page(request, "frameworks/import", "frameworks.import_title", std::move(view),
                          status);
}

// Who may read the CASE API: everyone (the default: standards are public) or only people and
// systems with a session or an API token.
http::Response set_case_api_access(const AppContext& context, http::Request& request) {
  auto access = auth::field(auth::request_form(request), "case_api");
  if (access != "public" && access != "private") {
    throw Invalid(
        std::vector<FieldProblem>{{"case_api", "frameworks.case_api.bad_choice", access}});
  }
  context.db.write([&](store::Tx& tx) {
    settings::set(tx, kCaseApiRequiresToken, access == "private" ? "true" : "false");
    auto event = audit::event_for(request, "frameworks.case_api_access");
    event.detail = {{"access", access}};
    audit::record(tx, event);
  });
  return http::Response::redirect("/frameworks/import#case-api");
}

http::Response import_upload(const AppContext& context, http::Request& request) {
  auto parts = http::multipart_parts(request);
  const http::FormPart* file = parts ? http::find_part(*parts, "package") : nullptr;
  if (!file || file->data.empty()) {
    return import_form(context, request, {{"error_package", "frameworks.import.error.no_file"}},
                       400);
  }
  try {
    auto summary =
        import_case(context.db, file->data, audit::event_for(request, "frameworks.import"));
    nlohmann::json view = {{"imported", true},
                           {"created", summary.created},
                           {"title", summary.title},
                           {"items", summary.items},
                           {"associations", summary.associations},
                           {"href", "/frameworks/" + http::url_encode(summary.document_id)},
                           {"filename", file->filename}};
    return import_form(context, request, view);
  } catch (const Invalid& invalid) {
    // Every problem, where it is in the file and what is wrong, for the person to correct.
    auto problems = nlohmann::json::array();
    for (const auto& p : locate_problems(file->data, invalid.problems())) {
      problems.push_back({{"path", p.path},
                          {"key", p.message_key},
                          {"detail", p.detail},
                          {"line", p.at.line},
                          {"column", p.at.column}});
    }
    nlohmann::json view = {
        {"problems", problems}, {"problem_count", problems.size()}, {"filename", file->filename}};
    return import_form(context, request, view, 422);
  }
}

// Accepting a suggested link: it becomes an isRelatedTo association in a Lodestar crosswalk
// document for the two frameworks (created with the first accepted link).
http::Response accept_link(const AppContext& context, const std::string& public_url,
                           http::Request& request) {
  auto form = auth::request_form(request);
  auto from = auth::field(form, "from");
  auto to = auth::field(form, "to");
  auto left = auth::field(form, "left");
  auto right = auth::field(form, "right");
  context.db.write([&](store::Tx& tx) {
    auto origin = item_object(tx, from);
    auto destination = item_object(tx, to);
    std::vector<FieldProblem> problems;
    if (!origin) problems.push_back({"from", "frameworks.alignment.unknown_item", from});
    if (!destination) problems.push_back({"to", "frameworks.alignment.unknown_item", to});
    if (!problems.empty()) throw Invalid(std::move(problems));
    auto now = auth::to_iso8601(auth::SystemClock::instance().now());
    auto origin_doc = nlohmann::json::parse(origin->document_json);
    auto destination_doc = nlohmann::json::parse(destination->document_json);
    // The crosswalk document of this pair (remembered in a setting), if a link was accepted
    // before.
    auto key = "frameworks.accepted_crosswalk:" + origin_doc.value("identifier", "") + ":" +
               destination_doc.value("identifier", "");
    std::optional<Package> package;
    if (auto existing = settings::get(tx, key)) {
      if (auto stored = stored_package(tx, *existing)) package = read_package(stored->body);
    }
    if (!package) {
      package.emplace();
      auto id = random_uuid();
      package->document = {
          {"identifier", id},
          {"uri", public_url + "/ims/case/v1p0/CFDocuments/" + id},
          {"creator", "Lodestar"},
          {"title", "Crosswalk: " + origin_doc.value("title", "") + " ↔ " +
                        destination_doc.value("title", "")},
          {"lastChangeDateTime", now},
          {"adoptionStatus", "Draft"},
          {"language", "en"},
          {"description", "Links between two frameworks accepted in Lodestar from suggestions."},
          {"CFPackageURI",
           {{"title", "Crosswalk"},
            {"identifier", id},
            {"uri", public_url + "/ims/case/v1p0/CFPackages/" + id}}}};
    }
    auto id = random_uuid();
    package->associations.push_back(
        {{"identifier", id},
         {"uri", public_url + "/ims/case/v1p0/CFAssociations/" + id},
         {"associationType", "isRelatedTo"},
         {"originNodeURI", link_uri(nlohmann::json::parse(origin->json))},
         {"destinationNodeURI", link_uri(nlohmann::json::parse(destination->json))},
         {"sequenceNumber", static_cast<int>(package->associations.size()) + 1},
         {"lastChangeDateTime", now}});
    package->document["lastChangeDateTime"] = now;
    save_package(tx, *package, "lodestar");
    settings::set(tx, key, package->id());
    auto event = audit::event_for(request, "frameworks.crosswalk_accept");
    event.subject_type = "case_association";
    event.subject_id = id;
    event.detail = {{"from", from}, {"to", to}};
    audit::record(tx, event);
  });
  return http::Response::redirect("/frameworks/compare?left=" + http::url_encode(left) + "&right=" +
                                  http::url_encode(right) + "#item-" + http::url_encode(from));
}

}  // namespace

void add_import_pages(http::Router& router, const AppContext& context, Module&) {
  auto access = http::Access::to("frameworks.manage");
  router.add({.method = "GET",
              .pattern = "/frameworks/import",
              .handler =
                  [&context](http::Request& r) {
                    return import_form(context, r, nlohmann::json::object());
                  },
              .access = access});
  router.add({.method = "POST",
              .pattern = "/frameworks/import",
              .handler = [&context](http::Request& r) { return import_upload(context, r); },
              .access = access});
  router.add({.method = "POST",
              .pattern = "/frameworks/case-api",
              .handler = [&context](http::Request& r) { return set_case_api_access(context, r); },
              .access = access});
  router.add(
      {.method = "POST",
       .pattern = "/frameworks/crosswalks",
       .handler =
           [&context](http::Request& r) { return accept_link(context, context.public_url, r); },
       .access = access});
}

}  // namespace lodestar::frameworks
