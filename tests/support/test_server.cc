#include "support/test_server.h"

#include "platform/auth/secrets.h"
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

TestApp::TestApp(http::ServerOptions options, const std::function<void(AppOptions&)>& configure) {
  AppOptions app_options;
  app_options.database_url = test_database_url();
  app_options.pool_size = 4;
  files_dir_ = std::filesystem::temp_directory_path() / ("lodestar-files-" + auth::random_hex(8));
  app_options.files_dir = files_dir_;
  if (configure) configure(app_options);
  app_ = std::make_unique<App>(app_options);
  server_ = std::make_unique<TestServer>(app_->dispatcher(), options);
}

TestApp::~TestApp() {
  server_.reset();
  app_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(files_dir_, ignored);
}

}  // namespace lodestar::testing
