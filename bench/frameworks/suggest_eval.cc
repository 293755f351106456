// Suggested alignments, measured: precision@1 and recall@3 on the labeled texts per framework and
// overall, and precision/recall of the suggested crosswalks against the curated ones, as Markdown.
//
//   lodestar_suggest_eval src/frameworks/seeds tests/frameworks/suggest/labeled.json
//       [--misses]   also list the texts with a label outside the top 3
//       [--sweep]    also show how the measures move with k1, b and the field weights
//       [--timing]   also time rank() for a 200-word text against 2,000 indicators
//
// The defaults of RankerOptions were chosen before the labeled set was first scored; --sweep is
// there to show how sensitive the measures are, not to fit the parameters to 81 texts.

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "frameworks/suggest/evaluation.h"
#include "frameworks/suggest/ranker.h"
#include "frameworks/suggest/seed_loader.h"

namespace {

using namespace lodestar::frameworks::suggest;
using namespace lodestar::frameworks::suggest::seeds;

void print_sweep(const std::filesystem::path& seeds, const std::filesystem::path& labeled) {
  struct Variant {
    const char* name;
    RankerOptions options;
  };
  std::vector<Variant> variants;
  const RankerOptions base;
  variants.push_back({"defaults", base});
  for (double k1 : {0.6, 2.0}) {
    auto o = base;
    o.k1 = k1;
    variants.push_back({k1 < 1 ? "k1 = 0.6" : "k1 = 2.0", o});
  }
  for (double b : {0.0, 1.0}) {
    auto o = base;
    o.statement_b = o.context_b = b;
    o.title_b = o.vocabulary_b = b;
    variants.push_back({b == 0 ? "b = 0 (all fields)" : "b = 1 (all fields)", o});
  }
  {
    auto o = base;
    o.context_weight = 0;
    variants.push_back({"context weight 0", o});
    o.context_weight = 1;
    variants.push_back({"context weight 1", o});
  }
  {
    auto o = base;
    o.vocabulary_weight = 0;
    variants.push_back({"vocabulary weight 0", o});
    o.vocabulary_weight = 1;
    variants.push_back({"vocabulary weight 1", o});
    o.vocabulary_weight = 3;
    variants.push_back({"vocabulary weight 3", o});
  }
  {
    auto o = base;
    o.title_weight = 0;
    variants.push_back({"title weight 0", o});
  }
  std::printf(
      "\n| variant | precision@1 | recall@3 | crosswalk P / R (18→24, TD→NETS-A, TD→24) |\n"
      "| --- | ---: | ---: | --- |\n");
  for (const auto& variant : variants) {
    const auto result = evaluate(seeds, labeled, variant.options);
    std::printf("| %s | %.2f | %.2f |", variant.name, result.overall.precision_at_1(),
                result.overall.recall_at_3());
    for (const auto& [file, score] : result.crosswalks) {
      std::printf(" %.2f / %.2f", score.precision(), score.recall());
    }
    std::printf(" |\n");
  }
  std::printf(
      "\n| crosswalk threshold, max per indicator, filter | crosswalk P / R (18→24, TD→NETS-A, "
      "TD→24) "
      "|\n| --- | --- |\n");
  for (bool reciprocal : {false, true}) {
    for (double threshold : {0.6, 0.8, 0.9, 1.0}) {
      for (std::size_t most : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
        const auto result = evaluate(seeds, labeled, {}, {threshold, most, reciprocal});
        std::printf("| %.1f, %zu%s |", threshold, most, reciprocal ? ", reciprocal" : "");
        for (const auto& [file, score] : result.crosswalks) {
          std::printf(" %.2f / %.2f", score.precision(), score.recall());
        }
        std::printf(" |\n");
      }
    }
  }
}

// 2,000 indicators: the seed indicators repeated (each copy its own id and code), so that every
// posting list is as long as it would be in a large, repetitive catalogue.
void print_timing(const std::filesystem::path& seeds, const std::filesystem::path& labeled) {
  const auto vocabulary = read_json(seeds / "vocabulary.json");
  std::vector<Indicator> pool;
  for (const auto& key : kFrameworks) {
    for (auto& indicator : load_framework(seeds, key, vocabulary)) pool.push_back(indicator);
  }
  std::vector<Indicator> many;
  for (std::size_t i = 0; many.size() < 2000; ++i) {
    auto copy = pool[i % pool.size()];
    copy.id += "-" + std::to_string(i);
    copy.code += "." + std::to_string(i / pool.size());
    many.push_back(std::move(copy));
  }
  const auto start_build = std::chrono::steady_clock::now();
  const Ranker ranker(std::move(many));
  const auto built = std::chrono::steady_clock::now();

  std::string text;
  std::size_t words = 0;
  for (const auto& labeled_text : load_labeled(labeled)) {
    if (words >= 200) break;
    text += labeled_text.text + " ";
    for (char c : labeled_text.text) words += c == ' ' ? 1 : 0;
  }
  constexpr int kRounds = 2000;
  std::size_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRounds; ++i) sink += ranker.rank(text, 10).size();
  const auto end = std::chrono::steady_clock::now();
  const auto micros = [](auto d) {
    return std::chrono::duration_cast<std::chrono::duration<double, std::micro>>(d).count();
  };
  std::printf(
      "\n| timing | value |\n| --- | ---: |\n| indicators | %zu |\n| text words | ~%zu |\n"
      "| index build | %.0f µs |\n| rank (top 10), mean of %d | %.1f µs |\n",
      ranker.indicators().size(), words, micros(built - start_build), kRounds,
      micros(end - start) / kRounds);
  if (sink == 0) std::printf("(no suggestions?)\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s SEEDS_DIR LABELED_JSON [--misses] [--sweep] [--timing]\n"
                 "  e.g. %s src/frameworks/seeds tests/frameworks/suggest/labeled.json\n",
                 argv[0], argv[0]);
    return 2;
  }
  const std::filesystem::path seeds = argv[1];
  const std::filesystem::path labeled = argv[2];
  bool misses = false, sweep = false, timing = false;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--misses") == 0)
      misses = true;
    else if (std::strcmp(argv[i], "--sweep") == 0)
      sweep = true;
    else if (std::strcmp(argv[i], "--timing") == 0)
      timing = true;
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  try {
    const auto result = evaluate(seeds, labeled);
    std::printf("%s", markdown(result).c_str());
    if (misses) {
      std::printf("\nNot in the top 3 (id: labels -> top 3):\n\n");
      for (const auto& miss : result.overall.misses) std::printf("- %s\n", miss.c_str());
    }
    if (sweep) print_sweep(seeds, labeled);
    if (timing) print_timing(seeds, labeled);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "suggest_eval: %s\n", e.what());
    return 1;
  }
  return 0;
}
