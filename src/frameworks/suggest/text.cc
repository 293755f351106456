#include "frameworks/suggest/text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>

namespace lodestar::frameworks::suggest {
namespace {

// U+00C0..U+00FF in ASCII, indexed by code point − 0xC0; empty for × and ÷, which separate.
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// Sorted, for binary search. Function words only: topic words, however common in standards
// ("students", "learning", "technology"), are left to inverse document frequency.
constexpr std::string_view kStopWords[] = {
    "a",      "about",   "above",      "across",  "after",      "again",     "against",
    "all",    "almost",  "along",      "already", "also",       "although",  "always",
    "am",     "among",   "an",         "and",     "another",    "any",       "are",
    "around", "as",      "at",         "be",      "became",     "because",   "become",
    "been",   "before",  "being",      "below",   "between",    "both",      "but",
    "by",     "can",     "cannot",     "could",   "did",        "do",        "does",
    "doing",  "done",    "down",       "during",  "each",       "eg",        "either",
    "else",   "etc",     "even",       "ever",    "every",      "few",       "for",
    "from",   "further", "had",        "has",     "have",       "having",    "he",
    "her",    "here",    "hers",       "herself", "him",        "himself",   "his",
    "how",    "however", "i",          "ie",      "if",         "in",        "into",
    "is",     "it",      "its",        "itself",  "just",       "least",     "less",
    "let",    "like",    "may",        "me",      "might",      "more",      "most",
    "much",   "must",    "my",         "myself",  "neither",    "no",        "nor",
    "not",    "now",     "of",         "off",     "often",      "on",        "once",
    "one",    "only",    "onto",       "or",      "other",      "others",    "otherwise",
    "our",    "ours",    "ourselves",  "out",     "over",       "own",       "per",
    "rather", "same",    "several",    "shall",   "she",        "should",    "since",
    "so",     "some",    "such",       "than",    "that",       "the",       "their",
    "theirs", "them",    "themselves", "then",    "there",      "these",     "they",
    "this",   "those",   "though",     "through", "throughout", "thus",      "to",
    "too",    "toward",  "towards",    "under",   "until",      "up",        "upon",
    "us",     "very",    "via",        "was",     "we",         "were",      "what",
    "when",   "where",   "whether",    "which",   "while",      "who",       "whom",
    "whose",  "why",     "will",       "with",    "within",     "without",   "would",
    "yet",    "you",     "your",       "yours",   "yourself",   "yourselves"};

bool is_ascii_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Calls `emit(piece, source)` for each character of `text`: `piece` is a lowercase ASCII letter
// or digit, a folded Latin-1 letter (one or two letters), or "" for a separator; `source` is the
// bytes it came from.
template <typename Emit>
void for_each_folded(std::string_view text, Emit&& emit) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_ascii_alnum(c)) {
      const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : text[i];
      emit(std::string_view(&lower, 1), text.substr(i, 1));
    } else if (c == 0xC3 && i + 1 < text.size() &&
               (static_cast<unsigned char>(text[i + 1]) & 0xC0) == 0x80) {
      emit(kLatin1[static_cast<unsigned char>(text[i + 1]) - 0x80], text.substr(i, 2));
      ++i;
    } else {
      emit(std::string_view(), text.substr(i, 1));
    }
  }
}

bool is_vowel_at(std::string_view word, std::size_t i) {
  switch (word[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return true;
    case 'y':  // Porter: y is a vowel after a consonant.
      return i > 0 && !is_vowel_at(word, i - 1);
    default:
      return false;
  }
}

bool has_vowel(std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (is_vowel_at(word, i)) return true;
  }
  return false;
}

// Porter's measure m: the number of vowel-consonant sequences in [C](VC){m}[V].
int measure(std::string_view word) {
  int m = 0;
  bool previous_vowel = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const bool vowel = is_vowel_at(word, i);
    if (previous_vowel && !vowel) ++m;
    previous_vowel = vowel;
  }
  return m;
}

void strip_plural(std::string& word) {
  if (word.ends_with("sses")) {
    word.resize(word.size() - 2);
  } else if (word.ends_with("ies") && word.size() > 4) {
    word.resize(word.size() - 2);
  } else if (word.ends_with('s') && word.size() > 3) {
    const char before = word[word.size() - 2];
    if (before != 's' && before != 'u' && before != 'i') word.pop_back();
  }
}

