// The whole program wired together: the database, the routes of every capability, the policy and
// the dispatcher. `lodestar serve` builds one and hands its dispatcher to the server; the
// integration tests build one on an ephemeral port.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "platform/http/dispatcher.h"
#include "platform/http/metrics.h"
#include "platform/http/router.h"
#include "platform/mail/mail.h"
#include "platform/store/database.h"

namespace lodestar {

namespace frameworks {
struct Module;
}  // namespace frameworks

namespace files {
class BlobStore;
}  // namespace files

namespace auth {
class Policy;
class PasswordHasher;
class AuthService;
}  // namespace auth

// What a capability's routes may use. Owned by App; outlives every request.
struct AppContext {
  store::Database& db;
  http::Metrics& metrics;
  const auth::Policy& policy;
  std::chrono::system_clock::time_point started;
  std::string public_url;  // where people reach this server, without a trailing slash
  // Wakes the mail worker: call after a transaction that queued e-mail (mail::enqueue).
  std::function<void()> mail_queued = [] {};
};

struct AppOptions {
  std::string database_url = "sqlite:var/lodestar.db";
  std::size_t pool_size = 8;
  bool migrate = true;       // apply pending migrations on start
  bool trust_proxy = false;  // believe X-Forwarded-Proto/-For from a proxy in front
  // Where people and other systems reach this server; CASE URIs of the seed frameworks use it.
  std::string public_url = "http://127.0.0.1:8080";
  // Where uploaded files wait between "check" and "confirm" (private to the server).
  std::filesystem::path uploads_dir = std::filesystem::temp_directory_path() / "lodestar-uploads";
  // Where uploaded evidence is kept, by content hash (outside the database; back it up too).
  std::filesystem::path files_dir = "var/files";
  // Outgoing e-mail (invitations, reminders). No URL: messages wait in the outbox.
  mail::SmtpOptions smtp;
  std::chrono::milliseconds mail_interval = std::chrono::seconds(5);
};

class App {
 public:
  // Opens the database, migrates it (unless told not to) and registers every route. Throws
  // std::runtime_error (or store::SchemaTooNew) with a message a person can act on.
  explicit App(const AppOptions& options);
  ~App();

  store::Database& db() { return *db_; }
  http::Metrics& metrics() { return metrics_; }
  const http::Router& router() const { return router_; }
  const http::Dispatcher& dispatcher() const { return *dispatcher_; }
  const auth::Policy& policy() const { return *policy_; }

 private:
  std::unique_ptr<store::Database> db_;
  http::Metrics metrics_;
  http::Router router_;
  std::unique_ptr<auth::Policy> policy_;
  std::unique_ptr<auth::PasswordHasher> hasher_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<AppContext> context_;
  std::unique_ptr<frameworks::Module> frameworks_;
  std::unique_ptr<files::BlobStore> blobs_;
  std::unique_ptr<mail::Outbox> outbox_;
  std::unique_ptr<http::Dispatcher> dispatcher_;
};

}  // namespace lodestar
