// A small blocking HTTP/1.1 client for tests, speaking to a server on loopback. One Client is one
// connection, so keep-alive can be observed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lodestar::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower case
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class Client {
 public:
  explicit Client(std::uint16_t port);
  ~Client();

  HttpResponse request(const std::string& method, const std::string& target,
                       const std::map<std::string, std::string>& headers = {},
                       const std::string& body = {});
  HttpResponse get(const std::string& target,
                   const std::map<std::string, std::string>& headers = {}) {
    return request("GET", target, headers);
  }

  // Writes raw bytes (for malformed or trickled requests).
  void send_raw(const std::string& bytes);
  // Reads one response after send_raw.
  HttpResponse read_response();
  // True when the server has closed the connection (reads EOF or a reset within `wait_ms`).
  bool closed_by_server(int wait_ms);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
HttpResponse fetch(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers = {},
                   const std::string& body = {});

}  // namespace lodestar::testing
