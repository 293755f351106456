// Reading what a browser sends: urlencoded form fields and cookies.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.h"

namespace lodestar::auth {

using Form = std::map<std::string, std::string, std::less<>>;

// The fields of an application/x-www-form-urlencoded body; the first value of a repeated name
// wins; malformed pairs are skipped.
Form parse_form(std::string_view body);
// The form of `request` when its body is urlencoded; empty otherwise.
Form request_form(const http::Request& request);
// A field's value, or "".
std::string field(const Form& form, std::string_view name);
// Every non-empty value of a repeated urlencoded field (ticked checkboxes), in the order sent;
// empty when the body is not urlencoded.
std::vector<std::string> field_values(const http::Request& request, std::string_view name);

// The value of cookie `name` from every Cookie header (RFC 6265 §5.4), or "".
std::string cookie_value(const http::Request& request, std::string_view name);

}  // namespace lodestar::auth
