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

namespace {

// Walks a path one segment at a time without allocating: "/a/b" gives "a", then "b".
class SegmentCursor {
 public:
  explicit SegmentCursor(std::string_view path) : rest_(path.substr(1)), done_(false) {}
  bool next(std::string_view& segment) {
    if (done_) return false;
    auto slash = rest_.find('/');
    segment = rest_.substr(0, slash);
    if (slash == std::string_view::npos) {
      done_ = true;
    } else {
      rest_ = rest_.substr(slash + 1);
    }
    return true;
  }
  // What is left, from the segment last returned (for a {rest...} parameter).
  std::string_view remainder_from(std::string_view segment) const {
    return std::string_view(segment.data(),
                            static_cast<std::size_t>(rest_.data() + rest_.size() - segment.data()));
  }

 private:
  std::string_view rest_;
  bool done_;
};

// Matches `path` against `pattern`; fills `params` only when given and only on success.
bool match_into(std::string_view pattern, std::string_view path,
                std::map<std::string, std::string, std::less<>>* params) {
  if (path.empty() || path.front() != '/' || pattern.empty()) return false;
  SegmentCursor want(pattern), have(path);
  std::string_view part, segment;
  while (want.next(part)) {
    if (!have.next(segment)) return false;
    if (is_parameter(part)) {
      if (part.ends_with("...}")) {
        auto rest = have.remainder_from(segment);
        if (rest.empty()) return false;
        if (params)
          params->emplace(std::string(part.substr(1, part.size() - 5)), std::string(rest));
        return true;
      }
      if (segment.empty()) return false;
      if (params)
        params->emplace(std::string(part.substr(1, part.size() - 2)), std::string(segment));
    } else if (part != segment) {
      return false;
    }
  }
  return !have.next(segment);
}

}  // namespace

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params) {
  if (!match_into(pattern, path, nullptr)) return false;
  params.clear();
  return match_into(pattern, path, &params);
}

OrgResolver org_from_param(std::string name) {
  return [name = std::move(name)](const Request& request) -> std::optional<std::string> {
    return request.param(name);
  };
}

// The first segment of a path or pattern: "frameworks" for "/frameworks/{id}", "" for "/".
static std::string_view first_segment(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return path.substr(0, path.find('/'));
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
  auto first = first_segment(route.pattern);
  if (is_parameter(first)) {
    parameter_first_.push_back(routes_.size());
  } else {
    by_first_segment_[std::string(first)].push_back(routes_.size());
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
  const std::vector<std::size_t>* literal = nullptr;
  if (auto it = by_first_segment_.find(first_segment(path)); it != by_first_segment_.end()) {
    literal = &it->second;
  }
  const std::size_t literal_count = literal ? literal->size() : 0;
  for (std::size_t c = 0; c < literal_count + parameter_first_.size(); ++c) {
    const auto& route =
        routes_[c < literal_count ? (*literal)[c] : parameter_first_[c - literal_count]];
    if (!match_into(route.pattern, path, nullptr)) continue;
    if (route.method == method) {
      if (!best || specificity(route.pattern) > specificity(best->pattern)) best = &route;
    } else if (method == "HEAD" && route.method == "GET") {
      if (!best_get || specificity(route.pattern) > specificity(best_get->pattern))
        best_get = &route;
    } else {
      result.allowed.push_back(route.method);
    }
  }
  if (best || best_get) {
    result.route = best ? best : best_get;
    match_into(result.route->pattern, path, &result.params);
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
