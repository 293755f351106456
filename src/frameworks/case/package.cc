#include "frameworks/case/package.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <sodium.h>

#include <fmt/format.h>

#include "platform/iso8601.h"

namespace lodestar::frameworks {
namespace {

constexpr std::size_t kMaxProblems = 500;

using iso8601::digits;
using iso8601::is_date;
using iso8601::number;

// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM), a time that exists (a leap
// second :60 allowed).
bool is_date_time(std::string_view s) {
  if (s.size() < 20 || !is_date(s.substr(0, 10)) || (s[10] != 'T' && s[10] != 't')) return false;
  if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2))
    return false;
  if (number(s, 11, 2) > 23 || number(s, 14, 2) > 59 || number(s, 17, 2) > 60) return false;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
  }
  return iso8601::is_offset(s.substr(i));
}

enum class Kind {
  kString,
  kUuid,
  kDate,
  kDateTime,
  kStrings,
  kLink,
  kLinks,
  kLinkGen,
  kInteger,
  kNumber
};

struct Field {
  std::string_view name;
  Kind kind;
  bool required;
};

// What CASE 1.0 says each object has (package form). Fields not listed are kept unchecked.
const std::vector<Field> kDocument = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"creator", Kind::kString, true},
    {"title", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"officialSourceURL", Kind::kString, false},
    {"publisher", Kind::kString, false},
    {"description", Kind::kString, false},
    {"subject", Kind::kStrings, false},
    {"subjectURI", Kind::kLinks, false},
    {"language", Kind::kString, false},
    {"version", Kind::kString, false},
    {"adoptionStatus", Kind::kString, false},
    {"statusStartDate", Kind::kDate, false},
    {"statusEndDate", Kind::kDate, false},
    {"licenseURI", Kind::kLink, false},
    {"notes", Kind::kString, false},
    {"CFPackageURI", Kind::kLink, false},
};
const std::vector<Field> kItem = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"fullStatement", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"alternativeLabel", Kind::kString, false},
    {"CFItemType", Kind::kString, false},
    {"humanCodingScheme", Kind::kString, false},
    {"listEnumeration", Kind::kString, false},
    {"abbreviatedStatement", Kind::kString, false},
    {"conceptKeywords", Kind::kStrings, false},
    {"conceptKeywordsURI", Kind::kLink, false},
    {"notes", Kind::kString, false},
    {"language", Kind::kString, false},
    {"educationLevel", Kind::kStrings, false},
    {"CFItemTypeURI", Kind::kLink, false},
    {"licenseURI", Kind::kLink, false},
    {"statusStartDate", Kind::kDate, false},
    {"statusEndDate", Kind::kDate, false},
};
const std::vector<Field> kAssociation = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"associationType", Kind::kString, true},
    {"originNodeURI", Kind::kLinkGen, true},
    {"destinationNodeURI", Kind::kLinkGen, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"sequenceNumber", Kind::kInteger, false},
    {"CFAssociationGroupingURI", Kind::kLink, false},
};
const std::vector<Field> kItemType = {
    {"identifier", Kind::kUuid, true},      {"uri", Kind::kString, true},
    {"title", Kind::kString, true},         {"description", Kind::kString, true},
    {"hierarchyCode", Kind::kString, true}, {"lastChangeDateTime", Kind::kDateTime, true},
    {"typeCode", Kind::kString, false},
};
const std::vector<Field> kSubject = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"title", Kind::kString, true},
    {"hierarchyCode", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"description", Kind::kString, false},
};
const std::vector<Field> kConcept = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"title", Kind::kString, true},
    {"hierarchyCode", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"keywords", Kind::kString, false},
    {"description", Kind::kString, false},
};
const std::vector<Field> kLicense = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"title", Kind::kString, true},
    {"licenseText", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"description", Kind::kString, false},
};
const std::vector<Field> kGrouping = {
    {"identifier", Kind::kUuid, true},     {"uri", Kind::kString, true},
    {"title", Kind::kString, true},        {"lastChangeDateTime", Kind::kDateTime, true},
    {"description", Kind::kString, false},
};
const std::vector<Field> kRubric = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"title", Kind::kString, false},
    {"description", Kind::kString, false},
};
const std::vector<Field> kCriterion = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"category", Kind::kString, false},
    {"description", Kind::kString, false},
    {"CFItemURI", Kind::kLink, false},
    {"weight", Kind::kNumber, false},
    {"position", Kind::kInteger, false},
    {"rubricId", Kind::kUuid, false},
};
const std::vector<Field> kLevel = {
    {"identifier", Kind::kUuid, true},
    {"uri", Kind::kString, true},
    {"lastChangeDateTime", Kind::kDateTime, true},
    {"description", Kind::kString, false},
    {"quality", Kind::kString, false},
    {"score", Kind::kNumber, false},
    {"feedback", Kind::kString, false},
    {"position", Kind::kInteger, false},
    {"rubricCriterionId", Kind::kUuid, false},
};

