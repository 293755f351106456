#include "platform/web/view.h"

#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "platform/http/static_assets.h"
#include "platform/resources.h"

namespace lodestar::web {
namespace {

using nlohmann::json;

std::string escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<resources::Entry> templates() {
  std::vector<resources::Entry> found;
  for (const auto& entry : resources::list("src/")) {
    if (entry.path.ends_with(".mustache")) found.push_back(entry);
  }
  return found;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The text of every {{#t}}…{{/t}} section in `source`.
std::vector<std::string> translation_sections(std::string_view source) {
  std::vector<std::string> sections;
  for (auto at = source.find("{{#t}}"); at != std::string_view::npos;
       at = source.find("{{#t}}", at + 1)) {
    auto end = source.find("{{/t}}", at);
    if (end == std::string_view::npos) break;
    sections.emplace_back(source.substr(at + 6, end - at - 6));
  }
  return sections;
}

// Removes every span from `open` to the next `close` (inclusive).
std::string remove_spans(std::string_view text, std::string_view open, std::string_view close) {
  std::string out;
  for (;;) {
    auto at = text.find(open);
    if (at == std::string_view::npos) break;
    out.append(text.substr(0, at));
    auto end = text.find(close, at + open.size());
    if (end == std::string_view::npos) return out;
    text.remove_prefix(end + close.size());
  }
  out.append(text);
  return out;
}

// Attributes whose values people read (or hear).
bool is_text_attribute(std::string_view name) {
  static const std::set<std::string_view> kText = {"alt",
                                                   "title",
                                                   "placeholder",
                                                   "aria-label",
                                                   "aria-description",
                                                   "aria-roledescription",
                                                   "aria-valuetext",
                                                   "label",
                                                   "summary"};
  return kText.contains(name);
}

// What a person would read in a template once translations are taken out: text between tags
// and the values of text attributes.
std::string readable_text(std::string_view source) {
  std::string text = remove_spans(source, "{{!", "}}");
  text = remove_spans(text, "{{#t}}", "{{/t}}");
  text = remove_spans(text, "{{{", "}}}");
  text = remove_spans(text, "{{", "}}");
  text = remove_spans(text, "<!--", "-->");
  text = remove_spans(text, "<!DOCTYPE", ">");
  text = remove_spans(text, "&", ";");  // character references: &nbsp; &#8212; …
  std::string readable;
  std::string_view rest = text;
  while (!rest.empty()) {
    auto open = rest.find('<');
    readable.append(rest.substr(0, open));
    if (open == std::string_view::npos) break;
    auto close = rest.find('>', open);
    std::string_view tag =
        rest.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
    // name="value" pairs inside the tag.
    for (auto eq = tag.find('='); eq != std::string_view::npos; eq = tag.find('=', eq + 1)) {
      auto name_end = eq;
      while (name_end > 0 && tag[name_end - 1] == ' ') --name_end;
      auto name_start = tag.find_last_of(" \t\n", name_end - 1);
      name_start = name_start == std::string_view::npos ? 0 : name_start + 1;
      std::string_view name = tag.substr(name_start, name_end - name_start);
      auto quote = tag.find_first_not_of(' ', eq + 1);
      if (quote == std::string_view::npos || (tag[quote] != '"' && tag[quote] != '\'')) continue;
      auto value_end = tag.find(tag[quote], quote + 1);
      if (value_end == std::string_view::npos) break;
      if (is_text_attribute(name))
        readable.append(" " + std::string(tag.substr(quote + 1, value_end - quote - 1)));
      eq = value_end;
    }
    if (close == std::string_view::npos) break;
    rest.remove_prefix(close + 1);
  }
  return readable;
}

// True when `text` holds a letter: ASCII, or any code point from Latin-1 letters up to (not
// including) General Punctuation, or CJK and beyond. Dashes, arrows and symbols pass.
bool has_letters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (std::isalpha(c)) return true;
    if (c < 0x80) continue;
    unsigned code = 0;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    code = c & (0x3F >> extra);
    for (int k = 0; k < extra && i + 1 < text.size(); ++k) code = (code << 6) | (text[++i] & 0x3F);
    if ((code >= 0xC0 && code < 0x2000) || code >= 0x3000) return true;
  }
  return false;
}

http::Request get(std::string path) {
  http::Request request;
  request.method = "GET";
  request.target = path;
  request.path = std::move(path);
  request.request_id = "0123456789abcdef";
  return request;
}

TEST(ViewTemplates, SomeAreEmbedded) {
  EXPECT_TRUE(resources::find("src/platform/web/templates/layout.mustache"));
  EXPECT_TRUE(resources::find("src/platform/web/templates/error.mustache"));
  EXPECT_TRUE(resources::find("src/site/templates/home.mustache"));
  // The layout links it on every page; CMakeLists.txt must embed src/platform/web/assets/*.
  EXPECT_TRUE(resources::find("src/platform/web/assets/app.css"));
}

TEST(ViewTemplates, MapsNamesToEmbeddedPaths) {
  EXPECT_EQ(template_path("site/home"), "src/site/templates/home.mustache");
  EXPECT_EQ(template_path("platform/web/error"), "src/platform/web/templates/error.mustache");
  EXPECT_THROW(template_path("home"), std::logic_error);
  EXPECT_THROW(template_path("site/"), std::logic_error);
  EXPECT_THROW(render_fragment("site/no_such_page", "en", json::object()), std::logic_error);
}

TEST(ViewTemplates, EveryTemplateRenders) {
  for (const auto& entry : templates()) {
    EXPECT_NO_THROW(render_string(entry.bytes, "en", json::object())) << entry.path;
  }
}

TEST(ViewTemplates, EveryTranslationKeyIsInTheCatalog) {
  const Catalog& catalog = Catalog::builtin();
  int checked = 0;
  for (const auto& entry : templates()) {
    for (const auto& section : translation_sections(entry.bytes)) {
      std::string key(trim(std::string_view(section).substr(0, section.find('|'))));
      if (key.find("{{") != std::string::npos) continue;  // chosen by the view model
      ++checked;
      for (const auto& language : catalog.languages()) {
        EXPECT_TRUE(catalog.has(language, key))
            << entry.path << ": " << key << " not in " << language;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(ViewTemplates, NoTextOutsideTheCatalog) {
  for (const auto& entry : templates()) {
    std::string text = readable_text(entry.bytes);
    EXPECT_FALSE(has_letters(text))
        << entry.path << " shows text not from the catalog: " << trim(text);
  }
}

TEST(ViewTemplates, TheTextCheckFindsHardCodedText) {
  EXPECT_TRUE(has_letters(readable_text("<p>Hello</p>")));
  EXPECT_TRUE(has_letters(readable_text("<p>{{#t}}a{{/t}} más</p>")));
  EXPECT_TRUE(has_letters(readable_text(R"(<nav aria-label="Main">)")));
  EXPECT_TRUE(has_letters(readable_text(R"(<img alt='Logo' src="x.png">)")));
  EXPECT_FALSE(has_letters(readable_text(
      R"(<a class="card" href="/x?a=b" aria-label="{{#t}}k{{/t}}">{{name}} &mdash; {{#t}}k{{/t}}</a>)")));
  EXPECT_FALSE(has_letters(readable_text("<p>{{! a comment }}{{{html}}} — 1/2</p>")));
}

// The CSP forbids inline script and style; forms must work without JavaScript anyway.
TEST(ViewTemplates, NoInlineScriptOrStyle) {
  for (const auto& entry : templates()) {
    std::string_view source = entry.bytes;
    EXPECT_EQ(source.find("<style"), std::string_view::npos) << entry.path;
    EXPECT_EQ(source.find(" style="), std::string_view::npos) << entry.path;
    EXPECT_EQ(source.find("javascript:"), std::string_view::npos) << entry.path;
    for (auto at = source.find("<script"); at != std::string_view::npos;
         at = source.find("<script", at + 1)) {
      auto end = source.find('>', at);
      EXPECT_NE(source.substr(at, end - at).find(" src="), std::string_view::npos) << entry.path;
      EXPECT_EQ(source.substr(end + 1, 9), "</script>") << entry.path;
    }
    for (auto at = source.find(" on"); at != std::string_view::npos;
         at = source.find(" on", at + 1)) {
      auto word_end = source.find_first_not_of("abcdefghijklmnopqrstuvwxyz", at + 3);
      bool handler = word_end != std::string_view::npos && word_end > at + 3 &&
                     source[word_end] == '=' && source.rfind('<', at) > source.rfind('>', at);
      EXPECT_FALSE(handler) << entry.path << ": inline event handler";
    }
  }
}

TEST(ViewRender, EscapesTranslatedText) {
  auto catalog = Catalog::from_json({{"en", R"({"k": "Fish & <chips> \"now\""})"}});
  EXPECT_EQ(render_string("<p>{{#t}}k{{/t}}</p>", "en", json::object(), catalog),
            "<p>Fish &amp; &lt;chips&gt; &quot;now&quot;</p>");
}

TEST(ViewRender, EscapesArguments) {
  auto catalog = Catalog::from_json({{"en", R"({"k": "Hello {name}!"})"}});
  json view = {{"name", "<script>alert('x')</script>"}};
  std::string html = render_string("{{#t}}k|name={{name}}{{/t}}", "en", view, catalog);
  EXPECT_EQ(html, "Hello &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;!");
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(ViewRender, ArgumentsMayHoldSeparatorsAndBraces) {
  auto catalog = Catalog::from_json({{"en", R"({"k": "[{a}] [{b}]"})"}});
  json view = {{"x", "1|b=2"}, {"y", "{a}"}};
  EXPECT_EQ(render_string("{{#t}} k | a={{x}} | b={{y}} {{/t}}", "en", view, catalog),
            "[1|b=2] [{a}]");
}

TEST(ViewRender, TranslatesInTheRequestedLanguage) {
  auto catalog = Catalog::from_json(
      {{"en", R"({"k": "Hello {n}", "only": "English"})"}, {"es", R"({"k": "Hola {n}"})"}});
  json view = {{"people", {{{"n", "Ana"}}, {{"n", "Luis"}}}}};
  const char* source = "{{#people}}{{#t}}k|n={{n}}{{/t}}. {{/people}}{{#t}}only{{/t}}";
  EXPECT_EQ(render_string(source, "es", view, catalog), "Hola Ana. Hola Luis. English");
  EXPECT_EQ(render_string(source, "en", view, catalog), "Hello Ana. Hello Luis. English");
}

TEST(ViewRender, KeysMayComeFromTheViewModel) {
  auto catalog = Catalog::from_json({{"en", R"({"status.open": "Open"})"}});
  EXPECT_EQ(render_string("{{#t}}{{key}}{{/t}}", "en", {{"key", "status.open"}}, catalog), "Open");
}

TEST(ViewRender, ConvertsJsonValues) {
  json view = {{"n", 42},
               {"x", 2.5},
               {"yes", true},
               {"no", false},
               {"none", nullptr},
               {"list", {1, 2, 3}},
               {"empty", json::array()},
               {"obj", {{"a", "b"}}}};
  EXPECT_EQ(render_string("{{n}} {{x}} {{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}"
                          "{{#none}}Z{{/none}} {{#list}}[{{.}}]{{/list}}{{^empty}}E{{/empty}} "
                          "{{obj.a}}",
                          "en", view),
            "42 2.5 Y!N [1][2][3]E b");
}

TEST(ViewRender, RejectsMalformedTemplatesAndViews) {
  EXPECT_THROW(render_string("{{#open}}never closed", "en", json::object()), std::logic_error);
  EXPECT_THROW(render_string("{{#t}}k|no-equals-sign{{/t}}", "en", json::object()),
               std::logic_error);
  EXPECT_THROW(render_string("{{t}}", "en", json::object()), std::logic_error);
  EXPECT_THROW(render_string("x", "en", json::array()), std::logic_error);
  EXPECT_THROW(render_string("{{> site/no_such_partial}}", "en", json::object()), std::logic_error);
}

TEST(ViewRender, IncludesPartials) {
  std::string html = render_string("<div>{{> platform/web/error}}</div>", "en",
                                   {{"heading", "H<1>"}, {"status", 404}});
  EXPECT_NE(html.find("<h1>H&lt;1&gt;</h1>"), std::string::npos) << html;
}

TEST(ViewRender, ParsedTemplatesAreReusedAndSurviveFailures) {
  json view = {{"heading", "H"}, {"status", 404}};
  std::string first = render_fragment("platform/web/error", "en", view);
  EXPECT_THROW(render_fragment("platform/web/error", "en", json::array()), std::logic_error);
  EXPECT_EQ(render_fragment("platform/web/error", "en", view), first);
  EXPECT_NE(render_fragment("platform/web/error", "es", view), first);
}

TEST(ViewPage, SpanishByQueryParameterSetsTheCookie) {
  http::Request request = get("/");
  request.query = {{"lang", "es"}};
  http::Response response = render_page(request, "site/home", "home.title", json::object());
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(response.body.find("Saltar al contenido principal"), std::string::npos);
  EXPECT_NE(response.body.find("<title>Inicio — Lodestar</title>"), std::string::npos);
  EXPECT_NE(response.body.find(escape(Catalog::builtin().translate("es", "home.heading"))),
            std::string::npos);
  EXPECT_EQ(response.header("Set-Cookie"),
            "lodestar_lang=es; Path=/; Max-Age=31536000; SameSite=Lax");
  EXPECT_EQ(response.header("Content-Language"), "es");
  EXPECT_TRUE(response.header("Content-Type").starts_with("text/html"));
}

TEST(ViewPage, OtherLanguageChoicesSetNoCookie) {
  http::Request request = get("/");
  request.headers = {{"accept-language", "es-US,es;q=0.9"}};
  http::Response response = render_page(request, "site/home", "home.title", json::object());
  EXPECT_NE(response.body.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_EQ(response.header("Set-Cookie"), "");

  request.query = {{"lang", "klingon"}};
  response = render_page(request, "site/home", "home.title", json::object());
  EXPECT_EQ(response.header("Set-Cookie"), "");
}

TEST(ViewPage, LayoutHasLandmarksSkipLinkAndStylesheet) {
  http::Response response = render_page(get("/"), "site/home", "home.title", json::object(), 201);
  const std::string& html = response.body;
  EXPECT_EQ(response.status, 201);
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  auto skip = html.find("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>");
  auto main = html.find("<main id=\"main\"");
  ASSERT_NE(skip, std::string::npos);
  ASSERT_NE(main, std::string::npos);
  EXPECT_LT(skip, html.find("<header"));
  EXPECT_LT(html.find("<header"), main);
  EXPECT_LT(html.find("<nav"), main);
  EXPECT_LT(main, html.find("</main>"));
  EXPECT_LT(html.find("</main>"), html.find("<footer"));
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_NE(html.find("<title>Home — Lodestar</title>"), std::string::npos);
  std::string stylesheet = http::StaticAssets::builtin().url("app.css");
  EXPECT_NE(html.find("<link rel=\"stylesheet\" href=\"" + escape(stylesheet) + "\">"),
            std::string::npos);
  EXPECT_NE(html.find("Version " LODESTAR_VERSION), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(ViewPage, LanguageSwitchLinksToTheSamePage) {
  http::Request request = get("/reports/a b");
  request.query = {{"q", "x&y"}, {"lang", "es"}};
  std::string html = render_page(request, "site/home", "home.title", json::object()).body;
  EXPECT_NE(html.find("<a href=\"/reports/a%20b?q=x%26y&amp;lang=en\" hreflang=\"en\" "
                      "lang=\"en\">English</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<a href=\"/reports/a%20b?q=x%26y&amp;lang=es\" hreflang=\"es\" "
                      "lang=\"es\" aria-current=\"true\">Español</a>"),
            std::string::npos)
      << html;
}

TEST(ViewPage, HomeLinkIsCurrentOnlyOnTheHomePage) {
  std::string home = render_page(get("/"), "site/home", "home.title", json::object()).body;
  std::string other = render_page(get("/x"), "site/home", "home.title", json::object()).body;
  EXPECT_NE(home.find("<a href=\"/\" aria-current=\"page\">Home</a>"), std::string::npos);
  EXPECT_EQ(other.find("aria-current=\"page\""), std::string::npos);
}

TEST(ViewError, EachStatusExplainsItself) {
  const Catalog& catalog = Catalog::builtin();
  std::set<std::string> headings;
  for (int status : {400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429, 431, 500, 503}) {
    std::string key = "error." + std::to_string(status);
    std::string heading = escape(catalog.translate("en", key + ".title"));
    std::string html = render_error_page(get("/missing"), status);
    EXPECT_TRUE(catalog.has("en", key + ".title")) << key;
    EXPECT_NE(html.find("<h1>" + heading + "</h1>"), std::string::npos) << status;
    EXPECT_NE(html.find(escape(catalog.translate("en", key + ".body"))), std::string::npos)
        << status;
    EXPECT_NE(html.find("<title>" + heading + " — Lodestar</title>"), std::string::npos);
    EXPECT_NE(html.find("Error " + std::to_string(status)), std::string::npos);
    EXPECT_NE(html.find("Reference: <code>0123456789abcdef</code>"), std::string::npos);
    EXPECT_NE(html.find("<a class=\"button\" href=\"/\">Go to the home page</a>"),
              std::string::npos);
    EXPECT_NE(html.find("<main id=\"main\""), std::string::npos);
    headings.insert(heading);
  }
  EXPECT_EQ(headings.size(), 14u);
}

TEST(ViewError, OtherStatusesGetTheGeneralText) {
  const Catalog& catalog = Catalog::builtin();
  EXPECT_NE(render_error_page(get("/"), 418).find(catalog.translate("en", "error.4xx.title")),
            std::string::npos);
  EXPECT_NE(render_error_page(get("/"), 599).find(catalog.translate("en", "error.5xx.title")),
            std::string::npos);
}

TEST(ViewError, SpeaksTheRequestLanguage) {
  http::Request request = get("/nowhere");
  request.headers = {{"cookie", "lodestar_lang=es"}};
  std::string html = render_error_page(request, 404);
  EXPECT_NE(html.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(html.find("<h1>No se encontró la página</h1>"), std::string::npos);
  EXPECT_NE(html.find("Referencia: <code>0123456789abcdef</code>"), std::string::npos);
  EXPECT_NE(html.find("href=\"/nowhere?lang=en\""), std::string::npos);
}

TEST(ViewError, EscapesTheRequestIdAndOmitsAnEmptyOne) {
  http::Request request = get("/");
  request.request_id = "<script>x</script>";
  std::string html = render_error_page(request, 500);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x&lt;/script&gt;"), std::string::npos);

  request.request_id.clear();
  html = render_error_page(request, 500);
  EXPECT_EQ(html.find("Reference:"), std::string::npos);
}

TEST(ViewError, SurvivesARequestWithoutAPath) {
  http::Request request;  // as for a 400 before the target was read
  std::string html = render_error_page(request, 400);
  EXPECT_NE(html.find("href=\"/?lang=es\""), std::string::npos);
}

}  // namespace
}  // namespace lodestar::web
