#include "platform/app.h"

#include "platform/http/static_assets.h"
#include "platform/log.h"
#include "platform/ops.h"
#include "platform/store/migrations.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"
#include "site/routes.h"

namespace lodestar {

App::App(const AppOptions& options) {
  db_ = store::Database::open(options.database_url, options.pool_size);
  if (options.migrate) {
    auto report = store::migrate(*db_, store::builtin_migrations(db_->dialect()));
    if (!report.applied.empty()) {
      log::info("migrated", {{"database", db_->display_url()},
                             {"from_version", report.from_version},
                             {"to_version", report.to_version},
                             {"applied", report.applied}});
    }
  } else {
    // Even unmigrated, never serve a schema from the future.
    auto known = store::builtin_migrations(db_->dialect());
    int newest = known.empty() ? 0 : known.back().version;
    int version = store::schema_version(*db_);
    if (version > newest) {
      throw store::SchemaTooNew("database " + db_->display_url() + " is at schema version " +
                                std::to_string(version) + ", but this Lodestar knows only up to " +
                                std::to_string(newest) +
                                ": upgrade Lodestar, or point it at another database");
    }
  }

  metrics_.add_gauge("lodestar_db_pool_connections", "Connections in the database pool.",
                     [db = db_.get()] { return static_cast<double>(db->stats().size); });
  metrics_.add_gauge("lodestar_db_pool_in_use", "Database connections lent out now.",
                     [db = db_.get()] { return static_cast<double>(db->stats().in_use); });

  context_ =
      std::make_unique<AppContext>(AppContext{*db_, metrics_, std::chrono::system_clock::now()});

  http::StaticAssets::builtin().add_routes(router_);
  ops::add_routes(router_, *context_);
  site::add_routes(router_, *context_);

  http::DispatcherOptions dispatcher_options;
  dispatcher_options.translate = [](const http::Request& request, std::string_view key) {
    return web::Catalog::builtin().translate(web::choose_language(request), key);
  };
  dispatcher_ = std::make_unique<http::Dispatcher>(router_, metrics_, http::public_only_policy,
                                                   web::render_error_page, dispatcher_options);
}

App::~App() = default;

}  // namespace lodestar