// Collects every problem of a package, each at its JSON path.
class Checker {
 public:
  void add(std::string path, std::string key, std::string detail = {}) {
    if (problems_.size() < kMaxProblems) {
      problems_.push_back(
          {std::move(path), "frameworks.case." + std::move(key), std::move(detail)});
    } else {
      ++dropped_;
    }
  }

  // Checks `object` (at `path`) against `fields`; returns false when it is not an object.
  bool object(const nlohmann::json& object, const std::string& path,
              const std::vector<Field>& fields) {
    if (!object.is_object()) {
      add(path, "not_object");
      return false;
    }
    for (const auto& field : fields) {
      auto it = object.find(field.name);
      auto at = path + "/" + std::string(field.name);
      if (it == object.end() || it->is_null()) {
        if (field.required) add(at, "required");
        continue;
      }
      value(*it, at, field.kind);
    }
    return true;
  }

  void value(const nlohmann::json& v, const std::string& at, Kind kind) {
    switch (kind) {
      case Kind::kString:
        if (!v.is_string()) add(at, "not_string");
        break;
      case Kind::kUuid:
        if (!v.is_string() || !is_uuid(v.get_ref<const std::string&>())) add(at, "not_uuid");
        break;
      case Kind::kDate:
        if (!v.is_string() || !is_date(v.get_ref<const std::string&>())) add(at, "not_date");
        break;
      case Kind::kDateTime:
        if (!v.is_string() || !is_date_time(v.get_ref<const std::string&>()))
          add(at, "not_date_time");
        break;
      case Kind::kStrings:
        if (!v.is_array()) {
          add(at, "not_array");
          break;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (!v[i].is_string()) add(at + "/" + std::to_string(i), "not_string");
        }
        break;
      case Kind::kLink:
      case Kind::kLinkGen:
        link(v, at);
        break;
      case Kind::kLinks:
        if (!v.is_array()) {
          add(at, "not_array");
          break;
        }
        for (std::size_t i = 0; i < v.size(); ++i) link(v[i], at + "/" + std::to_string(i));
        break;
      case Kind::kInteger:
        if (!v.is_number_integer()) add(at, "not_integer");
        break;
      case Kind::kNumber:
        if (!v.is_number()) add(at, "not_number");
        break;
    }
  }

  // LinkURI / LinkGenURI: {title, identifier, uri}. A LinkGenURI's identifier may name an
  // object outside CASE (an exemplar's web page), so only its presence is required.
  void link(const nlohmann::json& v, const std::string& at) {
    if (!v.is_object()) {
      add(at, "not_object");
      return;
    }
    for (const char* name : {"title", "identifier", "uri"}) {
      auto it = v.find(name);
      if (it == v.end() || it->is_null()) {
        add(at + "/" + name, "required");
      } else if (!it->is_string()) {
        add(at + "/" + name, "not_string");
      }
    }
  }

