#include "planning/plan_rules.h"

#include <algorithm>
#include <functional>
#include <set>

#include <fmt/format.h>

#include "planning/model.h"

namespace lodestar::planning {

std::optional<std::int64_t> parse_dollars(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t whole = 0;
  std::int64_t cents = 0;
  int decimals = -1;  // -1: before the point
  int digits = 0;
  for (char c : text) {
    if (c == ',' && decimals < 0) continue;
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals < 0) {
      if (++digits > 12) return std::nullopt;
      whole = whole * 10 + (c - '0');
    } else {
      if (++decimals > 2) return std::nullopt;
      cents = cents * 10 + (c - '0');
    }
  }
  if (digits == 0 && decimals <= 0) return std::nullopt;
  if (decimals == 1) cents *= 10;
  return whole * 100 + cents;
}

namespace {

std::string grouped(std::int64_t whole) {
  auto digits = std::to_string(whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_dollars(std::int64_t cents) {
  auto text = "$" + grouped(cents / 100);
  if (cents % 100 != 0) text += fmt::format(".{:02}", cents % 100);
  return text;
}

std::string dollars_field(std::int64_t cents) {
  auto text = std::to_string(cents / 100);
  if (cents % 100 != 0) text += fmt::format(".{:02}", cents % 100);
  return text;
}

bool is_web_url(std::string_view text) {
  std::string_view rest;
  if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || text.size() > 2000) return false;
  for (unsigned char c : text) {
    if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == 127) return false;
  }
  return true;
}

std::vector<std::string> dependency_cycle(const DependencyGraph& graph, const std::string& action,
                                          const std::vector<std::string>& depends_on) {
  auto edges = graph;
  edges[action] = depends_on;
  // Depth-first from each new dependency, looking for a way back to `action`.
  std::set<std::string> seen;
  std::vector<std::string> path{action};
  std::function<bool(const std::string&)> reaches = [&](const std::string& at) {
    path.push_back(at);
    if (at == action) return true;
    if (seen.insert(at).second) {
      if (auto it = edges.find(at); it != edges.end()) {
        for (const auto& next : it->second) {
          if (reaches(next)) return true;
        }
      }
    }
    path.pop_back();
    return false;
  };
  for (const auto& first : depends_on) {
    if (reaches(first)) return path;
  }
  return {};
}

TimeScale time_scale(std::string_view first, std::string_view last, double left, double width) {
  return {day_number(first), day_number(last), left, width};
}

double TimeScale::x(std::string_view date) const {
  auto days = static_cast<double>(last_day - first_day + 1);
  auto day = std::clamp(day_number(date), first_day, last_day + 1);
  return left + width * static_cast<double>(day - first_day) / days;
}

double TimeScale::x_end(std::string_view date) const {
  return x(date_of_day(std::min(day_number(date), last_day) + 1));
}

std::vector<Tick> month_ticks(const TimeScale& scale) {
  std::vector<Tick> out;
  auto start = date_of_day(scale.first_day);
  int year = std::stoi(start.substr(0, 4));
  int month = std::stoi(start.substr(5, 2));
  if (start.substr(8, 2) != "01") {
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  for (;;) {
    auto date = fmt::format("{:04}-{:02}-01", year, month);
    if (day_number(date) > scale.last_day) break;
    Tick tick;
    tick.date = date;
    tick.x = scale.x(date);
    tick.quarter = (month - 1) % 3 == 0;
    if (tick.quarter) tick.label = date.substr(0, 7);
    out.push_back(std::move(tick));
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  return out;
}

}  // namespace lodestar::planning
