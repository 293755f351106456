// The `lodestar` command: every sub-command of the one binary (CLI11). Flags may also be given
// as LODESTAR_* environment variables; a flag wins over its variable.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include <termios.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "demo/demo.h"
#include "demo/learning.h"
#include "demo/planning.h"
#include "frameworks/cli.h"
#include "frameworks/service.h"
#include "people/oneroster/import.h"
#include "platform/app.h"
#include "platform/audit/audit.h"
#include "platform/auth/accounts.h"
#include "platform/errors.h"
#include "platform/http/server.h"
#include "platform/log.h"
#include "platform/store/migrations.h"
#include "platform/web/i18n.h"

namespace {

using namespace lodestar;

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

// "127.0.0.1:8080", "[::1]:8080" or ":8080" (all interfaces).
ListenAddress parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    throw CLI::ValidationError("--listen", "'" + text + "' needs a port, e.g. 127.0.0.1:8080");
  }
  ListenAddress listen;
  listen.host = text.substr(0, colon);
  if (listen.host.size() >= 2 && listen.host.front() == '[' && listen.host.back() == ']') {
    listen.host = listen.host.substr(1, listen.host.size() - 2);
  }
  if (listen.host.empty()) listen.host = "0.0.0.0";
  auto port_text = text.substr(colon + 1);
  try {
    std::size_t used = 0;
    int port = std::stoi(port_text, &used);
    if (used != port_text.size() || port < 0 || port > 65535) throw std::out_of_range("port");
    listen.port = static_cast<std::uint16_t>(port);
  } catch (const std::exception&) {
    throw CLI::ValidationError("--listen", "'" + port_text + "' is not a port number (0-65535)");
  }
  return listen;
}

struct Options {
  std::string database = "sqlite:var/lodestar.db";
  std::string log_level = "info";
  std::string listen = "127.0.0.1:8080";
  int threads = 4;
  int io_threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  int pool_size = 8;
  bool no_migrate = false;
  std::string public_url = "http://127.0.0.1:8080";
  std::string files_dir = "var/files";
  std::string smtp_url;
  std::string smtp_from = "Lodestar <noreply@lodestar.invalid>";
  std::string smtp_user;
  bool smtp_starttls = false;
};

int serve(const Options& options) {
  auto listen = parse_listen(options.listen);
  AppOptions app_options;
  app_options.database_url = options.database;
  app_options.pool_size = static_cast<std::size_t>(options.pool_size);
  app_options.migrate = !options.no_migrate;
  app_options.public_url = options.public_url;
  app_options.files_dir = options.files_dir;
  app_options.smtp.url = options.smtp_url;
  app_options.smtp.from = options.smtp_from;
  app_options.smtp.username = options.smtp_user;
  app_options.smtp.require_tls = options.smtp_starttls;
  // The SMTP password only from the environment: flags show in `ps` and shell history.
  if (const char* password = std::getenv("LODESTAR_SMTP_PASSWORD")) {
    app_options.smtp.password = password;
  }
  if (options.smtp_url.empty()) {
    log::info("mail_disabled", {{"reason", "no --smtp-url; e-mail waits in the outbox"}});
  }
  App app(app_options);

  http::ServerOptions server_options;
  server_options.address = listen.host;
  server_options.port = listen.port;
  server_options.worker_threads = options.threads;
  server_options.io_threads = options.io_threads;
  server_options.handle_signals = true;
  // Evidence files up to files::kMaxEvidenceBytes with their multipart framing, and room to
  // refuse a larger one beside its field rather than with a bare 413.
  server_options.body_limit = 32 * 1024 * 1024;
  http::Server server(server_options, app.dispatcher());
  auto port = server.listen();
  auto shown_host =
      listen.host.find(':') != std::string::npos ? "[" + listen.host + "]" : listen.host;
  log::info("listening",
            {{"address", listen.host}, {"port", port}, {"database", app.db().display_url()}});
  // Tests and scripts wait for exactly this line.
  std::printf("Lodestar is serving http://%s:%u\n", shown_host.c_str(), port);
  std::printf("Press Ctrl+C to stop.\n");
  std::fflush(stdout);
  server.run();
  log::flush();
  return 0;
}

