#include "platform/ops.h"

#include <nlohmann/json.hpp>

#include "platform/resources.h"

namespace lodestar::ops {

void add_routes(http::Router& router, const AppContext& context) {
  using http::Access;
  using http::Request;
  using http::Response;
  using http::RouteKind;

  router.add({.method = "GET",
              .pattern = "/healthz",
              .handler =
                  [](Request&) {
                    return Response::json({{"status", "ok"}});
                  },
              .access = Access::anyone(),
              .kind = RouteKind::kApi,
              .runs_inline = true});

  router.add({.method = "GET",
              .pattern = "/readyz",
              .handler =
                  [&context](Request&) {
                    bool ready = context.db.ping();
                    return Response::json({{"status", ready ? "ok" : "unavailable"},
                                           {"database", ready ? "reachable" : "unreachable"}},
                                          ready ? 200 : 503);
                  },
              .access = Access::anyone(),
              .kind = RouteKind::kApi});

  router.add({.method = "GET",
              .pattern = "/metrics",
              .handler =
                  [&context](Request&) {
                    return Response::text(context.metrics.render(),
                                          "text/plain; version=0.0.4; charset=utf-8");
                  },
              .access = Access::anyone(),
              .kind = RouteKind::kApi,
              .runs_inline = true});

  router.add(
      {.method = "GET",
       .pattern = "/api/v1/status",
       .handler =
           [&context](Request&) {
             auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                 std::chrono::system_clock::now() - context.started);
             return Response::json(
                 {{"name", "Lodestar"},
                  {"version", LODESTAR_VERSION},
                  {"database",
                   context.db.dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"},
                  {"uptime_seconds", uptime.count()}});
           },
       .access = Access::anyone(),
       .kind = RouteKind::kApi,
       .runs_inline = true});

  router.add({.method = "GET",
              .pattern = "/api/v1/openapi.json",
              .handler =
                  [](Request&) {
                    auto document = resources::find("docs/openapi.json");
                    auto response = Response::text(std::string(document.value_or("{}")),
                                                   "application/vnd.oai.openapi+json");
                    response.set_header("Cache-Control", "public, max-age=300");
                    return response;
                  },
              .access = Access::anyone(),
              .kind = RouteKind::kApi,
              .runs_inline = true});
}

}  // namespace lodestar::ops
