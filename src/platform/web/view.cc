#include "platform/web/view.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <utility>

#include <kainjow/mustache.hpp>

#include "platform/auth/policy.h"
#include "platform/http/static_assets.h"
#include "platform/resources.h"
#include "platform/text.h"

namespace lodestar::web {
namespace {

namespace mustache = kainjow::mustache;

constexpr std::string_view kLayout = "platform/web/layout";
constexpr std::string_view kErrorTemplate = "platform/web/error";
constexpr std::string_view kLanguageCookieAttributes = "; Path=/; Max-Age=31536000; SameSite=Lax";

// Statuses the error page explains in their own words; the rest get the 4xx or 5xx text.
constexpr int kExplainedStatuses[] = {400, 401, 403, 404, 405, 408, 409,
                                      413, 415, 422, 429, 431, 500, 503};

using text::trim;

std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    auto at = s.find(separator);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

mustache::data to_data(const nlohmann::json& json) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    // kainjow's set() and push_back() take a const& and copy it, and a copy is deep: a view
    // nested N levels would be copied N times (a 400-step plan page spent a third of its time
    // here). So each child is moved into place instead.
    case Type::object: {
      mustache::data object{mustache::data::type::object};
      for (const auto& [key, value] : json.items()) object[key] = to_data(value);
      return object;
    }
    case Type::array: {
      mustache::data list{mustache::data::type::list};
      // list_value() is the list this data owns (a non-const object behind a unique_ptr).
      auto& items = const_cast<mustache::list&>(list.list_value());
      items.reserve(json.size());
      for (const auto& value : json) items.push_back(to_data(value));
      return list;
    }
    case Type::string:
      return mustache::data{json.get_ref<const std::string&>()};
    case Type::boolean:
      return mustache::data{json.get<bool>()};
    case Type::number_integer:
    case Type::number_unsigned:
    case Type::number_float:
      return mustache::data{json.dump()};
    default:  // null, binary: nothing to show, and a section over it is skipped
      return mustache::data{false};
  }
}

// Renders a part of a {{#t}} section; a part without tags needs no parse.
std::string expand(const mustache::renderer& render, std::string_view part) {
  if (part.find("{{") == std::string_view::npos) return std::string(part);
  return render(std::string(part));
}

// {{#t}}key|name={{value}}|…{{/t}}. The section's raw text is split before it is rendered, so a
// value holding '|' or '=' cannot change which key or argument is meant. Each part is rendered
// in the current context: its {{tags}} come out escaped, and the catalog text is escaped here.
mustache::data translator(const Catalog& catalog, std::string language) {
  return mustache::data{mustache::lambda2{[&catalog, language = std::move(language)](
                                              const std::string& text,
                                              const mustache::renderer& render) {
    auto parts = split(text, '|');
    std::string key(trim(expand(render, trim(parts.front()))));
    Args args;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      auto eq = parts[i].find('=');
      if (eq == std::string_view::npos) {
        throw std::logic_error("template: {{#t}}" + key + "…{{/t}} has an argument without '='");
      }
      args.insert_or_assign(std::string(trim(parts[i].substr(0, eq))),
                            expand(render, trim(parts[i].substr(eq + 1))));
    }
    return fill_placeholders(mustache::html_escape(catalog.translate(language, key)), args);
  }}};
}

std::string_view load_template(std::string_view name) {
  auto source = resources::find(template_path(name));
  if (!source) throw std::logic_error("no template " + std::string(name));
  return *source;
}

// kainjow finds a partial by name in the data, so every {{> name}} the template reaches (and
// theirs in turn) is added to the root object.
void add_partials(std::string_view source, mustache::data& root, std::set<std::string>& seen) {
  for (auto at = source.find("{{>"); at != std::string_view::npos;
       at = source.find("{{>", at + 3)) {
    auto end = source.find("}}", at);
    if (end == std::string_view::npos) return;  // the parser reports it
    std::string name(trim(source.substr(at + 3, end - at - 3)));
    if (!seen.insert(name).second) continue;
    std::string_view partial = load_template(name);
    root.set(name, mustache::data{std::string(partial)});
    add_partials(partial, root, seen);
  }
}