// Opens the database and applies pending migrations: every command that touches data does.
std::unique_ptr<store::Database> open_migrated(const Options& options) {
  auto db = store::Database::open(options.database, 2);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  frameworks::load_seed_frameworks(*db, options.public_url);
  return db;
}

int load_demo(const Options& options) {
  auto db = open_migrated(options);
  auto report = demo::load(*db);
  if (report.loaded) demo::load_growth(*db, options.public_url);
  // The plan came later than the district: a demo database from before it gets it now.
  bool plan_loaded = demo::load_planning(*db);
  bool learning_loaded = demo::load_learning(*db);
  if (report.loaded) {
    std::printf("Loaded the demo district into %s: %d schools, %d staff, %d students.\n",
                db->display_url().c_str(), report.schools, report.staff, report.students);
  } else {
    std::printf("The demo district is already in %s.\n", db->display_url().c_str());
    if (plan_loaded) std::printf("Added the demo district's strategic plan.\n");
    if (learning_loaded) std::printf("Added the demo district's professional learning.\n");
  }
  std::printf("Sign in with any of these accounts; the password is %s\n", demo::kPassword);
  for (const auto& account : report.accounts) {
    std::printf("  %-34s %s\n", account.email.c_str(), account.role.c_str());
  }
  return 0;
}

