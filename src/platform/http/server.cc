// Boost.Beast lives here and nowhere else (STYLE.md). The shape follows Beast's
// advanced_server example: a listener, and one Session per connection on its own strand.
#include <utility>  // before Asio: Boost 1.74 with GCC 12 in C++20 needs it (STACK.md)

#include "platform/http/server.h"

#include <atomic>
#include <csignal>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>

#include "platform/log.h"

namespace lodestar::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

class Session;

}  // namespace

struct Server::State {
  State(ServerOptions o, const Dispatcher& d)
      : options(std::move(o)),
        dispatcher(d),
        ioc(options.io_threads),
        workers(static_cast<std::size_t>(std::max(1, options.worker_threads))),
        acceptor(ioc),
        signals(ioc),
        shutdown_timer(ioc) {}

  void accept();
  void begin_shutdown();
  void watch_shutdown(std::chrono::steady_clock::time_point deadline);

  ServerOptions options;
  const Dispatcher& dispatcher;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer shutdown_timer;
  std::atomic<bool> stopping{false};

  std::mutex sessions_mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

namespace {

Request to_request(const bhttp::request<bhttp::string_body>& message,
                   const std::string& remote_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = message.body();
  request.remote_address = remote_address;
  return request;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::State& server)
      : stream_(std::move(socket)), idle_timer_(stream_.get_executor()), server_(server) {
    // Once per connection: asking the kernel on every request cost a system call each time.
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = endpoint.address().to_string();
  }

  ~Session() {
    std::lock_guard lock(server_.sessions_mutex);
    server_.sessions.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(server_.sessions_mutex);
      server_.sessions.emplace(this, weak_from_this());
    }
    asio::dispatch(stream_.get_executor(),
                   [self = shared_from_this()] { self->wait_for_request(); });
  }

  // Called on shutdown: a connection waiting for its next request is closed now; one whose
  // request is being answered closes after the answer (keep-alive is off once stopping).
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

 private:
  // Keep-alive: wait up to idle_timeout for the first byte of the next request, then give the
  // whole request read_timeout to arrive, so a client that trickles bytes is cut off.
  void wait_for_request() {
    if (server_.stopping) return close();
    if (buffer_.size() > 0) return read_request();
    idle_timer_.expires_after(server_.options.idle_timeout);
    idle_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->close();
    });
    stream_.socket().async_wait(tcp::socket::wait_read,
                                [self = shared_from_this()](beast::error_code ec) {
                                  self->idle_timer_.cancel();
                                  if (ec) return self->close();
                                  self->read_request();
                                });
  }

  void read_request() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec) {
      int status = ec == bhttp::error::header_limit ? 431
                   : ec == bhttp::error::body_limit ? 413
                   : ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()
                       ? 400
                       : 0;
      if (status == 0) return close();  // the connection itself failed: nobody to answer
      // Whatever of the header was read (all of it for 413) decides the error's format and
      // language.
      Request request = to_request(parser_->get(), remote_address_);
      std::string path;
      std::vector<std::pair<std::string, std::string>> query;
      if (parse_target(request.target, path, query)) request.path = path;
      busy_ = true;
      return write(server_.dispatcher.reject(request, status), false, false);
    }
    stream_.expires_never();
    busy_ = true;
    auto message = parser_->release();
    bool keep_alive = message.keep_alive();
    auto request = std::make_shared<Request>(to_request(message, remote_address_));
    bool head = message.method() == bhttp::verb::head;
    if (!parse_target(request->target, request->path, request->query)) {
      return write(server_.dispatcher.reject(*request, 400), false, head);
    }
    if (server_.dispatcher.runs_inline(request->method, request->path)) {
      return write(server_.dispatcher.handle(*request), keep_alive, head);
    }
    asio::post(server_.workers, [self = shared_from_this(), request, keep_alive, head] {
      auto response = std::make_shared<Response>(self->server_.dispatcher.handle(*request));
      asio::post(self->stream_.get_executor(), [self, response, keep_alive, head] {
        self->write(std::move(*response), keep_alive, head);
      });
    });
  }

  void write(Response response, bool keep_alive, bool head) {
    keep_alive = keep_alive && !server_.stopping && response.header("Connection") != "close";
    bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
    auto length = response.body_view().size();
    if (response.shared_body && !head) {
      // Sent straight from the shared bytes, which the write keeps alive.
      auto shared = std::move(response.shared_body);
      auto message = std::make_shared<bhttp::response<bhttp::span_body<char const>>>();
      fill(*message, response, keep_alive);
      message->body() = {shared->data(), shared->size()};
      if (!bodiless) message->content_length(length);
      send(std::move(message), keep_alive, head, std::move(shared));
      return;
    }
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
    fill(*message, response, keep_alive);
    if (!head) message->body() = std::move(response.body);
    if (!bodiless) message->content_length(length);  // HEAD: the length GET would send
    send(std::move(message), keep_alive, head, nullptr);
  }

  template <typename Message>
  static void fill(Message& message, const Response& response, bool keep_alive) {
    message.result(static_cast<unsigned>(response.status));
    message.version(11);
    for (const auto& [name, value] : response.headers) message.set(name, value);
    message.keep_alive(keep_alive);
  }

  template <typename Body>
  void send(std::shared_ptr<bhttp::response<Body>> message, bool keep_alive, bool head,
            std::shared_ptr<const std::string> keep) {
    stream_.expires_after(server_.options.read_timeout);
    auto on_written = [self = shared_from_this(), message, keep_alive, keep](beast::error_code ec,
                                                                             std::size_t) {
      self->busy_ = false;
      if (ec || !keep_alive) return self->close();
      self->wait_for_request();
    };
    if (head) {
      auto serializer = std::make_shared<bhttp::response_serializer<Body>>(*message);
      serializer->split(true);
      bhttp::async_write_header(
          stream_, *serializer,
          [serializer, on_written](beast::error_code ec, std::size_t n) { on_written(ec, n); });
    } else {
      bhttp::async_write(stream_, *message, std::move(on_written));
    }
  }

  void close() {
    if (closed_) return;
    closed_ = true;
    idle_timer_.cancel();
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  asio::steady_timer idle_timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::State& server_;
  std::string remote_address_;
  bool busy_ = false;
  bool closed_ = false;
};

}  // namespace

