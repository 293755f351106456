#include "platform/app.h"

#include "frameworks/routes.h"
#include "frameworks/service.h"
#include "growth/records/routes.h"
#include "growth/routes.h"
#include "learning/routes.h"
#include "people/directory/routes.h"
#include "people/roles/routes.h"
#include "people/roster/routes.h"
#include "planning/routes.h"
#include "platform/audit/audit.h"
#include "platform/audit/routes.h"
#include "platform/auth/authenticator.h"
#include "platform/auth/passwords.h"
#include "platform/auth/policy.h"
#include "platform/auth/routes.h"
#include "platform/auth/service.h"
#include "platform/files/blob_store.h"
#include "platform/http/static_assets.h"
#include "platform/log.h"
#include "platform/ops.h"
#include "platform/store/migrations.h"
#include "platform/web/i18n.h"
#include "platform/web/view.h"
#include "site/routes.h"

namespace lodestar {
namespace {

// Auth reports sign-ins, sign-outs, password and token changes; they go to the audit log with
// the actor's e-mail as its label.
void record_auth_event(store::Database& db, const auth::AuditEvent& e) {
  db.write([&](store::Tx& tx) {
    audit::Event event;
    event.action = e.action;
    event.actor_account_id = e.actor_account_id;
    event.actor_label = "anonymous";
    if (!e.actor_account_id.empty()) {
      auto row =
          tx.query_one("SELECT email FROM accounts WHERE id = :id", {{"id", e.actor_account_id}});
      event.actor_label = row ? row->text("email") : e.actor_account_id;
    }
    auto colon = e.subject.find(':');
    if (colon != std::string::npos) {
      event.subject_type = e.subject.substr(0, colon);
      event.subject_id = e.subject.substr(colon + 1);
    }
    event.ip = e.ip;
    event.request_id = e.request_id;
    if (!e.detail.empty()) event.detail = {{"reason", e.detail}};
    audit::record(tx, event);
  });
}

}  // namespace

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
    // The standards frameworks every district starts with (once).
    if (auto loaded = frameworks::load_seed_frameworks(*db_, options.public_url); loaded > 0) {
      log::info("frameworks_loaded", {{"packages", loaded}});
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

  policy_ = std::make_unique<auth::Policy>(*db_);
  context_ = std::make_unique<AppContext>(
      AppContext{*db_, metrics_, *policy_, std::chrono::system_clock::now(), options.public_url});

  // E-mail leaves through the outbox, after the transaction that queued it commits.
  mail::OutboxOptions outbox_options;
  outbox_options.from = options.smtp.from;
  outbox_options.interval = options.mail_interval;
  outbox_ =
      std::make_unique<mail::Outbox>(*db_, mail::make_transport(options.smtp), outbox_options);
  context_->mail_queued = [outbox = outbox_.get()] { outbox->notify(); };
  blobs_ = std::make_unique<files::BlobStore>(options.files_dir);

  // Sign-in, sessions and API tokens. What auth does is written to the audit log.
  hasher_ = std::make_unique<auth::PasswordHasher>();
  auth::AuthOptions auth_options;
  auth_options.trust_proxy = options.trust_proxy;
  auth_ = std::make_unique<auth::AuthService>(
      *db_, auth::SystemClock::instance(), *hasher_, auth_options,
      [db = db_.get()](const auth::AuditEvent& e) { record_auth_event(*db, e); });

  http::StaticAssets::builtin().add_routes(router_);
  auth::add_routes(router_, *context_, *auth_);
  ops::add_routes(router_, *context_);
  site::add_routes(router_, *context_);
  audit::add_routes(router_, *context_);
  people::add_directory_routes(router_, *context_);
  people::add_roster_routes(router_, *context_, options.uploads_dir);
  people::add_role_routes(router_, *context_);
  frameworks_ = std::make_unique<frameworks::Module>(*context_);
  frameworks::add_routes(router_, *context_, *frameworks_);
  growth::register_record_types(frameworks_->alignments);
  growth::add_routes(router_, *context_, *auth_, frameworks_->alignments);
  growth::add_record_routes(router_, *context_, *frameworks_, *blobs_);
  planning::register_record_types(frameworks_->alignments);
  planning::add_routes(router_, *context_, *auth_, frameworks_->alignments);
  learning::register_record_types(frameworks_->alignments);
  learning::add_routes(router_, *context_, frameworks_->alignments);

  http::DispatcherOptions dispatcher_options;
  dispatcher_options.translate = [](const http::Request& request, std::string_view key) {
    return web::translate(request, key);
  };
  dispatcher_options.authenticate = auth::make_authenticator(*auth_);
  dispatcher_ = std::make_unique<http::Dispatcher>(
      router_, metrics_,
      [policy = policy_.get()](const http::Request& request, const http::Access& access) {
        return policy->allows(request, access);
      },
      web::render_error_page, dispatcher_options);
}

App::~App() = default;

}  // namespace lodestar
