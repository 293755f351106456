#include "support/test_database.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>
#include <vector>

namespace lodestar::testing {

namespace {

// Temporary folders made for SQLite test databases, removed when the test program exits.
class TemporaryFolders {
 public:
  ~TemporaryFolders() {
    std::error_code ignored;
    for (const auto& folder : folders_) std::filesystem::remove_all(folder, ignored);
  }

  std::filesystem::path make() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/lodestar-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("Cannot create a temporary folder for a test database at " +
                               pattern);
    }
    std::lock_guard lock(mutex_);
    folders_.push_back(pattern);
    return pattern;
  }

 private:
  std::mutex mutex_;
  std::vector<std::filesystem::path> folders_;
};

std::string sqlite_url() {
  static TemporaryFolders folders;
  return "sqlite:" + (folders.make() / "test.db").string();
}

std::string read_server_url() {
  const char* state = std::getenv("LODESTAR_TEST_POSTGRES_STATE");
  if (state == nullptr || *state == '\0') {
    throw std::runtime_error(
        "LODESTAR_TEST_DATABASE=postgresql needs LODESTAR_TEST_POSTGRES_STATE, the folder "
        "tests/support/postgres started the server in: run the tests through ctest, or run "
        "tests/support/postgres start DIR and set LODESTAR_TEST_POSTGRES_STATE=DIR");
  }
  std::ifstream file(std::filesystem::path(state) / "url");
  std::string url;
  if (!std::getline(file, url) || url.empty()) {
    throw std::runtime_error(std::string("No PostgreSQL test server URL in ") + state +
                             "/url: did the fixture postgres.start run (ctest runs it when a "
                             "postgresql. test is selected)?");
  }
  return url;
}

// A database name no other test, process or run has: pid, a counter and some randomness.
std::string unique_database_name() {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return "lodestar_t" + std::to_string(getpid()) + "_" + std::to_string(salt) + "_" +
         std::to_string(counter.fetch_add(1));
}

std::string postgresql_url() {
  const std::string server = read_server_url();
  const std::string name = unique_database_name();
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(server.c_str()), PQfinish);
  if (PQstatus(connection.get()) != CONNECTION_OK) {
    throw std::runtime_error("Cannot reach the PostgreSQL test server " + server + ": " +
                             PQerrorMessage(connection.get()));
  }
  // CREATE DATABASE takes no parameters; the name is ours and needs no quoting.
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexec(connection.get(), ("CREATE DATABASE " + name).c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error("Cannot create the test database " + name + ": " +
                             PQerrorMessage(connection.get()));
  }
  const auto slash = server.rfind('/');
  return server.substr(0, slash + 1) + name;
}

}  // namespace

std::string test_database_url() {
  const char* chosen = std::getenv("LODESTAR_TEST_DATABASE");
  const std::string kind = chosen != nullptr ? chosen : "";
  if (kind.empty() || kind == "sqlite") return sqlite_url();
  if (kind == "postgresql") return postgresql_url();
  throw std::runtime_error("LODESTAR_TEST_DATABASE is '" + kind +
                           "': use sqlite (the default) or postgresql");
}

}  // namespace lodestar::testing