void append_encoded(std::string& out, std::string_view s, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
        (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

// The same page in `language`: the path and every query parameter but lang, then lang.
std::string language_href(const http::Request& request, std::string_view path,
                          std::string_view language) {
  std::string href;
  append_encoded(href, path, true);
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    if (name == "lang") continue;
    href += separator;
    append_encoded(href, name, false);
    href += '=';
    append_encoded(href, value, false);
    separator = '&';
  }
  href += separator;
  href += "lang=";
  append_encoded(href, language, false);
  return href;
}

std::string render_layout(const http::Request& request, std::string_view language,
                          std::string title, std::string content) {
  const Catalog& catalog = Catalog::builtin();
  std::string path = request.path.starts_with('/') ? request.path : "/";
  auto languages = nlohmann::json::array();
  for (const auto& code : catalog.languages()) {
    languages.push_back({{"code", code},
                         {"name", catalog.translate(code, "language.name")},
                         {"href", language_href(request, path, code)},
                         {"current", code == language}});
  }
  nlohmann::json view = {
      {"lang", language},
      {"title", std::move(title)},
      {"stylesheet", http::StaticAssets::builtin().url("app.css")},
      {"icon", http::StaticAssets::builtin().url("icon.svg")},
      {"languages", std::move(languages)},
      {"home_current", path == "/"},
      {"people_current", path.starts_with("/people")},
      {"frameworks_current", path.starts_with("/frameworks")},
      {"growth_current", path.starts_with("/growth")},
      {"planning_current", path.starts_with("/planning")},
      {"coaching_nav",
       request.principal && auth::holds_somewhere(*request.principal, "coaching.view")},
      {"coaching_current", path.starts_with("/coaching")},
      {"audit_current", path.starts_with("/admin/audit")},
      {"account_current", path.starts_with("/account")},
      {"signed_in", request.principal != nullptr},
      {"administrator", request.principal && request.principal->administrator},
      {"csrf_token", request.principal ? request.principal->csrf_token : ""},
      {"version", LODESTAR_VERSION},
      {"content", std::move(content)}};
  return render_fragment(kLayout, language, view);
}

std::string error_key(int status) {
  if (std::ranges::find(kExplainedStatuses, status) != std::end(kExplainedStatuses)) {
    return "error." + std::to_string(status);
  }
  return status >= 500 ? "error.5xx" : "error.4xx";
}

std::string render_parsed(mustache::mustache& tmpl, std::string_view source,
                          std::string_view language, const nlohmann::json& view,
                          const Catalog& catalog) {
  if (!tmpl.is_valid()) throw std::logic_error("template: " + tmpl.error_message());
  if (!view.is_null() && !view.is_object()) {
    throw std::logic_error("template view must be a JSON object");
  }
  mustache::data data = view.is_null() ? mustache::data{} : to_data(view);
  data.set("t", translator(catalog, std::string(language)));
  std::set<std::string> seen;
  add_partials(source, data, seen);
  std::string html = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::logic_error("template: " + tmpl.error_message());
  return html;
}

}  // namespace

std::string template_path(std::string_view name) {
  auto slash = name.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size()) {
    throw std::logic_error("template name \"" + std::string(name) + "\" is not <dir>/<file>");
  }
  return "src/" + std::string(name.substr(0, slash)) + "/templates/" +
         std::string(name.substr(slash + 1)) + ".mustache";
}

std::string render_string(std::string_view source, std::string_view language,
                          const nlohmann::json& view, const Catalog& catalog) {
  mustache::mustache tmpl{std::string(source)};
  return render_parsed(tmpl, source, language, view, catalog);
}

std::string render_fragment(std::string_view name, std::string_view language,
                            const nlohmann::json& view) {
  // Parsing costs ten times what rendering does, and embedded templates never change: each
  // thread keeps the ones it has parsed (render() records errors in the template, so a parsed
  // template is not shared between threads, and one that failed is parsed again next time).
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> parsed;
  auto found = parsed.find(name);
  try {
    std::string_view source = load_template(name);
    if (found == parsed.end()) {
      auto tmpl = std::make_unique<mustache::mustache>(std::string(source));
      found = parsed.emplace(std::string(name), std::move(tmpl)).first;
    }
    return render_parsed(*found->second, source, language, view, Catalog::builtin());
  } catch (const std::logic_error& e) {
    if (found != parsed.end()) parsed.erase(found);
    throw std::logic_error(std::string(name) + ": " + e.what());
  }
}

http::Response render_page(const http::Request& request, std::string_view name,
                           std::string_view title_key, nlohmann::json view, int status) {
  std::string language = choose_language(request);
  std::string content = render_fragment(name, language, view);
  std::string title = Catalog::builtin().translate(language, title_key);
  // A page about one thing (a framework, an indicator) puts its name first in the title.
  if (auto detail = view.find("title_detail"); detail != view.end() && detail->is_string()) {
    title = detail->get<std::string>() + " · " + title;
  }
  auto response = http::Response::html(
      render_layout(request, language, std::move(title), std::move(content)), status);
  response.set_header("Content-Language", language);
  if (auto asked = requested_language(request)) {
    // Added, not set: a handler may add a session cookie of its own.
    response.headers.emplace_back(
        "Set-Cookie", "lodestar_lang=" + *asked + std::string(kLanguageCookieAttributes));
  }
  return response;
}

std::string render_error_page(const http::Request& request, int status) {
  std::string language = choose_language(request);
  const Catalog& catalog = Catalog::builtin();
  std::string key = error_key(status);
  nlohmann::json view = {{"status", status},
                         {"heading", catalog.translate(language, key + ".title")},
                         {"explanation", catalog.translate(language, key + ".body")}};
  if (request.request_id.empty()) {
    view["reference"] = false;
  } else {
    view["reference"] = {{"id", request.request_id}};
  }
  std::string content = render_fragment(kErrorTemplate, language, view);
  return render_layout(request, language, view["heading"].get<std::string>(), std::move(content));
}

}  // namespace lodestar::web
