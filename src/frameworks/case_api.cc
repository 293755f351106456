#include "frameworks/case_api.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <memory>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "frameworks/service.h"
#include "frameworks/store.h"
#include "platform/errors.h"
#include "platform/http/etag.h"
#include "platform/settings.h"
#include "platform/store/read_cache.h"

namespace lodestar::frameworks {
namespace {

constexpr std::string_view kBase = "/ims/case/v1p0";
constexpr std::chrono::milliseconds kFreshFor{1000};

[[noreturn]] void unknown(const std::string& id) {
  throw NotFound("error.not_found", is_uuid(id) ? "Unknown Object: " + id : "Invalid UUID: " + id);
}

http::Response json_response(const http::Request& request, std::string body) {
  auto response = http::Response::text(std::move(body), "application/json");
  response.set_header("Cache-Control", "no-cache");
  return http::conditional(request, std::move(response));
}

// A stored object as served alone: with the CFDocumentURI the package form leaves out.
nlohmann::json standalone(const StoredObject& object) {
  auto json = nlohmann::json::parse(object.json);
  json["CFDocumentURI"] = link_uri(nlohmann::json::parse(object.document_json));
  return json;
}

std::size_t count_param(const http::Request& request, const char* name, std::size_t fallback) {
  auto value = request.query_value(name);
  if (!value) return fallback;
  std::size_t n = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (error != std::errc() || end != value->data() + value->size()) {
    throw Failure("error.bad_request", std::string(name) + " must be a whole number ≥ 0");
  }
  return n;
}

// GET CFDocuments: limit, offset, sort (a CFDocument field) and orderBy (asc|desc), with the
// total in X-Total-Count.
http::Response list_documents(const AppContext& context, const http::Request& request) {
  static const std::vector<std::string> kSortable = {
      "identifier", "title",          "creator",   "lastChangeDateTime",
      "version",    "adoptionStatus", "publisher", "language"};
  for (const char* unsupported : {"filter", "fields"}) {
    if (request.query_value(unsupported)) {
      throw Failure("error.bad_request",
                    std::string(unsupported) + " is not supported by this service provider");
    }
  }
  auto sort = request.query_value("sort").value_or("title");
  if (std::find(kSortable.begin(), kSortable.end(), sort) == kSortable.end()) {
    std::string fields;
    for (const auto& f : kSortable) fields += (fields.empty() ? "" : ", ") + f;
    throw Failure(
        "error.bad_request",
        "sort: '" + sort + "' is not a field documents can be sorted by (" + fields + ")");
  }
  auto order = request.query_value("orderBy").value_or("asc");
  if (order != "asc" && order != "desc") {
    throw Failure("error.bad_request", "orderBy must be asc or desc");
  }
  auto limit = count_param(request, "limit", 100);
  auto offset = count_param(request, "offset", 0);
  auto rows = context.db.read([](store::Tx& tx) { return documents(tx); });
  std::vector<nlohmann::json> docs;
  for (const auto& row : rows) docs.push_back(nlohmann::json::parse(row.json));
  std::stable_sort(docs.begin(), docs.end(), [&](const auto& a, const auto& b) {
    auto x = a.value(sort, ""), y = b.value(sort, "");
    return order == "asc" ? x < y : y < x;
  });
  nlohmann::json out = {{"CFDocuments", nlohmann::json::array()}};
  for (std::size_t i = offset; i < docs.size() && i < offset + limit; ++i) {
    out["CFDocuments"].push_back(std::move(docs[i]));
  }
  auto response = json_response(request, out.dump());
  response.set_header("X-Total-Count", std::to_string(docs.size()));
  return response;
}

// Whole packages are the API's largest and most asked-for answers: kept in memory, checked
// against this process's writes, and at most a second old for another server's.
using PackageCache = store::ReadCache<StoredPackage>;

http::Response package(PackageCache& cache, const http::Request& request) {
  const auto& id = request.param("id");
  auto stored = cache.get(id);
  if (!stored) unknown(id);
  http::Response response;
  response.headers.emplace_back("Content-Type", "application/json");
  // Sent from the cache's own copy: no 40 KB copy per request.
  response.shared_body = std::shared_ptr<const std::string>(stored, &stored->body);
  response.set_header("ETag", stored->etag);
  response.set_header("Cache-Control", "no-cache");
  return http::conditional(request, std::move(response));
}

http::Response item_associations(const AppContext& context, const http::Request& request) {
  const auto& id = request.param("id");
  return context.db.read([&](store::Tx& tx) {
    auto found = item_object(tx, id);
    if (!found) unknown(id);
    nlohmann::json out = {{"CFItem", standalone(*found)},
                          {"CFAssociations", nlohmann::json::array()}};
    for (const auto& a : associations_of_item(tx, id)) {
      out["CFAssociations"].push_back(standalone(a));
    }
    return json_response(request, out.dump());
  });
}

// CFItemTypes, CFConcepts and CFSubjects answer with a set: the one asked for, then those below
// it by hierarchyCode.
http::Handler definition_set_handler(const AppContext& context, std::string kind) {
  return [&context, kind](http::Request& request) {
    const auto& id = request.param("id");
    auto set = context.db.read([&](store::Tx& tx) { return definition_set(tx, kind, id); });
    if (set.empty()) unknown(id);
    nlohmann::json out = {{kind, nlohmann::json::array()}};
    for (const auto& json : set) out[kind].push_back(nlohmann::json::parse(json));
    return json_response(request, out.dump());
  };
}

http::Handler definition_handler(const AppContext& context, std::string kind) {
  return [&context, kind](http::Request& request) {
    const auto& id = request.param("id");
    auto json = context.db.read([&](store::Tx& tx) { return definition_object(tx, kind, id); });
    if (!json) unknown(id);
    return json_response(request, std::move(*json));
  };
}

}  // namespace

void add_case_api_routes(http::Router& router, const AppContext& context) {
  // Asked on every CASE request: the setting is cached the same way as packages.
  auto requires_token = std::make_shared<store::ReadCache<bool>>(
      context.db, kFreshFor, [](store::Tx& tx, const std::string& key) {
        return std::make_shared<const bool>(settings::flag(tx, key));
      });
  auto packages = std::make_shared<PackageCache>(
      context.db, kFreshFor,
      [](store::Tx& tx, const std::string& id) -> std::shared_ptr<const StoredPackage> {
        auto stored = stored_package(tx, id);
        if (!stored) return nullptr;
        return std::make_shared<const StoredPackage>(std::move(*stored));
      });
  http::Access access = http::Access::signed_in();
  access.public_when = [requires_token](const http::Request&) {
    return !*requires_token->get(std::string(kCaseApiRequiresToken));
  };
  auto add = [&](std::string path, http::Handler handler) {
    router.add({.method = "GET",
                .pattern = std::string(kBase) + path,
                .handler = std::move(handler),
                .access = access,
                .kind = http::RouteKind::kApi});
  };
  add("/CFDocuments",
      [&context](http::Request& request) { return list_documents(context, request); });
  add("/CFDocuments/{id}", [&context](http::Request& request) {
    const auto& id = request.param("id");
    auto row = context.db.read([&](store::Tx& tx) { return document(tx, id); });
    if (!row) unknown(id);
    return json_response(request, row->json);
  });
  add("/CFPackages/{id}",
      [packages](http::Request& request) { return package(*packages, request); });
  add("/CFItems/{id}", [&context](http::Request& request) {
    const auto& id = request.param("id");
    auto found = context.db.read([&](store::Tx& tx) { return item_object(tx, id); });
    if (!found) unknown(id);
    return json_response(request, standalone(*found).dump());
  });
  add("/CFAssociations/{id}", [&context](http::Request& request) {
    const auto& id = request.param("id");
    auto found = context.db.read([&](store::Tx& tx) { return association_object(tx, id); });
    if (!found) unknown(id);
    return json_response(request, standalone(*found).dump());
  });
  add("/CFItemAssociations/{id}",
      [&context](http::Request& request) { return item_associations(context, request); });
  add("/CFItemTypes/{id}", definition_set_handler(context, "CFItemTypes"));
  add("/CFConcepts/{id}", definition_set_handler(context, "CFConcepts"));
  add("/CFSubjects/{id}", definition_set_handler(context, "CFSubjects"));
  add("/CFLicenses/{id}", definition_handler(context, "CFLicenses"));
  add("/CFAssociationGroupings/{id}", definition_handler(context, "CFAssociationGroupings"));
  add("/CFRubrics/{id}", definition_handler(context, "CFRubrics"));
}

}  // namespace lodestar::frameworks
