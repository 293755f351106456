// The real server, in-process, on an ephemeral loopback port: for integration tests that speak
// HTTP to it. Starts in the constructor, stops gracefully in the destructor.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

#include "platform/app.h"
#include "platform/http/server.h"

namespace lodestar::testing {

class TestServer {
 public:
  // Serves `dispatcher` (which must outlive the server).
  TestServer(const http::Dispatcher& dispatcher, http::ServerOptions options = {});
  ~TestServer();

  std::uint16_t port() const { return port_; }
  // Stops gracefully and waits until run() has returned.
  void stop();

 private:
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

// The whole application on the test database (LODESTAR_TEST_DATABASE), served.
// Uploaded files go to a temporary folder of its own, removed with it; `configure` may change
// any other option (an SMTP sink's URL, say) before the app starts.
class TestApp {
 public:
  explicit TestApp(http::ServerOptions options = {},
                   const std::function<void(AppOptions&)>& configure = {});
  ~TestApp();
  App& app() { return *app_; }
  std::uint16_t port() const { return server_->port(); }
  TestServer& server() { return *server_; }

 private:
  std::filesystem::path files_dir_;
  std::unique_ptr<App> app_;
  std::unique_ptr<TestServer> server_;
};

}  // namespace lodestar::testing
