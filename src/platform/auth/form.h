// Reading what a browser sends: urlencoded form fields and cookies.
#pragma once

#include <map>
#include <string>
#include <string_view>

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

// The value of cookie `name` from every Cookie header (RFC 6265 §5.4), or "".
std::string cookie_value(const http::Request& request, std::string_view name);

}  // namespace lodestar::auth
