#include <utility>  // before Asio (STACK.md)

#include "support/http_client.h"

#include <poll.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace lodestar::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct Client::Impl {
  asio::io_context ioc;
  asio::ip::tcp::socket socket{ioc};
  beast::flat_buffer buffer;
  std::uint16_t port;
};

Client::Client(std::uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->port = port;
  impl_->socket.connect({asio::ip::make_address("127.0.0.1"), port});
}

Client::~Client() = default;

HttpResponse Client::read_response() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  bhttp::read(impl_->socket, impl_->buffer, parser);
  auto& message = parser.get();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    response.headers[name] = std::string(field.value());
  }
  response.body = message.body();
  return response;
}

HttpResponse Client::request(const std::string& method, const std::string& target,
                             const std::map<std::string, std::string>& headers,
                             const std::string& body) {
  bhttp::request<bhttp::string_body> message;
  message.method_string(method);
  message.target(target);
  message.version(11);
  message.set(bhttp::field::host, "127.0.0.1:" + std::to_string(impl_->port));
  for (const auto& [name, value] : headers) message.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    message.body() = body;
    message.prepare_payload();
  }
  bhttp::write(impl_->socket, message);
  if (method == "HEAD") {
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);
    bhttp::read(impl_->socket, impl_->buffer, parser);
    HttpResponse response;
    response.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response.headers[name] = std::string(field.value());
    }
    return response;
  }
  return read_response();
}

void Client::send_raw(const std::string& bytes) {
  asio::write(impl_->socket, asio::buffer(bytes));
}

bool Client::closed_by_server(int wait_ms) {
  pollfd fd{impl_->socket.native_handle(), POLLIN, 0};
  if (::poll(&fd, 1, wait_ms) <= 0) return false;
  char byte;
  beast::error_code ec;
  auto n = impl_->socket.read_some(asio::buffer(&byte, 1), ec);
  return ec || n == 0;
}

HttpResponse fetch(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers, const std::string& body) {
  Client client(port);
  return client.request(method, target, headers, body);
}

}  // namespace lodestar::testing
