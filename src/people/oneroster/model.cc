#include "people/oneroster/model.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "platform/iso8601.h"

namespace lodestar::people {

namespace {

using K = ValueKind;

ColumnSpec req(std::string_view name, K kind = K::kText,
               std::vector<std::string_view> allowed = {}) {
  return ColumnSpec{name, true, kind, std::move(allowed)};
}
ColumnSpec opt(std::string_view name, K kind = K::kText,
               std::vector<std::string_view> allowed = {}) {
  return ColumnSpec{name, false, kind, std::move(allowed)};
}

// OneRoster 1.1 §3: every file begins with these three; status and dateLastModified may be blank
// in a bulk file.
void common(std::vector<ColumnSpec>& columns) {
  columns.insert(columns.begin(), {req("sourcedId"), opt("status", K::kStatus),
                                   opt("dateLastModified", K::kDateTime)});
}

FileSpec file(std::string_view name, std::vector<ColumnSpec> columns) {
  common(columns);
  return FileSpec{name, std::move(columns)};
}

std::vector<FileSpec> make_files() {
  const std::vector<std::string_view> t_f{"true", "false"};
  std::vector<FileSpec> files;
  files.push_back(file(
      "academicSessions",
      {req("title"), req("type", K::kEnum, {"gradingPeriod", "semester", "schoolYear", "term"}),
       req("startDate", K::kDate), req("endDate", K::kDate), opt("parentSourcedId"),
       req("schoolYear", K::kYear)}));
  files.push_back(file(
      "orgs",
      {req("name"),
       req("type", K::kEnum, {"department", "school", "district", "local", "state", "national"}),
       opt("identifier"), opt("parentSourcedId")}));
  files.push_back(file("courses", {opt("schoolYearSourcedId"), req("title"), opt("courseCode"),
                                   opt("grades", K::kList), req("orgSourcedId"),
                                   opt("subjects", K::kList), opt("subjectCodes", K::kList)}));
  files.push_back(
      file("classes",
           {req("title"), opt("grades", K::kList), req("courseSourcedId"), opt("classCode"),
            req("classType", K::kEnum, {"homeroom", "scheduled"}), opt("location"),
            req("schoolSourcedId"), req("termSourcedIds", K::kList), opt("subjects", K::kList),
            opt("subjectCodes", K::kList), opt("periods", K::kList)}));
  files.push_back(
      file("users", {req("enabledUser", K::kBoolean, t_f), req("orgSourcedIds", K::kList),
                     req("role", K::kEnum,
                         {"administrator", "aide", "guardian", "parent", "proctor", "relative",
                          "student", "teacher"}),
                     req("username"), opt("userIds", K::kList), req("givenName"), req("familyName"),
                     opt("middleName"), opt("identifier"), opt("email"), opt("sms"), opt("phone"),
                     opt("agentSourcedIds", K::kList), opt("grades", K::kList), opt("password")}));
  files.push_back(file(
      "enrollments",
      {req("classSourcedId"), req("schoolSourcedId"), req("userSourcedId"),
       req("role", K::kEnum, {"administrator", "proctor", "student", "teacher"}),
       opt("primary", K::kBoolean, t_f), opt("beginDate", K::kDate), opt("endDate", K::kDate)}));
  files.push_back(file(
      "demographics",
      {opt("birthDate", K::kDate), opt("sex", K::kEnum, {"male", "female"}),
       opt("americanIndianOrAlaskaNative", K::kBoolean, t_f), opt("asian", K::kBoolean, t_f),
       opt("blackOrAfricanAmerican", K::kBoolean, t_f),
       opt("nativeHawaiianOrOtherPacificIslander", K::kBoolean, t_f),
       opt("white", K::kBoolean, t_f), opt("demographicRaceTwoOrMoreRaces", K::kBoolean, t_f),
       opt("hispanicOrLatinoEthnicity", K::kBoolean, t_f), opt("countryOfBirthCode"),
       opt("stateOfBirthAbbreviation"), opt("cityOfBirth"), opt("publicSchoolResidenceStatus")}));
  return files;
}

using iso8601::digits;
using iso8601::number;

bool is_date_time(std::string_view t) {
  if (t.size() < 10 || !iso8601::is_date(t.substr(0, 10))) return false;
  if (t.size() == 10) return true;
  if (t[10] != 'T' || !digits(t, 11, 2) || t[13] != ':' || !digits(t, 14, 2)) return false;
  std::size_t i = 16;
  if (i < t.size() && t[i] == ':') {
    if (!digits(t, i + 1, 2)) return false;
    i += 3;
    if (i < t.size() && t[i] == '.') {
      ++i;
      const std::size_t start = i;
      while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
      if (i == start) return false;
    }
  }
  if (number(t, 11, 2) > 23 || number(t, 14, 2) > 59) return false;
  const std::string_view zone = t.substr(i);
  return zone.empty() || iso8601::is_offset(zone);
}

std::string one_of(const std::vector<std::string_view>& allowed) {
  std::string text;
  for (const auto& a : allowed) text += (text.empty() ? "" : ", ") + std::string(a);
  return text;
}

}  // namespace

std::size_t FileSpec::index(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return i;
  }
  throw std::out_of_range("OneRoster file " + std::string(name) + " has no column " +
                          std::string(column));
}

const std::vector<FileSpec>& roster_files() {
  static const std::vector<FileSpec> files = make_files();
  return files;
}

const FileSpec& roster_file(std::string_view name) {
  for (const auto& f : roster_files()) {
    if (f.name == name) return f;
  }
  throw std::out_of_range("No OneRoster file " + std::string(name));
}

std::vector<std::string_view> split_list(std::string_view value) {
  std::vector<std::string_view> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = value.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    items.push_back(item);
    start = end + 1;
  }
  return items;
}

std::string check_value(const ColumnSpec& column, std::string_view value) {
  if (value.empty()) return column.required ? "is required" : "";
  switch (column.kind) {
    case K::kText:
      return "";
    case K::kStatus:
      return value == "active" || value == "tobedeleted"
                 ? ""
                 : "'" + std::string(value) + "' is not a status (use active or tobedeleted)";
    case K::kDateTime:
      return is_date_time(value) ? ""
                                 : "'" + std::string(value) +
                                       "' is not an ISO 8601 date and time (2024-08-14T16:05:00Z)";
    case K::kDate:
      return iso8601::is_date(value) ? ""
                                     : "'" + std::string(value) + "' is not a date (YYYY-MM-DD)";
    case K::kYear:
      return value.size() == 4 && digits(value, 0, 4)
                 ? ""
                 : "'" + std::string(value) + "' is not a year (YYYY)";
    case K::kBoolean:
    case K::kEnum:
      return std::find(column.allowed.begin(), column.allowed.end(), value) != column.allowed.end()
                 ? ""
                 : "'" + std::string(value) + "' is not one of " + one_of(column.allowed);
    case K::kList:
    case K::kEnumList:
      for (const auto item : split_list(value)) {
        if (item.empty()) return "has an empty item in the list '" + std::string(value) + "'";
        if (column.kind == K::kEnumList &&
            std::find(column.allowed.begin(), column.allowed.end(), item) == column.allowed.end()) {
          return "'" + std::string(item) + "' is not one of " + one_of(column.allowed);
        }
      }
      return "";
  }
  return "";
}

}  // namespace lodestar::people
