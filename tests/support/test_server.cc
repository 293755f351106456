#include "support/test_server.h"

#include "support/test_database.h"

namespace lodestar::testing {

TestServer::TestServer(const http::Dispatcher& dispatcher, http::ServerOptions options) {
  options.address = "127.0.0.1";
  options.port = 0;
  options.handle_signals = false;
  server_ = std::make_unique<http::Server>(options, dispatcher);
  port_ = server_->listen();
  thread_ = std::thread([this] { server_->run(); });
}

TestServer::~TestServer() {
  stop();
}

void TestServer::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

TestApp::TestApp(http::ServerOptions options) {
  AppOptions app_options;
  app_options.database_url = test_database_url();
  app_options.pool_size = 4;
  app_ = std::make_unique<App>(app_options);
  server_ = std::make_unique<TestServer>(app_->dispatcher(), options);
}

}  // namespace lodestar::testing
