// Reads the seed frameworks (CASE 1.0 CFPackage JSON), the curated vocabulary, the curated
// crosswalks and the labeled set into the plain data the suggestion engine and its evaluation use.
// Test and benchmark code only: header-only because the unit-test target compiles *_test.cc files
// alone, and bench/frameworks/suggest_eval.cc reads the same files.
//
// Failures throw std::runtime_error naming the file: a missing or malformed seed is a broken
// build, not an empty framework.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "frameworks/suggest/ranker.h"

namespace lodestar::frameworks::suggest::seeds {

inline nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

// The indicators of the package `<directory>/<key>.json`: every CFItem that is not a
// "Standard", with its parent standard (by isChildOf) as context and vocabulary[key][code].
inline std::vector<Indicator> load_framework(const std::filesystem::path& directory,
                                             const std::string& key,
                                             const nlohmann::json& vocabulary) {
  const auto package = read_json(directory / (key + ".json"));
  std::map<std::string, const nlohmann::json*> items;
  for (const auto& item : package.at("CFItems")) {
    items[item.at("identifier").get<std::string>()] = &item;
  }
  std::map<std::string, std::string> parent_of;
  for (const auto& association : package.at("CFAssociations")) {
    if (association.at("associationType") != "isChildOf") continue;
    parent_of[association.at("originNodeURI").at("identifier").get<std::string>()] =
        association.at("destinationNodeURI").at("identifier").get<std::string>();
  }
  const auto* terms = vocabulary.contains(key) ? &vocabulary.at(key) : nullptr;

  std::vector<Indicator> indicators;
  for (const auto& item : package.at("CFItems")) {
    if (item.value("CFItemType", "") == "Standard") continue;
    Indicator indicator;
    indicator.id = item.at("identifier").get<std::string>();
    indicator.code = item.value("humanCodingScheme", "");
    indicator.statement = item.value("fullStatement", "");
    indicator.title = item.value("abbreviatedStatement", "");
    if (const auto parent = parent_of.find(indicator.id); parent != parent_of.end()) {
      if (const auto standard = items.find(parent->second); standard != items.end()) {
        indicator.context = standard->second->value("abbreviatedStatement", "") + " " +
                            standard->second->value("fullStatement", "");
      }
    }
    if (terms != nullptr && terms->contains(indicator.code)) {
      indicator.vocabulary = terms->at(indicator.code).get<std::vector<std::string>>();
    }
    indicators.push_back(std::move(indicator));
  }
  return indicators;
}

// The curated pairs (origin identifier, destination identifier) of a crosswalk package: its
// exactMatchOf and isRelatedTo associations.
inline std::set<std::pair<std::string, std::string>> load_crosswalk(
    const std::filesystem::path& path) {
  std::set<std::pair<std::string, std::string>> pairs;
  const auto package = read_json(path);  // named: a temporary would die before the loop
  for (const auto& association : package.at("CFAssociations")) {
    const auto type = association.at("associationType").get<std::string>();
    if (type != "exactMatchOf" && type != "isRelatedTo") continue;
    pairs.emplace(association.at("originNodeURI").at("identifier").get<std::string>(),
                  association.at("destinationNodeURI").at("identifier").get<std::string>());
  }
  return pairs;
}

struct LabeledText {
  std::string id;
  std::string framework;
  std::string text;
  std::vector<std::string> labels;  // indicator codes
};

inline std::vector<LabeledText> load_labeled(const std::filesystem::path& path) {
  std::vector<LabeledText> texts;
  const auto labeled = read_json(path);
  for (const auto& entry : labeled.at("cases")) {
    texts.push_back({entry.at("id").get<std::string>(), entry.at("framework").get<std::string>(),
                     entry.at("text").get<std::string>(),
                     entry.at("labels").get<std::vector<std::string>>()});
  }
  return texts;
}

// The four seed frameworks, and the three curated crosswalks as (file, from, to).
inline const std::vector<std::string> kFrameworks = {"iste-leaders-2024", "iste-leaders-2018",
                                                     "iste-technology-director",
                                                     "nets-a-technology-director"};

struct CrosswalkFile {
  std::string file;  // without .json
  std::string from;
  std::string to;
};

inline const std::vector<CrosswalkFile> kCrosswalks = {
    {"crosswalk-leaders-2018-2024", "iste-leaders-2018", "iste-leaders-2024"},
    {"crosswalk-technology-director-nets-a", "iste-technology-director",
     "nets-a-technology-director"},
    {"crosswalk-technology-director-leaders-2024", "iste-technology-director",
     "iste-leaders-2024"}};

}  // namespace lodestar::frameworks::suggest::seeds
