// The typed failures a service may raise. Each maps to exactly one HTTP status, in one place
// (http/dispatcher.cc); anything else that escapes a handler is a 500 with a request id.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace lodestar {

// One problem with one piece of input: which field, and a translation-catalog key that says
// what is wrong (the web layer shows it beside the field, the API returns it in problem+json).
struct FieldProblem {
  std::string field;
  std::string message_key;
  std::string detail;  // optional extra words already in the user's terms (a value, a limit)
};

// Base of every expected failure. `what()` is a translation key; `detail` is safe to show.
class Failure : public std::runtime_error {
 public:
  Failure(std::string key, std::string detail = {})
      : std::runtime_error(std::move(key)), detail_(std::move(detail)) {}
  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

class NotFound : public Failure {  // 404: the thing asked for does not exist (or is hidden)
  using Failure::Failure;
};
class Forbidden : public Failure {  // 403: the policy said no
  using Failure::Failure;
};
class Conflict : public Failure {  // 409: the request collides with the current state
  using Failure::Failure;
};

// 422 (API) or the form shown again (pages): the input broke one or more rules.
class Invalid : public Failure {
 public:
  explicit Invalid(std::vector<FieldProblem> problems, std::string key = "error.invalid")
      : Failure(std::move(key)), problems_(std::move(problems)) {}
  const std::vector<FieldProblem>& problems() const { return problems_; }

 private:
  std::vector<FieldProblem> problems_;
};

}  // namespace lodestar
