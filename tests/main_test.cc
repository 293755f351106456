// The `lodestar` command line, run as a person runs it.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "support/http_client.h"
#include "support/process.h"

namespace lodestar {
namespace {

using testing::Child;
using testing::lodestar_binary;
using testing::run_process;

class CommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lodestar-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string database() const { return "sqlite:" + (dir_ / "nested" / "lodestar.db").string(); }
  std::filesystem::path dir_;
};

TEST_F(CommandLine, VersionPrintsTheVersion) {
  auto result = run_process({lodestar_binary(), "--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find(std::string("lodestar ") + LODESTAR_VERSION), std::string::npos);
}

TEST_F(CommandLine, HelpDescribesEverySubcommandAndItsOptions) {
  auto result = run_process({lodestar_binary(), "--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (auto word : {"serve", "migrate", "--database", "LODESTAR_DATABASE"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << word;
  }
  auto serve = run_process({lodestar_binary(), "serve", "--help"});
  for (auto word :
       {"--listen", "LODESTAR_LISTEN", "--threads", "LODESTAR_THREADS", "--no-migrate"}) {
    EXPECT_NE(serve.out.find(word), std::string::npos) << word;
  }
}

TEST_F(CommandLine, MigrateCreatesTheDatabaseThenFindsItUpToDate) {
  auto first = run_process({lodestar_binary(), "migrate", "--database", database()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("applied 0001_"), std::string::npos) << first.out;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "nested" / "lodestar.db"));
  auto second = run_process({lodestar_binary(), "migrate", "--database", database()});
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("up to date"), std::string::npos) << second.out;
}

TEST_F(CommandLine, TakesOptionsFromTheEnvironment) {
  auto result = run_process({lodestar_binary(), "migrate"}, {"LODESTAR_DATABASE=" + database()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "nested" / "lodestar.db"));
}

TEST_F(CommandLine, RefusesADatabaseMigratedByANewerLodestar) {
  {
    auto db = store::Database::open(database(), 1);
    store::migrate(*db, store::builtin_migrations(db->dialect()));
    db->write([](store::Tx& tx) {
      tx.exec(
          "INSERT INTO schema_migrations (version, name, applied_at) "
          "VALUES (9999, 'from_the_future', '2030-01-01T00:00:00Z')");
    });
  }
  for (std::vector<std::string> args :
       {std::vector<std::string>{lodestar_binary(), "serve", "--listen", "127.0.0.1:0",
                                 "--database", database()},
        std::vector<std::string>{lodestar_binary(), "serve", "--no-migrate", "--listen",
                                 "127.0.0.1:0", "--database", database()},
        std::vector<std::string>{lodestar_binary(), "migrate", "--database", database()}}) {
    auto result = run_process(args);
    EXPECT_EQ(result.exit_code, 1) << args[1];
    EXPECT_NE(result.err.find("9999"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("upgrade Lodestar"), std::string::npos) << result.err;
  }
}

TEST_F(CommandLine, BadListenAddressSaysWhatToWrite) {
  auto result =
      run_process({lodestar_binary(), "serve", "--listen", "localhost", "--database", database()});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("127.0.0.1:8080"), std::string::npos) << result.err;
}

TEST_F(CommandLine, UnreachablePostgresqlSaysWhichDatabase) {
  auto result = run_process(
      {lodestar_binary(), "migrate", "--database", "postgresql://nobody:s3cret@127.0.0.1:1/none"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("127.0.0.1:1"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("s3cret"), std::string::npos) << "the password leaked: " << result.err;
}

// export → import through the real binary: the demo district leaves one database as OneRoster
// CSV and arrives whole in another; a broken file is reported at its line and column, and then
// nothing is imported.
TEST_F(CommandLine, ExportedRosterImportsIntoAnotherDatabaseAndBadRowsAreReported) {
  ASSERT_EQ(run_process({lodestar_binary(), "demo", "--database", database()}).exit_code, 0);
  auto folder = (dir_ / "roster").string();
  auto exported =
      run_process({lodestar_binary(), "export", "oneroster", folder, "--database", database()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "roster" / "manifest.csv"));

  auto other = "sqlite:" + (dir_ / "other.db").string();
  auto dry = run_process(
      {lodestar_binary(), "import", "oneroster", folder, "--dry-run", "--database", other});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("Dry run"), std::string::npos);
  auto imported =
      run_process({lodestar_binary(), "import", "oneroster", folder, "--database", other});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  {
    auto db = store::Database::open(other, 1);
    auto people = db->read([](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) AS n FROM people")->integer("n");
    });
    auto original = store::Database::open(database(), 1)->read([](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) AS n FROM people")->integer("n");
    });
    EXPECT_EQ(people, original);
    auto audited = db->read([](store::Tx& tx) {
      return tx.query_one("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'roster.import'")
          ->integer("n");
    });
    EXPECT_EQ(audited, 1);
  }

  // Break one enrollment's role on line 3: the import names the place and changes nothing.
  auto enrollments = dir_ / "roster" / "enrollments.csv";
  std::string text;
  {
    std::ifstream in(enrollments);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto line2 = text.find('\n', text.find('\n') + 1);
  auto student = text.find(",student,", line2);
  ASSERT_NE(student, std::string::npos);
  text.replace(student, 9, ",pupil,");
  std::ofstream(enrollments) << text;
  auto fresh = "sqlite:" + (dir_ / "fresh.db").string();
  auto refused =
      run_process({lodestar_binary(), "import", "oneroster", folder, "--database", fresh});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("enrollments.csv:"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("(role)"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("Nothing was imported"), std::string::npos) << refused.err;
  auto count = store::Database::open(fresh, 1)->read(
      [](store::Tx& tx) { return tx.query_one("SELECT COUNT(*) AS n FROM people")->integer("n"); });
  EXPECT_EQ(count, 0);
}

TEST_F(CommandLine, ServeAnnouncesItsAddressAndStopsCleanlyOnSigterm) {
  Child child({lodestar_binary(), "serve", "--listen", "127.0.0.1:0", "--database", database()});
  auto line = child.read_line_starting_with("Lodestar is serving http://127.0.0.1:");
  ASSERT_FALSE(line.empty());
  auto port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
  EXPECT_EQ(testing::fetch(port, "GET", "/healthz").status, 200);
  child.signal(SIGTERM);
  EXPECT_EQ(child.wait(), 0);
}

}  // namespace
}  // namespace lodestar
