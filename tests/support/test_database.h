// The database a test runs on, chosen by the environment so that one suite runs on both:
// LODESTAR_TEST_DATABASE=sqlite (the default) or postgresql. CMake registers the integration
// tests once for each (see CMakeLists.txt); the unit tests run on SQLite.
#pragma once

#include <string>

namespace lodestar::testing {

// The URL of a fresh, empty database, different on every call, so tests never see each other's
// tables:
// - sqlite: "sqlite:/tmp/lodestar-test-XXXXXX/test.db" in a new temporary folder (removed when
//   the test program exits);
// - postgresql: a newly created database on the server whose URL tests/support/postgres wrote to
//   $LODESTAR_TEST_POSTGRES_STATE/url (the CTest fixture postgres.start).
// Throws std::runtime_error, saying what to do, when the environment names no usable database.
std::string test_database_url();

}  // namespace lodestar::testing
