// The request a handler sees: plain data, no socket, no Beast. The server fills it in; tests
// build one by hand.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.h"

namespace lodestar::http {

struct Request {
  std::string method;  // upper case: "GET", "POST", …
  std::string target;  // as sent: path plus query
  std::string path;    // percent-decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::string remote_address;

  // Filled in by the dispatcher before the handler runs.
  std::map<std::string, std::string, std::less<>> params;  // path parameters, e.g. {id}
  std::string request_id;
  std::string route;  // the matched pattern, e.g. "/frameworks/{id}"
  // Who is asking: set by the authenticator before the policy runs; null when nobody signed in.
  std::shared_ptr<const auth::Principal> principal;

  // Returns the first header with this (case-insensitive) name, or "" when absent.
  std::string_view header(std::string_view name) const;
  // Returns the first query value for `name`, or nothing.
  std::optional<std::string> query_value(std::string_view name) const;
  // Returns the path parameter `name`. REQUIRES: the route declares {name}.
  const std::string& param(std::string_view name) const;
};

// Splits a request target into its decoded path and query. Returns false when the target is not
// an origin-form path ("/…") or holds a malformed percent escape.
bool parse_target(std::string_view target, std::string& path,
                  std::vector<std::pair<std::string, std::string>>& query);

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns nothing when malformed.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

}  // namespace lodestar::http
