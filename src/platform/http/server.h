// The HTTP/1.1 server: Boost.Beast on Asio, one listener and one session object per connection.
// This file and server.cc are the only ones that see Beast. I/O threads read and write; handlers
// run on a separate worker pool so a slow database call never stalls a socket (unless a route
// says it runs inline).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/http/dispatcher.h"

namespace lodestar::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (tests)
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t header_limit = 16 * 1024;      // larger headers answer 431
  std::size_t body_limit = 8 * 1024 * 1024;  // larger bodies answer 413
  std::chrono::seconds read_timeout{15};     // a whole request must arrive within this
  std::chrono::seconds idle_timeout{60};     // a kept-alive connection may wait this long
  std::chrono::seconds shutdown_grace{10};   // in-flight work gets this long after a signal
  bool handle_signals = false;               // stop gracefully on SIGINT/SIGTERM
};

class Server {
 public:
  Server(ServerOptions options, const Dispatcher& dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Returns the port bound (useful when options.port is 0). Throws
  // std::runtime_error naming the address when it cannot bind.
  std::uint16_t listen();

  // Serves until stop() or, with handle_signals, SIGINT/SIGTERM; then stops accepting, lets
  // in-flight requests finish (up to shutdown_grace) and returns. REQUIRES: listen() was called.
  void run();

  // Asks run() to shut down gracefully. Safe from any thread, and more than once.
  void stop();

  struct State;  // the Beast side, defined in server.cc

 private:
  std::unique_ptr<State> state_;
};

}  // namespace lodestar::http
