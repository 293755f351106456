// A CASE 1.0 CFPackage (1EdTech Competencies and Academic Standards Exchange): one CFDocument
// with its CFItems, CFAssociations, CFDefinitions and CFRubrics.
//
// Lodestar keeps every object whole, as the JSON object it arrived as (package form: items and
// associations carry no CFDocumentURI, the package says which document they belong to), so an
// export gives back every field that came in, including fields of later CASE versions. Reading
// a package checks what CASE 1.0 requires of each object and reports every problem by its JSON
// path, e.g. "/CFItems/3/fullStatement".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/errors.h"

namespace lodestar::frameworks {

// The nine association types of CASE 1.0, plus isTranslationOf from CASE 1.1.
const std::vector<std::string>& association_types();

// The five CFDefinitions arrays, in the order a package lists them.
const std::vector<std::string>& definition_kinds();  // "CFConcepts", "CFSubjects", …

struct Definition {
  std::string kind;  // one of definition_kinds()
  nlohmann::json json;
};

struct Package {
  nlohmann::json document;  // CFDocument
  std::vector<nlohmann::json> items;
  std::vector<nlohmann::json> associations;
  std::vector<Definition> definitions;
  std::vector<nlohmann::json> rubrics;

  const std::string& id() const;
  const std::string& title() const;
};

// Reads a CFPackage from JSON text. Throws Invalid listing every problem: the field is the JSON
// path (RFC 6901 pointer, "" for the whole text), the key says what is wrong; a syntax error
// names its line and column in the detail.
Package read_package(std::string_view text);
Package package_from_json(const nlohmann::json& json);

// The CFPackage object.
nlohmann::json to_json(const Package& package);

// A LinkURI {title, identifier, uri} for an object that has those fields (a CFDocument, a
// CFItem uses its humanCodingScheme and statement as the title).
nlohmann::json link_uri(const nlohmann::json& object);

// True for a UUID in its canonical 8-4-4-4-12 hexadecimal form (either case).
bool is_uuid(std::string_view text);

// A new random UUID (version 4), lower case.
std::string random_uuid();
// A UUID derived from `name` (SHA-256, RFC 9562 version 8): the same name always gives the same
// identifier, so objects Lodestar writes (a rubric's criteria) keep their identifiers when saved
// again.
std::string name_uuid(std::string_view name);

}  // namespace lodestar::frameworks