// Reads a password from the terminal without echo, or one line from standard input when it is
// not a terminal (so scripts can pipe it in). Never from a flag: flags end up in shell history
// and in `ps`.
std::string read_password(const char* prompt) {
  std::string password;
  if (isatty(STDIN_FILENO)) {
    std::fprintf(stderr, "%s", prompt);
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fprintf(stderr, "\n");
  } else {
    std::getline(std::cin, password);
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int admin_create(const Options& options, const std::string& email, const std::string& name) {
  auto password = read_password("Password for the new administrator: ");
  if (isatty(STDIN_FILENO) && read_password("Again, to be sure: ") != password) {
    std::fprintf(stderr, "lodestar: the two passwords differ; nothing was created.\n");
    return 2;
  }
  auto db = open_migrated(options);
  try {
    auth::create_administrator(*db, email, password, name.empty() ? email : name);
  } catch (const Invalid& invalid) {
    const auto& catalog = web::Catalog::builtin();
    for (const auto& problem : invalid.problems()) {
      std::fprintf(stderr, "lodestar: --%s: %s\n",
                   problem.field == "display_name" ? "name" : problem.field.c_str(),
                   catalog.translate("en", problem.message_key).c_str());
    }
    std::fprintf(stderr, "Nothing was created.\n");
    return 2;
  }
  std::printf("Created administrator %s in %s. Sign in at /sign-in.\n", email.c_str(),
              db->display_url().c_str());
  return 0;
}

// Writes what the command line did to the audit log (imports and exports of people's records).
void audit_command(store::Database& db, std::string action, nlohmann::json detail) {
  db.write([&](store::Tx& tx) {
    audit::Event event;
    event.action = std::move(action);
    event.actor_label = "command line";
    event.detail = std::move(detail);
    audit::record(tx, event);
  });
}

// A one-line progress bar on standard error, redrawn in place; only on a terminal.
void draw_progress(std::string_view stage, std::size_t done, std::size_t total) {
  constexpr int kWidth = 30;
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  std::fprintf(stderr, "\r%-18.*s [%s%s] %3d%%", static_cast<int>(stage.size()), stage.data(),
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(),
               static_cast<int>(fraction * 100));
  if (done >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

int import_roster(const Options& options, const std::string& path, bool dry_run) {
  auto db = open_migrated(options);
  people::ImportOptions import_options;
  import_options.dry_run = dry_run;
  if (isatty(STDERR_FILENO)) import_options.progress = draw_progress;
  const auto report = people::import_oneroster(*db, path, import_options);
  for (const auto& problem : report.problems) {
    std::fprintf(stderr, "%s\n", people::to_string(problem).c_str());
  }
  for (const auto& note : report.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  std::printf("%-22s %10s %10s %10s %10s\n", "file", "inserted", "updated", "deleted", "unchanged");
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [file, c] : report.counts) {
    std::printf("%-22s %10zu %10zu %10zu %10zu\n", file.c_str(), c.inserted, c.updated, c.deleted,
                c.unchanged);
    counts[file] = {{"inserted", c.inserted}, {"updated", c.updated}, {"deleted", c.deleted}};
  }
  if (!report.problems.empty()) {
    std::fprintf(stderr,
                 "%zu problem(s), each with its file:line:column above. Nothing was imported: "
                 "correct the files and run the import again.\n",
                 report.problems.size());
    return 1;
  }
  if (dry_run) {
    std::printf("Dry run: the files are valid; nothing was changed in %s.\n",
                db->display_url().c_str());
    return 0;
  }
  audit_command(*db, "roster.import", {{"source", path}, {"counts", counts}});
  std::printf("Imported into %s.\n", db->display_url().c_str());
  return 0;
}

int export_roster(const Options& options, const std::string& path) {
  auto db = open_migrated(options);
  people::export_oneroster(*db, path);
  audit_command(*db, "roster.export", {{"destination", path}});
  std::printf("Wrote the roster as OneRoster 1.1 CSV to %s.\n", path.c_str());
  return 0;
}

int migrate(const Options& options) {
  auto db = store::Database::open(options.database, 1);
  auto report = store::migrate(*db, store::builtin_migrations(db->dialect()));
  if (report.applied.empty()) {
    std::printf("%s is up to date at schema version %d.\n", db->display_url().c_str(),
                report.to_version);
  } else {
    for (const auto& name : report.applied) std::printf("applied %s\n", name.c_str());
    std::printf("%s migrated from schema version %d to %d.\n", db->display_url().c_str(),
                report.from_version, report.to_version);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  CLI::App cli{"Lodestar: a district's instructional-technology leadership, on ISTE standards."};
  cli.set_version_flag("--version", std::string("lodestar ") + LODESTAR_VERSION);
  cli.require_subcommand(1);
  cli.fallthrough();  // global options may come after the sub-command: `lodestar migrate --database
                      // …`
  cli.add_option("--database", options.database, "sqlite:PATH or postgresql://user@host:port/db")
      ->envname("LODESTAR_DATABASE")
      ->capture_default_str();
  cli.add_option(
         "--public-url", options.public_url,
         "Where people reach this server (CASE URIs use it), e.g. https://lodestar.example.org")
      ->envname("LODESTAR_PUBLIC_URL");
  cli.add_option("--log-level", options.log_level, "debug, info, warn or error")
      ->envname("LODESTAR_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error"}))
      ->capture_default_str();

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web site and the APIs over HTTP.");
  serve_cmd
      ->add_option("--listen", options.listen, "ADDRESS:PORT to listen on (port 0: any free port)")
      ->envname("LODESTAR_LISTEN")
      ->capture_default_str();
  serve_cmd->add_option("--threads", options.threads, "Worker threads that run request handlers")
      ->envname("LODESTAR_THREADS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", options.io_threads, "Threads that read and write sockets")
      ->envname("LODESTAR_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_option("--pool-size", options.pool_size, "Database connections in the pool")
      ->envname("LODESTAR_POOL_SIZE")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  serve_cmd
      ->add_option("--files-dir", options.files_dir,
                   "Folder for uploaded evidence files, kept by content hash (back it up)")
      ->envname("LODESTAR_FILES_DIR")
      ->capture_default_str();
  serve_cmd
      ->add_option("--smtp-url", options.smtp_url,
                   "Mail server for invitations and reminders: smtp://host:587 or smtps://host:465 "
                   "(password in LODESTAR_SMTP_PASSWORD)")
      ->envname("LODESTAR_SMTP_URL");
  serve_cmd->add_option("--smtp-from", options.smtp_from, "Sender of Lodestar's e-mail")
      ->envname("LODESTAR_SMTP_FROM")
      ->capture_default_str();
  serve_cmd->add_option("--smtp-user", options.smtp_user, "User name for SMTP AUTH")
      ->envname("LODESTAR_SMTP_USER");
  serve_cmd->add_flag("--smtp-starttls", options.smtp_starttls, "Require STARTTLS on smtp://")
      ->envname("LODESTAR_SMTP_STARTTLS");
  serve_cmd
      ->add_flag("--no-migrate", options.no_migrate,
                 "Do not apply pending migrations on start (run `lodestar migrate` instead)")
      ->envname("LODESTAR_NO_MIGRATE");

  auto* migrate_cmd =
      cli.add_subcommand("migrate", "Apply pending database migrations, then exit.");
  auto* demo_cmd = cli.add_subcommand(
      "demo",
      "Load the demo district (twelve schools, an account for each role) into an empty "
      "database; does nothing when it is there already.");

  std::string roster_path;
  bool dry_run = false;
  auto* import_cmd = cli.add_subcommand("import", "Import data into Lodestar.");
  import_cmd->require_subcommand(1);
  auto* import_roster_cmd = import_cmd->add_subcommand(
      "oneroster",
      "Import a OneRoster 1.1 bulk CSV folder or .zip: all of it, or nothing with a "
      "report of every problem (file, line, column).");
  import_roster_cmd->add_option("PATH", roster_path, "Folder or .zip holding manifest.csv")
      ->required()
      ->check(CLI::ExistingPath);
  import_roster_cmd->add_flag("--dry-run", dry_run, "Validate and count; change nothing");
  std::string case_path, case_document;
  auto* import_case_cmd = import_cmd->add_subcommand(
      "case",
      "Import a CASE 1.0 CFPackage (JSON): a framework with its items and associations. The "
      "same package again updates it in place; any problem imports nothing.");
  import_case_cmd->add_option("FILE", case_path, "The CFPackage .json file")
      ->required()
      ->check(CLI::ExistingFile);
  auto* export_cmd = cli.add_subcommand("export", "Export data from Lodestar.");
  export_cmd->require_subcommand(1);
  auto* export_roster_cmd = export_cmd->add_subcommand(
      "oneroster", "Write the roster as OneRoster 1.1 bulk CSV into DIR (or DIR.zip).");
  export_roster_cmd->add_option("DIR", roster_path, "Folder to create, or a path ending in .zip")
      ->required();
  auto* export_case_cmd = export_cmd->add_subcommand(
      "case", "Write a framework as a CASE 1.0 CFPackage (JSON) to FILE or standard output.");
  export_case_cmd->add_option("DOC_ID", case_document, "The CFDocument identifier")->required();
  export_case_cmd->add_option("FILE", case_path, "Where to write it (default: standard output)")
      ->default_val("-");

  auto* admin_cmd = cli.add_subcommand("admin", "Manage administrator accounts.");
  admin_cmd->require_subcommand(1);
  std::string admin_email, admin_name;
  auto* admin_create_cmd = admin_cmd->add_subcommand(
      "create",
      "Create an administrator. The password is read from the terminal (or standard "
      "input), never from a flag.");
  admin_create_cmd->add_option("--email", admin_email, "The administrator's e-mail address")
      ->required();
  admin_create_cmd->add_option("--name", admin_name, "The name shown for them (default: e-mail)");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  log::setup(options.log_level);
  try {
    if (serve_cmd->parsed()) return serve(options);
    if (demo_cmd->parsed()) return load_demo(options);
    if (admin_create_cmd->parsed()) return admin_create(options, admin_email, admin_name);
    if (migrate_cmd->parsed()) return migrate(options);
    if (import_roster_cmd->parsed()) return import_roster(options, roster_path, dry_run);
    if (export_roster_cmd->parsed()) return export_roster(options, roster_path);
    if (import_case_cmd->parsed()) {
      auto db = open_migrated(options);
      return frameworks::import_case_command(*db, case_path, stdout, stderr);
    }
    if (export_case_cmd->parsed()) {
      auto db = open_migrated(options);
      return frameworks::export_case_command(*db, case_document, case_path, stdout, stderr);
    }
    return 2;
  } catch (const Conflict& e) {
    log::flush();
    std::fprintf(stderr, "lodestar: %s\n", e.detail().empty() ? e.what() : e.detail().c_str());
    return 1;
  } catch (const CLI::ValidationError& e) {
    std::fprintf(stderr, "lodestar: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    log::flush();
    std::fprintf(stderr, "lodestar: error: %s\n", e.what());
    return 1;
  }
}
