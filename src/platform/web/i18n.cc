#include "platform/web/i18n.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "platform/resources.h"
#include "platform/text.h"

namespace lodestar::web {
namespace {

constexpr std::string_view kCookieName = "lodestar_lang";

using text::trim;

// "es-MX" → "es": the catalog is per language, not per region (BCP 47 primary subtag).
std::string primary_subtag(std::string_view tag) {
  tag = trim(tag);
  std::string out;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::map<std::string, std::string, std::less<>> parse_locale(const std::string& name,
                                                             const std::string& text) {
  std::set<std::string> seen;
  std::vector<std::string> duplicates;
  auto note_keys = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (event == nlohmann::json::parse_event_t::key && depth == 1) {
      auto key = parsed.get<std::string>();
      if (!seen.insert(key).second) duplicates.push_back(std::move(key));
    }
    return true;
  };
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text, note_keys);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::logic_error("locale " + name + ": not valid JSON: " + e.what());
  }
  if (!json.is_object()) throw std::logic_error("locale " + name + ": not a JSON object");
  if (!duplicates.empty()) {
    throw std::logic_error("locale " + name + ": key \"" + duplicates.front() + "\" given twice");
  }
  std::map<std::string, std::string, std::less<>> texts;
  for (const auto& [key, value] : json.items()) {
    if (!value.is_string()) {
      throw std::logic_error("locale " + name + ": \"" + key + "\" is not a string");
    }
    texts.emplace(key, value.get<std::string>());
  }
  return texts;
}

// Every capability keeps its own src/<capability>/locales/<lang>.json; the catalog is their
// union. A key defined by two files is an error, so capabilities cannot override each other.
Catalog load_builtin() {
  std::map<std::string, nlohmann::json> merged;
  std::map<std::string, std::string> owner;  // "lang/key" → file that defined it
  for (const auto& entry : resources::list("src/")) {
    auto marker = entry.path.rfind("/locales/");
    if (marker == std::string_view::npos) continue;
    std::string_view file = entry.path.substr(marker + 9);
    if (!file.ends_with(".json") || file.find('/') != std::string_view::npos) continue;
    file.remove_suffix(5);
    std::string language(file);
    std::string path(entry.path);
    auto& texts = merged.try_emplace(language, nlohmann::json::object()).first->second;
    for (const auto& [key, value] : parse_locale(path, std::string(entry.bytes))) {
      auto [it, fresh] = owner.emplace(language + "/" + key, path);
      if (!fresh) {
        throw std::logic_error("translation key \"" + key + "\" is defined in both " + it->second +
                               " and " + path);
      }
      texts[key] = value;
    }
  }
  if (!merged.contains(std::string(kDefaultLanguage))) {
    throw std::logic_error("no English locale compiled in (src/*/locales/en.json)");
  }
  std::map<std::string, std::string> locales;
  for (const auto& [language, texts] : merged) locales.emplace(language, texts.dump());
  return Catalog::from_json(locales);
}

// The value of cookie `name` from every Cookie header (RFC 6265 §5.4: "a=b; c=d").
std::string cookie_value(const http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto end = rest.find(';');
      std::string_view pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      auto eq = pair.find('=');
      if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
      std::string_view v = trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return {};
}

// Accept-Language (RFC 9110 §12.5.4): language ranges by descending quality; q=0 means "not
// this one". Ties keep the order they were sent in.
std::vector<std::string> accepted_languages(std::string_view header) {
  std::vector<std::pair<double, std::string>> ranges;
  while (!header.empty()) {
    auto end = header.find(',');
    std::string_view item = trim(header.substr(0, end));
    header = end == std::string_view::npos ? std::string_view() : header.substr(end + 1);
    auto semi = item.find(';');
    std::string tag = primary_subtag(item.substr(0, semi));
    double quality = 1.0;
    if (semi != std::string_view::npos) {
      std::string_view params = trim(item.substr(semi + 1));
      if (params.starts_with("q=") || params.starts_with("Q=")) {
        std::string_view number = trim(params.substr(2));
        auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), quality);
        if (ec != std::errc()) quality = 0;
      }
    }
    if (!tag.empty() && tag != "*" && quality > 0) ranges.emplace_back(quality, std::move(tag));
  }
  std::stable_sort(ranges.begin(), ranges.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> tags;
  for (auto& range : ranges) tags.push_back(std::move(range.second));
  return tags;
}

}  // namespace

const Catalog& Catalog::builtin() {
  static const Catalog catalog = load_builtin();
  return catalog;
}

Catalog Catalog::from_json(const std::map<std::string, std::string>& locales) {
  Catalog catalog;
  for (const auto& [name, text] : locales) catalog.texts_.emplace(name, parse_locale(name, text));
  return catalog;
}

std::string Catalog::translate(std::string_view language, std::string_view key,
                               const Args& args) const {
  for (std::string_view lang : {language, kDefaultLanguage}) {
    auto texts = texts_.find(lang);
    if (texts == texts_.end()) continue;
    auto text = texts->second.find(key);
    if (text != texts->second.end()) return fill_placeholders(text->second, args);
  }
  return std::string(key);
}

bool Catalog::has(std::string_view language, std::string_view key) const {
  auto texts = texts_.find(language);
  return texts != texts_.end() && texts->second.contains(key);
}

bool Catalog::has_language(std::string_view language) const {
  return texts_.contains(language);
}

std::vector<std::string> Catalog::languages() const {
  std::vector<std::string> names;
  for (const auto& [name, texts] : texts_) names.push_back(name);
  return names;
}

std::vector<std::string> Catalog::keys(std::string_view language) const {
  std::vector<std::string> names;
  auto texts = texts_.find(language);
  if (texts == texts_.end()) return names;
  for (const auto& [key, text] : texts->second) names.push_back(key);
  return names;
}

std::string fill_placeholders(std::string_view text, const Args& args) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    auto open = text.find('{');
    auto close = open == std::string_view::npos ? open : text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    auto arg = args.find(text.substr(open + 1, close - open - 1));
    out.append(text.substr(0, open));
    if (arg != args.end()) {
      out.append(arg->second);
      text.remove_prefix(close + 1);
    } else {
      out += '{';  // not ours: keep it, and look again from the next character
      text.remove_prefix(open + 1);
    }
  }
  out.append(text);
  return out;
}

std::optional<std::string> requested_language(const http::Request& request) {
  auto asked = request.query_value("lang");
  if (!asked) return std::nullopt;
  std::string lang = primary_subtag(*asked);
  if (!Catalog::builtin().has_language(lang)) return std::nullopt;
  return lang;
}

std::string choose_language(const http::Request& request) {
  if (auto asked = requested_language(request)) return *asked;
  const Catalog& catalog = Catalog::builtin();
  std::string remembered = primary_subtag(cookie_value(request, kCookieName));
  if (catalog.has_language(remembered)) return remembered;
  for (const auto& lang : accepted_languages(request.header("accept-language"))) {
    if (catalog.has_language(lang)) return lang;
  }
  return std::string(kDefaultLanguage);
}

std::string translate(const http::Request& request, std::string_view key, const Args& args) {
  return Catalog::builtin().translate(choose_language(request), key, args);
}

}  // namespace lodestar::web
