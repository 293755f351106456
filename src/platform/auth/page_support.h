// What auth's page handlers share: forms that carry a CSRF token, field errors in the view
// model, and where a sign-in may send someone next.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/auth/service.h"
#include "platform/errors.h"
#include "platform/http/request.h"
#include "platform/http/response.h"

namespace lodestar::auth {

// Renders template `name` inside the layout with view["csrf_token"] set: the session's token,
// or for nobody a signed double-submit token (setting its nonce cookie when the request had
// none).
http::Response form_page(const http::Request& request, AuthService& service, std::string_view name,
                         std::string_view title_key, nlohmann::json view, int status = 200);

// Adds "errors" (for the summary: field and key), "has_errors" and "<field>_error" keys.
void add_errors(nlohmann::json& view, const std::vector<FieldProblem>& problems);

// `next` when it is a local path ("/x", not "//x" or "/\x"), else "/account".
std::string safe_next(std::string_view next);

// The signed-in principal. REQUIRES: the route's Access demands one.
const Principal& signed_in(const http::Request& request);

}  // namespace lodestar::auth
