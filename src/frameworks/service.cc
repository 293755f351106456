#include "frameworks/service.h"

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "platform/errors.h"
#include "platform/resources.h"
#include "platform/settings.h"

namespace lodestar::frameworks {
namespace {

constexpr std::string_view kSeedDir = "src/frameworks/seeds/";
constexpr std::string_view kSeedBase = "http://127.0.0.1:8080/";
constexpr std::string_view kSeededSetting = "frameworks.seeded";

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (true) {
    auto hit = text.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

SaveSummary import_case(store::Database& db, std::string_view text, audit::Event event) {
  auto package = read_package(text);
  return db.write([&](store::Tx& tx) {
    auto summary = save_package(tx, package, "import");
    event.subject_type = "case_document";
    event.subject_id = summary.document_id;
    event.detail = {{"title", summary.title},
                    {"created", summary.created},
                    {"items", summary.items},
                    {"associations", summary.associations}};
    audit::record(tx, event);
    return summary;
  });
}

std::string export_case(store::Database& db, std::string_view document_id) {
  auto stored = db.read([&](store::Tx& tx) { return stored_package(tx, document_id); });
  if (!stored) throw NotFound("error.not_found", "no framework " + std::string(document_id));
  return std::move(stored->body);
}

std::vector<SeedFile> seed_packages() {
  std::vector<SeedFile> out;
  for (const auto& entry : resources::list(kSeedDir)) {
    std::string_view name = entry.path.substr(kSeedDir.size());
    if (!name.ends_with(".json") || name.ends_with(".rationale.json") ||
        name == "vocabulary.json") {
      continue;
    }
    name.remove_suffix(5);
    out.push_back({std::string(name), entry.bytes});
  }
  return out;
}

std::string_view seed_vocabulary() {
  auto found = resources::find(std::string(kSeedDir) + "vocabulary.json");
  return found ? *found : std::string_view("{}");
}

std::size_t load_seed_frameworks(store::Database& db, std::string_view public_url) {
  std::string base(public_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  base += "/";
  return db.write([&](store::Tx& tx) -> std::size_t {
    if (settings::get(tx, kSeededSetting)) return 0;
    std::size_t loaded = 0;
    for (const auto& seed : seed_packages()) {
      auto package = read_package(replace_all(seed.json, kSeedBase, base));
      std::map<std::string, std::string> notes;
      auto rationale = resources::find(std::string(kSeedDir) + seed.name + ".rationale.json");
      if (rationale) {
        auto json = nlohmann::json::parse(*rationale);
        for (const auto& [id, note] : json.items()) notes[id] = note.get<std::string>();
      }
      save_package(tx, package, "seed", notes);
      ++loaded;
    }
    settings::set(tx, kSeededSetting, "true");
    return loaded;
  });
}

}  // namespace lodestar::frameworks