void strip_inflection(std::string& word) {
  std::size_t cut = 0;
  if (word.ends_with("eed")) {
    if (word.size() > 4) word.pop_back();  // "agreed" → "agree"; "need" stays
    return;
  }
  if (word.ends_with("ing"))
    cut = 3;
  else if (word.ends_with("ed"))
    cut = 2;
  if (cut == 0) return;
  const std::string_view rest(word.data(), word.size() - cut);
  if (rest.size() < 2 || !has_vowel(rest)) return;
  word.resize(rest.size());
  if (word.ends_with("at") || word.ends_with("bl") || word.ends_with("iz")) {
    word.push_back('e');
  } else if (word.size() >= 4 && word.back() == word[word.size() - 2] &&
             !is_vowel_at(word, word.size() - 1) &&
             std::string_view("flsz").find(word.back()) == std::string_view::npos) {
    word.pop_back();
  }
}

struct Suffix {
  std::string_view text;
  int min_measure;  // of what remains
};

// Longest first, so that the first match is the longest.
constexpr Suffix kSuffixes[] = {
    {"abiliti", 1}, {"ibiliti", 1}, {"ization", 1}, {"ation", 1}, {"ition", 1}, {"ement", 1},
    {"ative", 2},   {"ator", 1},    {"ment", 1},    {"ness", 1},  {"ship", 1},  {"ance", 1},
    {"ence", 1},    {"able", 1},    {"ible", 1},    {"ical", 1},  {"ful", 1},   {"ive", 1},
    {"ize", 1},     {"ise", 1},     {"ism", 1},     {"ist", 1},   {"iti", 2},   {"ous", 1},
    {"ari", 1},     {"ent", 2},     {"ant", 2},     {"ion", 1},   {"ate", 2},   {"ic", 1},
    {"al", 2},      {"er", 1},      {"or", 1},
};

// `again` is true on the second pass, which leaves -ic and -or alone: "communication" stops at
// "communic" and so stays apart from "community" ("commun").
bool strip_derivation(std::string& word, bool again) {
  for (const auto& suffix : kSuffixes) {
    if (!word.ends_with(suffix.text)) continue;
    if (again && (suffix.text == "ic" || suffix.text == "or")) return false;
    const std::string_view rest(word.data(), word.size() - suffix.text.size());
    if (rest.size() < 3 || measure(rest) < suffix.min_measure) return false;
    word.resize(rest.size());
    return true;
  }
  return false;
}

bool is_number(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string fold(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for_each_folded(text, [&](std::string_view piece, std::string_view source) {
    // Separators keep their bytes: fold() changes only letters.
    folded.append(piece.empty() ? source : piece);
  });
  return folded;
}

bool is_stop_word(std::string_view word) {
  static const auto sorted = [] {
    std::vector<std::string_view> words(std::begin(kStopWords), std::end(kStopWords));
    std::sort(words.begin(), words.end());
    return words;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

std::string stem(std::string_view input) {
  std::string word(input);
  if (word.size() < 3 ||
      std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return word;
  }
  strip_plural(word);
  strip_inflection(word);
  if (word.size() > 2 && word.back() == 'y' && !is_vowel_at(word, word.size() - 2)) {
    word.back() = 'i';
  }
  if (word.ends_with("li") && word.size() >= 6 && has_vowel({word.data(), word.size() - 2})) {
    word.resize(word.size() - 2);
  }
  if (strip_derivation(word, false)) strip_derivation(word, true);
  if (word.size() >= 3 && word.back() == 'e') word.pop_back();
  if (word.size() >= 4 && word.back() == 'i') word.pop_back();
  return word;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= 2 && !is_stop_word(word) && !is_number(word)) {
      std::string term = stem(word);
      if (term.size() >= 2) tokens.push_back({std::move(term), word});
    }
    word.clear();
  };
  for_each_folded(text, [&](std::string_view piece, std::string_view) {
    if (piece.empty()) {
      flush();
    } else {
      word.append(piece);
    }
  });
  flush();
  return tokens;
}

}  // namespace lodestar::frameworks::suggest