void Server::State::accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (!ec) {
      std::make_shared<Session>(std::move(socket), *this)->start();
    } else if (ec == asio::error::operation_aborted) {
      return;
    } else {
      log::warn("accept_failed", {{"error", ec.message()}});
    }
    accept();
  });
}

void Server::State::begin_shutdown() {
  if (stopping.exchange(true)) return;
  log::info("shutdown_started", {{"grace_seconds", options.shutdown_grace.count()}});
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(sessions_mutex);
    for (auto& [_, weak] : sessions) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
  }
  for (auto& session : live) session->close_if_idle();
  watch_shutdown(std::chrono::steady_clock::now() + options.shutdown_grace);
}

// Polls until every connection has finished (then the I/O threads run out of work and return)
// or the grace period ends (then they are stopped).
void Server::State::watch_shutdown(std::chrono::steady_clock::time_point deadline) {
  bool idle;
  {
    std::lock_guard lock(sessions_mutex);
    idle = sessions.empty();
  }
  if (idle) return;
  if (std::chrono::steady_clock::now() >= deadline) {
    log::warn("shutdown_forced", {});
    ioc.stop();
    return;
  }
  shutdown_timer.expires_after(std::chrono::milliseconds(20));
  shutdown_timer.async_wait([this, deadline](beast::error_code ec) {
    if (!ec) watch_shutdown(deadline);
  });
}

Server::Server(ServerOptions options, const Dispatcher& dispatcher)
    : state_(std::make_unique<State>(std::move(options), dispatcher)) {}

Server::~Server() {
  state_->workers.join();
}

std::uint16_t Server::listen() {
  auto& s = *state_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.options.address, ec);
  if (ec)
    throw std::runtime_error("cannot listen on '" + s.options.address + "': not an IP address");
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + s.options.address + ":" +
                             std::to_string(s.options.port) + ": " + ec.message() +
                             " (is another server using that port? choose one with --listen)");
  }
  return s.acceptor.local_endpoint().port();
}

void Server::run() {
  auto& s = *state_;
  if (s.options.handle_signals) {
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.signals.async_wait([&s](beast::error_code ec, int) {
      if (!ec) s.begin_shutdown();
    });
  }
  s.accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& thread : threads) thread.join();
  s.workers.join();
  log::info("shutdown_finished", {});
}

void Server::stop() {
  asio::post(state_->ioc, [state = state_.get()] { state->begin_shutdown(); });
}

}  // namespace lodestar::http
