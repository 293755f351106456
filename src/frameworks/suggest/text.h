// Text to index terms for suggested alignments. The same function reads indicator statements and
// the texts people write (PD descriptions, plan goals, coaching notes), so both sides meet on the
// same terms:
//
//   1. lowercase ASCII, and fold the Latin-1 letters of UTF-8 (U+00C0..U+00FF: "é" → "e",
//      "ß" → "ss", "æ" → "ae"); every other byte that is not a letter or digit separates words;
//   2. drop English stop words ("the", "and", "which", …);
//   3. stem each word with `stem` (below);
//   4. keep terms of two or more characters; numbers alone ("2026", "12") are dropped.
//
// Everything here is pure and allocation-light; no locale, no regex.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lodestar::frameworks::suggest {

// One indexed term and the word it came from, as written (lowercased and folded), so that a
// suggestion can say which of the person's own words matched.
struct Token {
  std::string term;
  std::string word;
};

// The words of `text` (steps 1–4 above), in order, repeats kept.
std::vector<Token> tokenize(std::string_view text);

// Lowercase and fold `text` (step 1) without splitting it.
std::string fold(std::string_view text);

// True for English function words that carry no topic ("the", "of", "their", "should", …).
// REQUIRES: `word` is lowercase.
bool is_stop_word(std::string_view word);

// A light suffix stemmer after Porter (1980), enough to make the inflected and derived forms
// that standards and district texts use meet on one term; it is not Porter's algorithm and
// does not claim to produce words. REQUIRES: `word` is lowercase ASCII letters and digits.
//   a. plurals:   -sses → -ss, -ies → -i, -s → "" (not after s, u or i: "class", "campus",
//                 "analysis");
//   b. -ing, -ed: removed when a vowel stays before them; then -at/-bl/-iz gain an "e" back
//                 ("evaluating" → "evaluate") and a doubled final consonant other than f, l, s,
//                 z is undoubled ("planning" → "plan");
//   c. final -y after a consonant → -i ("technology" and "technologies" → "technologi");
//   d. -li (from -ly), then up to two derivational suffixes, longest first (-ation, -ment,
//      -ship, -ness, -ive, -able, -al, -er, -iti, …), each only when at least three letters
//      remain with Porter's measure m ≥ 1 (m ≥ 2 before -al, -ant, -ate, -ative, -ent, -iti, so
//      "student", "goal" and "formative" stay whole); the second pass leaves -ic and -or alone
//      ("collaboratively" → "collaborative" → "collabor"; "leadership" → "leader" → "lead";
//      "communication" → "communic", apart from "community" → "commun");
//   e. a final -e (when two letters remain) and a final -i (when three remain) are dropped
//      ("share" and "shared" → "shar"; "technology" → "technolog").
std::string stem(std::string_view word);

}  // namespace lodestar::frameworks::suggest
