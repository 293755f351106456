// Pages: mustache templates compiled into the binary, rendered inside the site layout (landmarks,
// skip link, language switch, lang attribute). Handlers give a JSON view model; the template
// holds markup only and reaches the catalog through {{#t}}key{{/t}}.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "platform/http/request.h"
#include "platform/http/response.h"
#include "platform/web/i18n.h"

namespace lodestar::web {

// The embedded path of template `name`: "site/home" → "src/site/templates/home.mustache".
std::string template_path(std::string_view name);

// Renders the mustache text `source` with `view` in `language`, translating through `catalog`.
// {{#t}}key|name={{value}}{{/t}} inserts the HTML-escaped text of `key` with {name} filled from
// the (already escaped) rendered values; {{> site/card}} includes another embedded template.
// Throws std::logic_error when the source is malformed. render_fragment is built on it; tests
// use it with their own catalog.
std::string render_string(std::string_view source, std::string_view language,
                          const nlohmann::json& view, const Catalog& catalog = Catalog::builtin());

// Renders template `name` ("site/home" → src/site/templates/home.mustache) with `view`, in
// `language`, without the layout. Throws std::logic_error when the template is missing or
// malformed (a programming error).
std::string render_fragment(std::string_view name, std::string_view language,
                            const nlohmann::json& view);

// Renders template `name` inside the layout, titled by the catalog key `title_key`, in the
// request's language; a string view["title_detail"] (the name of the thing shown) goes before
// it. When the request chose a language with ?lang=, remembers it in a cookie.
http::Response render_page(const http::Request& request, std::string_view name,
                           std::string_view title_key, nlohmann::json view, int status = 200);

// The error page for `status` in the request's language (404, 405, 413, 431, 500, …).
std::string render_error_page(const http::Request& request, int status);

}  // namespace lodestar::web
