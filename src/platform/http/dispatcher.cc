#include "platform/http/dispatcher.h"

#include <sodium.h>

#include <cctype>
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/errors.h"
#include "platform/http/compression.h"
#include "platform/log.h"

namespace lodestar::http {
namespace {

// The path as it may be logged: a path parameter named "token" is a personal link's secret (a
// rater's feedback link, a shared portfolio), so its value is replaced.
std::string loggable_path(const Request& request) {
  auto found = request.params.find("token");
  if (found == request.params.end() || found->second.empty()) return request.path;
  std::string path = request.path;
  for (auto at = path.find(found->second); at != std::string::npos;
       at = path.find(found->second, at)) {
    path.replace(at, found->second.size(), "[secret]");
    at += 8;
  }
  return path;
}

// script-src 'self' and no 'unsafe-inline': no inline script can run, ever.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'";

const char* reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

// 1EdTech (IMS) services (CASE, OneRoster REST) report failures as imsx_StatusInfo. Their members
// ride along in the RFC 9457 body, so a client of either standard finds what it looks for.
void add_ims_status_info(nlohmann::json& problem, int status, std::string_view detail) {
  std::string_view minor = "invalid_data";
  switch (status) {
    case 400:
      minor = "invalid_selection_field";
      break;
    case 401:
      minor = "unauthorisedrequest";
      break;
    case 403:
      minor = "forbidden";
      break;
    case 404:
      minor = "unknownobject";
      break;
    case 405:
      minor = "invalid_data";
      break;
    case 429:
      minor = "server_busy";
      break;
    default:
      if (status >= 500) minor = "internal_server_error";
  }
  problem["imsx_codeMajor"] = "failure";
  problem["imsx_severity"] = "error";
  problem["imsx_description"] = detail.empty() ? std::string(reason(status)) : std::string(detail);
  problem["imsx_codeMinor"] = {
      {"imsx_codeMinorField", nlohmann::json::array({{{"imsx_codeMinorFieldName", "sourcedId"},
                                                      {"imsx_codeMinorFieldValue", minor}}})}};
}

}  // namespace

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool public_only_policy(const Request&, const Access& access) {
  return access.permission == "public";
}

// Request ids need to be unique and unguessable enough not to collide across servers, not
// secret: each thread seeds a splitmix64 sequence from libsodium once, instead of a getrandom()
// system call per request.
std::string new_request_id() {
  thread_local std::uint64_t state = [] {
    std::uint64_t seed;
    randombytes_buf(&seed, sizeof seed);
    return seed;
  }();
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return fmt::format("{:016x}", z);
}

bool is_api_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/ims/") ||
         path.starts_with("/xapi/") || path == "/healthz" || path == "/readyz" ||
         path == "/metrics";
}