  // Records the object's identifier; reports a repeat within the same collection.
  void unique(std::set<std::string>& seen, const nlohmann::json& object, const std::string& path) {
    auto it = object.find("identifier");
    if (it == object.end() || !it->is_string()) return;
    if (!seen.insert(it->get<std::string>()).second) {
      add(path + "/identifier", "duplicate_identifier", it->get<std::string>());
    }
  }

  // The array at `name` in `parent`, or an empty one when absent; reports a non-array.
  const nlohmann::json& array(const nlohmann::json& parent, const char* name,
                              const std::string& path) {
    static const nlohmann::json kEmpty = nlohmann::json::array();
    auto it = parent.find(name);
    if (it == parent.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) {
      add(path + "/" + name, "not_array");
      return kEmpty;
    }
    return *it;
  }

  void finish() {
    if (problems_.empty()) return;
    if (dropped_ > 0) {
      problems_.push_back({"", "frameworks.case.more_problems", std::to_string(dropped_)});
    }
    throw Invalid(std::move(problems_), "frameworks.case.invalid_package");
  }

 private:
  std::vector<FieldProblem> problems_;
  std::size_t dropped_ = 0;
};

nlohmann::json without_document_uri(nlohmann::json object) {
  if (object.is_object()) object.erase("CFDocumentURI");
  return object;
}

const std::vector<Field>& definition_fields(std::string_view kind) {
  if (kind == "CFItemTypes") return kItemType;
  if (kind == "CFSubjects") return kSubject;
  if (kind == "CFConcepts") return kConcept;
  if (kind == "CFLicenses") return kLicense;
  return kGrouping;
}

void check_rubric(Checker& check, const nlohmann::json& rubric, const std::string& path) {
  if (!check.object(rubric, path, kRubric)) return;
  const auto& criteria = check.array(rubric, "CFRubricCriteria", path);
  for (std::size_t c = 0; c < criteria.size(); ++c) {
    auto at = path + "/CFRubricCriteria/" + std::to_string(c);
    if (!check.object(criteria[c], at, kCriterion)) continue;
    const auto& levels = check.array(criteria[c], "CFRubricCriterionLevels", at);
    for (std::size_t l = 0; l < levels.size(); ++l) {
      check.object(levels[l], at + "/CFRubricCriterionLevels/" + std::to_string(l), kLevel);
    }
  }
}

}  // namespace

const std::vector<std::string>& association_types() {
  static const std::vector<std::string> types = {
      "isChildOf",   "isPeerOf",   "isPartOf", "exactMatchOf",  "precedes",
      "isRelatedTo", "replacedBy", "exemplar", "hasSkillLevel", "isTranslationOf"};
  return types;
}

const std::vector<std::string>& definition_kinds() {
  static const std::vector<std::string> kinds = {"CFConcepts", "CFSubjects", "CFLicenses",
                                                 "CFItemTypes", "CFAssociationGroupings"};
  return kinds;
}

const std::string& Package::id() const {
  return document.at("identifier").get_ref<const std::string&>();
}

const std::string& Package::title() const {
  return document.at("title").get_ref<const std::string&>();
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

Package read_package(std::string_view text) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // Say where: line and column of the byte the parser stopped at.
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw Invalid({{"", "frameworks.case.not_json",
                    "line " + std::to_string(line) + ", column " + std::to_string(column)}},
                  "frameworks.case.invalid_package");
  }
  return package_from_json(json);
}

