#include "platform/http/router.h"

#include <algorithm>
#include <stdexcept>

namespace lodestar::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;  // paths start with '/'
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

void check_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + std::string(pattern));
  }
  auto parts = segments(pattern);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto part = parts[i];
    bool braces =
        part.find('{') != std::string_view::npos || part.find('}') != std::string_view::npos;
    if (braces && !is_parameter(part)) {
      throw std::logic_error("malformed parameter in route pattern: " + std::string(pattern));
    }
    if (is_parameter(part) && part.ends_with("...}") && i + 1 != parts.size()) {
      throw std::logic_error("a {rest...} parameter must come last: " + std::string(pattern));
    }
  }
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params) {
  if (path.empty() || path.front() != '/') return false;
  auto want = segments(pattern);
  auto have = segments(path);
  std::map<std::string, std::string, std::less<>> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    auto part = want[i];
    if (is_parameter(part) && part.ends_with("...}")) {
      if (i >= have.size()) return false;
      auto name = part.substr(1, part.size() - 5);
      // The rest of the path, from this segment on.
      auto offset = static_cast<std::size_t>(have[i].data() - path.data());
      auto rest = path.substr(offset);
      if (rest.empty()) return false;
      found.emplace(std::string(name), std::string(rest));
      params = std::move(found);
      return true;
    }
    if (i >= have.size()) return false;
    if (is_parameter(part)) {
      if (have[i].empty()) return false;
      found.emplace(std::string(part.substr(1, part.size() - 2)), std::string(have[i]));
    } else if (part != have[i]) {
      return false;
    }
  }
  if (want.size() != have.size()) return false;
  params = std::move(found);
  return true;
}

OrgResolver org_from_param(std::string name) {
  return [name = std::move(name)](const Request& request) -> std::optional<std::string> {
    return request.param(name);
  };
}

void Router::add(Route route) {
  check_pattern(route.pattern);
  if (route.access.permission.empty()) {
    throw std::logic_error("route " + route.method + " " + route.pattern + " declares no access");
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::logic_error("route added twice: " + route.method + " " + route.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

// A literal segment outranks a parameter, so "/plans/new" wins over "/plans/{id}" whatever the
// order the routes were added in.
static int specificity(std::string_view pattern) {
  int score = 0;
  for (auto part : segments(pattern))
    score += is_parameter(part) ? (part.ends_with("...}") ? 0 : 1) : 2;
  return score;
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const Route* best = nullptr;
  const Route* best_get = nullptr;  // for HEAD
  std::map<std::string, std::string, std::less<>> best_params, best_get_params;
  for (const auto& route : routes_) {
    std::map<std::string, std::string, std::less<>> params;
    if (!match_pattern(route.pattern, path, params)) continue;
    if (route.method == method) {
      if (!best || specificity(route.pattern) > specificity(best->pattern)) {
        best = &route;
        best_params = std::move(params);
      }
    } else if (method == "HEAD" && route.method == "GET") {
      if (!best_get || specificity(route.pattern) > specificity(best_get->pattern)) {
        best_get = &route;
        best_get_params = std::move(params);
      }
    } else {
      result.allowed.push_back(route.method);
    }
  }
  if (best || best_get) {
    result.route = best ? best : best_get;
    result.params = std::move(best ? best_params : best_get_params);
    result.allowed.clear();
    return result;
  }
  if (std::find(result.allowed.begin(), result.allowed.end(), "GET") != result.allowed.end()) {
    result.allowed.push_back("HEAD");
  }
  std::sort(result.allowed.begin(), result.allowed.end());
  result.allowed.erase(std::unique(result.allowed.begin(), result.allowed.end()),
                       result.allowed.end());
  return result;
}

}  // namespace lodestar::http
