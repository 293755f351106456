// The CSV upload of measurements (model.h): reading RFC 4180 records with their line numbers and
// checking every row against the plan's measures.
#include <algorithm>
#include <map>
#include <set>

#include "planning/measures/model.h"
#include "platform/iso8601.h"
#include "platform/text.h"

namespace lodestar::planning::measures {
namespace {

using text::trimmed;

// Goal codes, measure names and column names match whatever their case and surrounding spaces.
std::string folded(std::string_view text) {
  return text::lower(text::trim(text));
}

}  // namespace

std::optional<std::vector<CsvRecord>> parse_csv(std::string_view text, std::size_t* bad_line) {
  std::vector<CsvRecord> records;
  CsvRecord record{1, {}};
  std::string cell;
  std::size_t line = 1;
  bool quoted = false, any = false;
  std::size_t quote_line = 0;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's BOM
  auto end_record = [&] {
    record.cells.push_back(std::move(cell));
    cell.clear();
    bool blank = record.cells.size() == 1 && trimmed(record.cells[0]).empty();
    if (!blank) records.push_back(std::move(record));
    record = CsvRecord{line, {}};
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && trimmed(cell).empty()) {
      quoted = true;
      quote_line = line;
      cell.clear();
    } else if (c == ',') {
      record.cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_record();
      record.line = line;
    } else {
      cell += c;
    }
    any = true;
  }
  if (quoted) {
    if (bad_line) *bad_line = quote_line;
    return std::nullopt;
  }
  if (any || !cell.empty() || !record.cells.empty()) end_record();
  return records;
}

UploadCheck check_upload(std::string_view csv, const std::vector<UploadTarget>& targets) {
  UploadCheck out;
  std::size_t bad_line = 0;
  auto records = parse_csv(csv, &bad_line);
  if (!records) {
    out.problems.push_back({bad_line, "", "planning.measures.upload.problem.quote", {}});
    return out;
  }
  if (records->empty()) {
    out.problems.push_back({1, "", "planning.measures.upload.problem.empty", {}});
    return out;
  }
  std::map<std::string, std::size_t> column;
  const auto& header = records->front();
  for (std::size_t i = 0; i < header.cells.size(); ++i) column.emplace(folded(header.cells[i]), i);
  for (const char* name : {"goal", "measure", "date", "value"}) {
    if (!column.contains(name)) {
      out.problems.push_back({1, name, "planning.measures.upload.problem.missing_column", {}});
    }
  }
  if (!out.problems.empty()) return out;
  std::map<std::pair<std::string, std::string>, const UploadTarget*> by_name;
  std::set<std::string> goals;
  for (const auto& t : targets) {
    by_name.emplace(std::pair{folded(t.goal_code), folded(t.measure_name)}, &t);
    goals.insert(folded(t.goal_code));
  }
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& rec = (*records)[r];
    auto get = [&](const char* name) -> std::string {
      auto it = column.find(name);
      if (it == column.end() || it->second >= rec.cells.size()) return {};
      return rec.cells[it->second];
    };
    auto problem = [&](const char* col, const char* reason, std::string detail) {
      out.problems.push_back({rec.line, col,
                              std::string("planning.measures.upload.problem.") + reason,
                              std::move(detail)});
    };
    auto problems_before = out.problems.size();
    auto goal = get("goal"), measure = get("measure"), date = trimmed(get("date")),
         value = get("value"), note = trimmed(get("note"));
    const UploadTarget* target = nullptr;
    if (trimmed(goal).empty()) {
      problem("goal", "required", {});
    } else if (!goals.contains(folded(goal))) {
      problem("goal", "unknown_goal", trimmed(goal));
    } else if (trimmed(measure).empty()) {
      problem("measure", "required", {});
    } else {
      auto it = by_name.find({folded(goal), folded(measure)});
      if (it == by_name.end()) {
        problem("measure", "unknown_measure", trimmed(measure));
      } else {
        target = it->second;
      }
    }
    if (!iso8601::is_date(date)) {
      problem("date", "date", date);
    } else if (target && date < target->baseline_on) {
      problem("date", "before_baseline", date);
    }
    auto number = parse_number(value);
    if (!number) problem("value", "number", trimmed(value));
    if (note.size() > kMaxNote) problem("note", "too_long", {});
    if (target && iso8601::is_date(date)) {
      auto [it, fresh] = seen.emplace(std::pair{target->measure_id, date}, rec.line);
      if (!fresh) problem("date", "duplicate", std::to_string(it->second));
    }
    if (out.problems.size() == problems_before && target && number) {
      out.rows.push_back({rec.line, target->measure_id, {"", date, *number, note, "upload"}});
    }
  }
  if (records->size() == 1) {
    out.problems.push_back({1, "", "planning.measures.upload.problem.no_rows", {}});
  }
  return out;
}

}  // namespace lodestar::planning::measures
