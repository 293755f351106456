// The translation catalog: every user-facing string, in English and Spanish, from
// web/locales/<lang>.json (flat keys such as "home.title"). Templates reach it through
// {{#t}}key{{/t}}; handlers through translate(). Arguments fill "{name}" placeholders.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/request.h"

namespace lodestar::web {

using Args = std::map<std::string, std::string, std::less<>>;

class Catalog {
 public:
  // The catalog compiled into the binary. Throws std::logic_error when a locale file is not
  // valid JSON or not a flat object of strings.
  static const Catalog& builtin();

  // Builds a catalog from locale name → JSON text (for tests). Throws std::logic_error as
  // builtin() does, and also for a key given twice in one locale.
  static Catalog from_json(const std::map<std::string, std::string>& locales);

  // The text for `key` in `language`, with {name} placeholders filled from `args`. Falls back to
  // English, then to the key itself (a test keeps every key present in every language).
  std::string translate(std::string_view language, std::string_view key,
                        const Args& args = {}) const;

  bool has(std::string_view language, std::string_view key) const;
  bool has_language(std::string_view language) const;
  std::vector<std::string> languages() const;
  std::vector<std::string> keys(std::string_view language) const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> texts_;
};

inline constexpr std::string_view kDefaultLanguage = "en";

// Replaces each "{name}" in `text` whose name is in `args` with its value, in one pass (a value
// holding "{x}" is not expanded again). Placeholders without an argument are left as they are.
std::string fill_placeholders(std::string_view text, const Args& args);

// The language asked for with ?lang= ("es", "es-MX" → "es"), when the catalog has it.
std::optional<std::string> requested_language(const http::Request& request);

// The language to answer in: ?lang=, then the lodestar_lang cookie, then Accept-Language
// (by quality), then English. Only languages the catalog has are chosen.
std::string choose_language(const http::Request& request);

// The built-in catalog's text for `key` in the request's language (for text built in code: a
// CSV header, a chart's title, an e-mail).
std::string translate(const http::Request& request, std::string_view key, const Args& args = {});

}  // namespace lodestar::web
