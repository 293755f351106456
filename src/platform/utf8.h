// UTF-8, read one character at a time: for code that must judge text by its characters (whether
// an upload is plain text, how wide a spreadsheet column is) rather than by its bytes.
#pragma once

#include <cstddef>
#include <string_view>

namespace lodestar::utf8 {

// The length of the well-formed UTF-8 sequence at the start of `text` and its code point, or 0
// when the sequence is malformed, overlong, a surrogate or beyond U+10FFFF.
// REQUIRES: `text` is not empty.
std::size_t decode(std::string_view text, char32_t& code_point);

}  // namespace lodestar::utf8
