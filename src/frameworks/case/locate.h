// Where a JSON value sits in its text: the line and column of the value at a JSON pointer, so a
// problem found by path ("/CFItems/3/fullStatement") can be shown as "file:line:column".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/errors.h"

namespace lodestar::frameworks {

struct TextPosition {
  std::size_t line = 0;  // 1-based; 0 when unknown
  std::size_t column = 0;
};

class JsonLocator {
 public:
  // Scans `text` (valid JSON) once, noting where every value starts.
  explicit JsonLocator(std::string_view text);
  // The position of the value at `pointer`, or of its nearest ancestor that exists (a missing
  // field is reported at the object that lacks it). {1, 1} for "".
  TextPosition find(std::string_view pointer) const;

 private:
  std::unordered_map<std::string, TextPosition> positions_;
};

// A problem of a package with where it is: a syntax error where the parser stopped, any other at
// the value its JSON path names.
struct LocatedProblem {
  std::string path;  // "/" for the whole text
  std::string message_key;
  std::string detail;
  TextPosition at;
};

// Places the problems read_package(text) reported (the problems of its Invalid).
std::vector<LocatedProblem> locate_problems(std::string_view text,
                                            const std::vector<FieldProblem>& problems);

}  // namespace lodestar::frameworks
