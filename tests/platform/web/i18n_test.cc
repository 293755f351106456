#include "platform/web/i18n.h"

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace lodestar::web {
namespace {

// The "{name}" placeholders in a catalog text.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> names;
  for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    auto close = text.find('}', open);
    if (close == std::string::npos) break;
    names.insert(text.substr(open + 1, close - open - 1));
  }
  return names;
}

bool is_blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

http::Request request_with(std::vector<std::pair<std::string, std::string>> query,
                           std::vector<std::pair<std::string, std::string>> headers) {
  http::Request request;
  request.method = "GET";
  request.path = "/";
  request.target = "/";
  request.query = std::move(query);
  request.headers = std::move(headers);
  return request;
}

TEST(I18nCatalog, BuiltinHasEnglishAndSpanish) {
  const auto languages = Catalog::builtin().languages();
  EXPECT_EQ(languages, (std::vector<std::string>{"en", "es"}));
}

TEST(I18nCatalog, EveryKeyIsInEveryLanguage) {
  const Catalog& catalog = Catalog::builtin();
  for (const auto& language : catalog.languages()) {
    for (const auto& other : catalog.languages()) {
      for (const auto& key : catalog.keys(language)) {
        EXPECT_TRUE(catalog.has(other, key))
            << key << " is in " << language << " but not in " << other;
      }
    }
  }
}

TEST(I18nCatalog, NoTextIsEmpty) {
  const Catalog& catalog = Catalog::builtin();
  for (const auto& language : catalog.languages()) {
    for (const auto& key : catalog.keys(language)) {
      EXPECT_FALSE(is_blank(catalog.translate(language, key))) << language << ": " << key;
    }
  }
}

TEST(I18nCatalog, TranslationsUseTheSamePlaceholders) {
  const Catalog& catalog = Catalog::builtin();
  for (const auto& key : catalog.keys("en")) {
    for (const auto& language : catalog.languages()) {
      EXPECT_EQ(placeholders(catalog.translate(language, key)),
                placeholders(catalog.translate("en", key)))
          << language << ": " << key;
    }
  }
}

TEST(I18nCatalog, SpanishIsActuallyTranslated) {
  const Catalog& catalog = Catalog::builtin();
  EXPECT_EQ(catalog.translate("es", "layout.skip_link"), "Saltar al contenido principal");
  EXPECT_EQ(catalog.translate("en", "layout.skip_link"), "Skip to main content");
  // Brand names and codes may read the same; most sentences must not.
  int same = 0;
  const auto keys = catalog.keys("en");
  for (const auto& key : keys) {
    if (catalog.translate("en", key) == catalog.translate("es", key)) ++same;
  }
  EXPECT_LT(same * 10, static_cast<int>(keys.size())) << same << " texts are the same in es";
}

TEST(I18nCatalog, FillsPlaceholdersFromArguments) {
  auto catalog = Catalog::from_json(
      {{"en", R"({"greet": "Hello {name}, you have {count} {things}"})"}, {"es", "{}"}});
  EXPECT_EQ(catalog.translate("en", "greet", {{"name", "Ana"}, {"count", "3"}}),
            "Hello Ana, you have 3 {things}");
}

TEST(I18nCatalog, DoesNotExpandPlaceholdersInsideArguments) {
  auto catalog = Catalog::from_json({{"en", R"({"k": "{a} and {b}"})"}});
  EXPECT_EQ(catalog.translate("en", "k", {{"a", "{b}"}, {"b", "B"}}), "{b} and B");
}

TEST(I18nCatalog, FallsBackToEnglishThenToTheKey) {
  auto catalog = Catalog::from_json(
      {{"en", R"({"only.en": "English only", "both": "Both"})"}, {"es", R"({"both": "Ambos"})"}});
  EXPECT_EQ(catalog.translate("es", "both"), "Ambos");
  EXPECT_EQ(catalog.translate("es", "only.en"), "English only");
  EXPECT_EQ(catalog.translate("fr", "both"), "Both");
  EXPECT_EQ(catalog.translate("es", "missing.key"), "missing.key");
}

TEST(I18nCatalog, RejectsMalformedLocales) {
  EXPECT_THROW(Catalog::from_json({{"en", "{not json"}}), std::logic_error);
  EXPECT_THROW(Catalog::from_json({{"en", R"(["a", "b"])"}}), std::logic_error);
  EXPECT_THROW(Catalog::from_json({{"en", R"({"a": {"nested": "x"}})"}}), std::logic_error);
  EXPECT_THROW(Catalog::from_json({{"en", R"({"a": 1})"}}), std::logic_error);
  EXPECT_THROW(Catalog::from_json({{"en", R"({"a": "x", "a": "y"})"}}), std::logic_error);
}

TEST(I18nCatalog, FillPlaceholdersLeavesStrayBraces) {
  EXPECT_EQ(fill_placeholders("a { b } {x} {", {{"x", "X"}}), "a { b } X {");
  EXPECT_EQ(fill_placeholders("{{x}}", {{"x", "X"}}), "{X}");
  EXPECT_EQ(fill_placeholders("", {}), "");
}

// choose_language: each row is ?lang=, Cookie, Accept-Language and the expected choice.
struct LanguageCase {
  const char* lang;
  const char* cookie;
  const char* accept;
  const char* expected;
};

class I18nChooseLanguage : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(I18nChooseLanguage, FollowsPrecedence) {
  const LanguageCase& c = GetParam();
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;
  if (c.lang) query.emplace_back("lang", c.lang);
  if (c.cookie) headers.emplace_back("cookie", c.cookie);
  if (c.accept) headers.emplace_back("accept-language", c.accept);
  EXPECT_EQ(choose_language(request_with(query, headers)), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, I18nChooseLanguage,
    ::testing::Values(
        LanguageCase{nullptr, nullptr, nullptr, "en"}, LanguageCase{"es", nullptr, nullptr, "es"},
        LanguageCase{"ES-mx", nullptr, nullptr, "es"},
        LanguageCase{"en", "lodestar_lang=es", "es", "en"},     // ?lang= beats all
        LanguageCase{"fr", "lodestar_lang=es", "en", "es"},     // unknown ?lang= is ignored
        LanguageCase{nullptr, "lodestar_lang=es", "en", "es"},  // cookie beats the browser
        LanguageCase{nullptr, "a=1; lodestar_lang=es; b=2", nullptr, "es"},
        LanguageCase{nullptr, "other_lodestar_lang=es", nullptr, "en"},
        LanguageCase{nullptr, "lodestar_lang=de", "es", "es"},  // unknown cookie is ignored
        LanguageCase{nullptr, nullptr, "es-MX,es;q=0.9,en;q=0.8", "es"},
        LanguageCase{nullptr, nullptr, "en;q=0.5, es;q=0.8", "es"},  // by quality, not order
        LanguageCase{nullptr, nullptr, "fr, de;q=0.9, es;q=0.1", "es"},
        LanguageCase{nullptr, nullptr, "es;q=0, en", "en"},  // q=0: not acceptable
        LanguageCase{nullptr, nullptr, "fr, *", "en"},
        LanguageCase{nullptr, nullptr, "es;q=garbage", "en"},
        LanguageCase{nullptr, nullptr, ",,;;q=", "en"}));

}  // namespace
}  // namespace lodestar::web