Package package_from_json(const nlohmann::json& json) {
  Checker check;
  Package package;
  if (!json.is_object()) {
    check.add("", "not_object");
    check.finish();
  }
  auto doc = json.find("CFDocument");
  if (doc == json.end()) {
    check.add("/CFDocument", "required");
  } else if (check.object(*doc, "/CFDocument", kDocument)) {
    package.document = *doc;
  }

  std::set<std::string> items_seen;
  const auto& items = check.array(json, "CFItems", "");
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto path = "/CFItems/" + std::to_string(i);
    if (!check.object(items[i], path, kItem)) continue;
    check.unique(items_seen, items[i], path);
    package.items.push_back(without_document_uri(items[i]));
  }

  std::set<std::string> associations_seen;
  const auto& associations = check.array(json, "CFAssociations", "");
  for (std::size_t i = 0; i < associations.size(); ++i) {
    auto path = "/CFAssociations/" + std::to_string(i);
    if (!check.object(associations[i], path, kAssociation)) continue;
    check.unique(associations_seen, associations[i], path);
    auto type = associations[i].find("associationType");
    if (type != associations[i].end() && type->is_string()) {
      const auto& known = association_types();
      if (std::find(known.begin(), known.end(), type->get<std::string>()) == known.end()) {
        check.add(path + "/associationType", "unknown_association_type", type->get<std::string>());
      }
    }
    package.associations.push_back(without_document_uri(associations[i]));
  }

  std::set<std::string> definitions_seen;
  auto definitions = json.find("CFDefinitions");
  if (definitions != json.end() && !definitions->is_null()) {
    if (!definitions->is_object()) {
      check.add("/CFDefinitions", "not_object");
    } else {
      // Definitions and rubrics share one table keyed by identifier: unique across all lists.
      for (const auto& kind : definition_kinds()) {
        auto& seen = definitions_seen;
        const auto& list = check.array(*definitions, kind.c_str(), "/CFDefinitions");
        for (std::size_t i = 0; i < list.size(); ++i) {
          auto path = "/CFDefinitions/" + kind + "/" + std::to_string(i);
          if (!check.object(list[i], path, definition_fields(kind))) continue;
          check.unique(seen, list[i], path);
          package.definitions.push_back({kind, list[i]});
        }
      }
    }
  }

  auto& rubrics_seen = definitions_seen;
  const auto& rubrics = check.array(json, "CFRubrics", "");
  for (std::size_t i = 0; i < rubrics.size(); ++i) {
    auto path = "/CFRubrics/" + std::to_string(i);
    check_rubric(check, rubrics[i], path);
    if (rubrics[i].is_object()) {
      check.unique(rubrics_seen, rubrics[i], path);
      package.rubrics.push_back(rubrics[i]);
    }
  }
  check.finish();
  return package;
}

nlohmann::json to_json(const Package& package) {
  nlohmann::json out = nlohmann::json::object();
  out["CFDocument"] = package.document;
  out["CFItems"] = package.items;
  out["CFAssociations"] = package.associations;
  nlohmann::json definitions = nlohmann::json::object();
  for (const auto& kind : definition_kinds()) definitions[kind] = nlohmann::json::array();
  for (const auto& d : package.definitions) definitions[d.kind].push_back(d.json);
  out["CFDefinitions"] = std::move(definitions);
  out["CFRubrics"] = package.rubrics;
  return out;
}

nlohmann::json link_uri(const nlohmann::json& object) {
  std::string title;
  if (object.contains("title")) {
    title = object.value("title", "");
  } else {
    auto code = object.value("humanCodingScheme", "");
    auto statement = object.value("abbreviatedStatement", object.value("fullStatement", ""));
    title = code.empty() ? statement : code + " " + statement;
  }
  return {{"title", title},
          {"identifier", object.value("identifier", "")},
          {"uri", object.value("uri", "")}};
}

namespace {

std::string format_uuid(unsigned char* b, unsigned char version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return fmt::format(
      "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-{:02x}{:02x}-"
      "{:02x}{:02x}{:02x}{:02x}{:02x}{:02x}",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
      b[15]);
}

}  // namespace

std::string random_uuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  return format_uuid(b, 4);
}

std::string name_uuid(std::string_view name) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(name.data()), name.size());
  return format_uuid(hash, 8);
}

}  // namespace lodestar::frameworks