Dispatcher::Dispatcher(const Router& router, Metrics& metrics, Policy policy,
                       ErrorPageRenderer error_page, DispatcherOptions options)
    : router_(router),
      metrics_(metrics),
      policy_(std::move(policy)),
      error_page_(std::move(error_page)),
      options_(std::move(options)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

bool Dispatcher::runs_inline(std::string_view method, std::string_view path) const {
  auto match = router_.match(method, path);
  return match.route && match.route->runs_inline;
}

Response Dispatcher::handle(Request& request) const noexcept {
  auto started = std::chrono::steady_clock::now();
  metrics_.request_started();
  Response response;
  try {
    request.request_id = new_request_id();
    response = respond(request);
  } catch (const std::exception& e) {
    // respond() catches everything a handler throws; this is the error page itself failing.
    log::error("dispatch_failed", {{"request_id", request.request_id}, {"error", e.what()}});
    response = Response::text("Internal Server Error\nReference: " + request.request_id,
                              "text/plain; charset=utf-8", 500);
  }
  try {
    finish(request, response);
  } catch (const std::exception& e) {
    log::error("finish_failed", {{"request_id", request.request_id}, {"error", e.what()}});
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.request_finished();
  auto route = request.route.empty() ? std::string("unmatched") : request.route;
  metrics_.observe(request.method, route, response.status, seconds);
  log::info("request", {{"request_id", request.request_id},
                        {"method", request.method},
                        {"route", route},
                        {"path", loggable_path(request)},
                        {"status", response.status},
                        {"bytes", response.body_view().size()},
                        {"latency_ms", seconds * 1000.0}});
  return response;
}

Response Dispatcher::reject(Request& request, int status) const noexcept {
  auto started = std::chrono::steady_clock::now();
  Response response;
  try {
    request.request_id = new_request_id();
    response = error(request, is_api_path(request.path), status, {}, nullptr);
    response.set_header("Connection", "close");
    finish(request, response);
  } catch (const std::exception& e) {
    response = Response::text(reason(status), "text/plain; charset=utf-8", status);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(request.method.empty() ? "-" : request.method, "rejected", status, seconds);
  log::info("request_rejected", {{"request_id", request.request_id}, {"status", status}});
  return response;
}

Response Dispatcher::respond(Request& request) const {
  auto match = router_.match(request.method, request.path);
  bool api = match.route ? match.route->kind == RouteKind::kApi : is_api_path(request.path);
  if (!match.route) {
    if (!match.allowed.empty()) {
      std::string allow;
      for (const auto& method : match.allowed) allow += (allow.empty() ? "" : ", ") + method;
      auto response = error(request, api, 405, {}, nullptr);
      response.set_header("Allow", allow);
      return response;
    }
    return error(request, api, 404, {}, nullptr);
  }
  request.route = match.route->pattern;
  request.params = std::move(match.params);
  Response preamble;  // headers the authenticator wants on whatever the answer is
  try {
    auto response = authorize_and_run(request, *match.route, api, preamble);
    for (auto& [name, value] : preamble.headers) response.headers.emplace_back(name, value);
    return response;
  } catch (const Invalid& e) {
    auto errors = nlohmann::json::array();
    for (const auto& problem : e.problems()) {
      auto message = options_.translate ? options_.translate(request, problem.message_key)
                                        : problem.message_key;
      nlohmann::json item = {
          {"field", problem.field}, {"code", problem.message_key}, {"message", message}};
      if (!problem.detail.empty()) item["detail"] = problem.detail;
      errors.push_back(std::move(item));
    }
    nlohmann::json extra = {{"errors", std::move(errors)}};
    return error(request, api, api ? 422 : 400, e.detail(), &extra);
  } catch (const NotFound& e) {
    return error(request, api, 404, e.detail(), nullptr);
  } catch (const Forbidden& e) {
    return error(request, api, 403, e.detail(), nullptr);
  } catch (const Conflict& e) {
    return error(request, api, 409, e.detail(), nullptr);
  } catch (const Failure& e) {
    return error(request, api, 400, e.detail(), nullptr);
  } catch (const std::exception& e) {
    log::error("handler_failed",
               {{"request_id", request.request_id}, {"route", request.route}, {"error", e.what()}});
    return error(request, api, 500, {}, nullptr);
  }
}

Response Dispatcher::authorize_and_run(Request& request, const Route& route, bool api,
                                       Response& preamble) const {
  // Inline routes (static files, health, metrics) never depend on who asks; a browser sends its
  // session cookie with every stylesheet, and resolving it would cost a database read each time.
  if (options_.authenticate && !route.runs_inline) options_.authenticate(request, preamble);
  if (policy_(request, route.access)) return route.handler(request);
  if (request.principal) return error(request, api, 403, {}, nullptr);
  // Nobody is signed in: an API asks for credentials, a page sends the person to sign in and
  // back (RFC 9110 §15.5.2: a 401 carries WWW-Authenticate).
  if (api) {
    auto response = error(request, api, 401, {}, nullptr);
    response.set_header("WWW-Authenticate", "Bearer realm=\"lodestar\"");
    return response;
  }
  if (request.method != "GET" && request.method != "HEAD")
    return error(request, api, 401, {}, nullptr);
  return Response::redirect(options_.sign_in_path + "?next=" +
                            url_encode(request.target.empty() ? request.path : request.target));
}

Response Dispatcher::error(const Request& request, bool api, int status, std::string_view detail,
                           const nlohmann::json* extra) const {
  if (!api) {
    return Response::html(error_page_ ? error_page_(request, status) : reason(status), status);
  }
  // RFC 9457 problem details. "about:blank": the status says it all and the title is its phrase.
  nlohmann::json problem = {{"type", "about:blank"},
                            {"title", reason(status)},
                            {"status", status},
                            {"instance", request.path},
                            {"request_id", request.request_id}};
  if (!detail.empty()) problem["detail"] = detail;
  if (request.path.starts_with("/ims/")) add_ims_status_info(problem, status, detail);
  if (extra) {
    for (const auto& [key, value] : extra->items()) problem[key] = value;
  }
  return Response::text(problem.dump(), "application/problem+json", status);
}

void Dispatcher::finish(const Request& request, Response& response) const {
  response.set_header("X-Request-Id", request.request_id);
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  if (response.header("Cache-Control").empty()) response.set_header("Cache-Control", "no-store");
  auto content_type = response.header("Content-Type");
  if (response.body_view().size() >= options_.gzip_min_bytes &&
      response.header("Content-Encoding").empty() && is_compressible(content_type)) {
    response.set_header("Vary", "Accept-Encoding");
    if (accepts_gzip(request.header("accept-encoding"))) {
      response.body = gzip(response.body_view());
      response.shared_body.reset();
      response.set_header("Content-Encoding", "gzip");
    }
  }
}

}  // namespace lodestar::http
