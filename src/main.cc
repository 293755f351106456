// The `lodestar` command: every sub-command of the one binary (CLI11). Flags may also be given
// as LODESTAR_* environment variables; a flag wins over its variable.
#include <cstdio>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "platform/app.h"
#include "platform/http/server.h"
#include "platform/log.h"
#include "platform/store/migrations.h"

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
  int io_threads = 1;
  int pool_size = 8;
  bool no_migrate = false;
};

int serve(const Options& options) {
  auto listen = parse_listen(options.listen);
  AppOptions app_options;
  app_options.database_url = options.database;
  app_options.pool_size = static_cast<std::size_t>(options.pool_size);
  app_options.migrate = !options.no_migrate;
  App app(app_options);

  http::ServerOptions server_options;
  server_options.address = listen.host;
  server_options.port = listen.port;
  server_options.worker_threads = options.threads;
  server_options.io_threads = options.io_threads;
  server_options.handle_signals = true;
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
      ->add_flag("--no-migrate", options.no_migrate,
                 "Do not apply pending migrations on start (run `lodestar migrate` instead)")
      ->envname("LODESTAR_NO_MIGRATE");

  cli.add_subcommand("migrate", "Apply pending database migrations, then exit.");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  log::setup(options.log_level);
  try {
    if (serve_cmd->parsed()) return serve(options);
    return migrate(options);
  } catch (const CLI::ValidationError& e) {
    std::fprintf(stderr, "lodestar: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lodestar: error: %s\n", e.what());
    return 1;
  }
}
