#include "growth/records/model.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "platform/files/blob_store.h"
#include "platform/http/request.h"
#include "platform/iso8601.h"

namespace lodestar::growth::records {
namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

bool listed(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// A required text of at most `limit` bytes.
void require_text(std::vector<FieldProblem>& problems, std::string_view field,
                  std::string_view value, std::size_t limit) {
  if (is_blank(value)) {
    problems.push_back({std::string(field), "records.error.required", {}});
  } else if (value.size() > limit) {
    problems.push_back({std::string(field), "records.error.too_long", std::to_string(limit)});
  }
}

void optional_text(std::vector<FieldProblem>& problems, std::string_view field,
                   std::string_view value, std::size_t limit) {
  if (value.size() > limit) {
    problems.push_back({std::string(field), "records.error.too_long", std::to_string(limit)});
  }
}

void require_date(std::vector<FieldProblem>& problems, std::string_view field,
                  std::string_view value) {
  if (value.empty()) {
    problems.push_back({std::string(field), "records.error.date_required", {}});
  } else if (!iso8601::is_date(value)) {
    problems.push_back({std::string(field), "records.error.date", std::string(value)});
  }
}

}  // namespace

const std::vector<std::string>& goal_statuses() {
  static const std::vector<std::string> statuses = {"not_started", "in_progress", "done",
                                                    "dropped"};
  return statuses;
}

const std::vector<std::string>& log_kinds() {
  static const std::vector<std::string> kinds = {"conference", "reading", "network",
                                                 "mentoring",  "course",  "other"};
  return kinds;
}

std::vector<FieldProblem> goal_problems(const GoalInput& input) {
  std::vector<FieldProblem> problems;
  require_text(problems, "title", input.title, kMaxTitle);
  require_text(problems, "specific", input.specific, kMaxText);
  require_text(problems, "measurable", input.measurable, kMaxText);
  optional_text(problems, "achievable", input.achievable, kMaxText);
  optional_text(problems, "relevant", input.relevant, kMaxText);
  require_date(problems, "due_on", input.due_on);
  if (!listed(goal_statuses(), input.status)) {
    problems.push_back({"status", "records.error.status", input.status});
  }
  return problems;
}

std::vector<FieldProblem> step_problems(const StepInput& input) {
  std::vector<FieldProblem> problems;
  require_text(problems, "step_description", input.description, kMaxText);
  require_date(problems, "step_due_on", input.due_on);
  return problems;
}

std::vector<FieldProblem> journal_problems(const JournalInput& input) {
  std::vector<FieldProblem> problems;
  require_text(problems, "title", input.title, kMaxTitle);
  require_text(problems, "body", input.body, kMaxJournal);
  return problems;
}

std::vector<FieldProblem> log_problems(const LogInput& input) {
  std::vector<FieldProblem> problems;
  if (!listed(log_kinds(), input.kind)) {
    problems.push_back({"kind", "records.error.kind", input.kind});
  }
  require_text(problems, "title", input.title, kMaxTitle);
  require_date(problems, "happened_on", input.happened_on);
  if (!is_blank(input.hours) && !parse_hours(input.hours)) {
    problems.push_back({"hours", "records.error.hours", input.hours});
  }
  optional_text(problems, "note", input.note, kMaxText);
  return problems;
}

std::vector<FieldProblem> comment_problems(std::string_view body) {
  std::vector<FieldProblem> problems;
  require_text(problems, "comment", body, kMaxText);
  return problems;
}

std::vector<FieldProblem> evidence_problems(const EvidenceInput& input) {
  std::vector<FieldProblem> problems;
  require_text(problems, "title", input.title, kMaxTitle);
  bool has_file = input.file && !input.file->bytes.empty();
  bool has_url = !is_blank(input.url);
  if (has_file && has_url) {
    problems.push_back({"url", "records.evidence.error.both", {}});
  } else if (!has_file && !has_url) {
    problems.push_back({"file", "records.evidence.error.none", {}});
  } else if (has_url && !is_web_link(input.url)) {
    problems.push_back({"url", "records.evidence.error.url", {}});
  } else if (has_file && input.file->bytes.size() > files::kMaxEvidenceBytes) {
    problems.push_back({"file", "records.evidence.error.too_large",
                        std::to_string(files::kMaxEvidenceBytes / (1024 * 1024))});
  }
  return problems;
}

std::vector<std::string> unique_ids(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

std::optional<std::int64_t> parse_hours(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 12) return std::nullopt;
  // Digits with at most one decimal separator ("1.5" or, as Spanish writes it, "1,5").
  std::int64_t whole = 0;
  std::int64_t fraction = 0;
  std::int64_t scale = 1;
  bool separator = false;
  bool digits = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits = true;
      if (separator) {
        fraction = fraction * 10 + (c - '0');
        scale *= 10;
      } else {
        whole = whole * 10 + (c - '0');
      }
    } else if ((c == '.' || c == ',') && !separator) {
      separator = true;
    } else {
      return std::nullopt;  // a sign, a letter, a second separator
    }
  }
  if (!digits) return std::nullopt;
  constexpr std::int64_t kMaxHours = 24 * 366;
  if (whole > kMaxHours) return std::nullopt;
  auto minutes = whole * 60 + (fraction * 60 * 2 + scale) / (2 * scale);  // rounded
  if (minutes > kMaxHours * 60) return std::nullopt;
  return minutes;
}

std::string format_hours(std::int64_t minutes) {
  if (minutes % 60 == 0) return std::to_string(minutes / 60);
  auto text = fmt::format("{:.2f}", static_cast<double>(minutes) / 60.0);
  while (text.back() == '0') text.pop_back();
  return text;
}

bool is_web_link(std::string_view url) {
  if (url.size() > kMaxUrl) return false;
  std::string_view rest;
  auto lower_starts = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (lower_starts("https://")) {
    rest = url.substr(8);
  } else if (lower_starts("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') return false;
  }
  auto host_end = rest.find_first_of("/?#");
  auto authority = rest.substr(0, host_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  return !authority.empty() && authority.front() != ':';
}

std::string download_name(std::string_view original, std::string_view extension) {
  // The stem: the name after any folder, without its last extension.
  if (auto slash = original.find_last_of("/\\"); slash != std::string_view::npos) {
    original.remove_prefix(slash + 1);
  }
  if (auto dot = original.rfind('.'); dot != std::string_view::npos && dot > 0) {
    original = original.substr(0, dot);
  }
  std::string stem;
  bool gap = false;
  for (unsigned char c : original) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.';
    if (keep) {
      if (gap && !stem.empty()) stem += '_';
      stem += static_cast<char>(c);
      gap = false;
    } else {
      gap = true;
    }
    if (stem.size() >= 100) break;
  }
  while (!stem.empty() && stem.front() == '.') stem.erase(stem.begin());
  if (stem.empty()) stem = "evidence";
  return stem + "." + std::string(extension);
}

std::vector<std::string> form_values(std::string_view body, std::string_view name) {
  std::vector<std::string> values;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    auto eq = pair.find('=');
    auto key = http::percent_decode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    auto value = http::percent_decode(
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (value) values.push_back(std::move(*value));
  }
  return values;
}

std::string new_share_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_encoded_len(sizeof bytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, sizeof bytes, kVariant);
  out.resize(out.find('\0'));
  return out;
}

bool is_share_token(std::string_view text) {
  return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

}  // namespace lodestar::growth::records
