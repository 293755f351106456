#include "frameworks/case/locate.h"

#include <cstdio>
#include <optional>
#include <vector>

namespace lodestar::frameworks {
namespace {

// RFC 6901: '~' is written "~0" and '/' "~1" inside a pointer's segment.
std::string escape_segment(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class Scanner {
 public:
  Scanner(std::string_view text, std::unordered_map<std::string, TextPosition>& out)
      : text_(text), out_(out) {}

  void run() {
    // A UTF-8 byte order mark is not part of the text a person sees.
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    skip_space();
    value("");
  }

 private:
  void value(const std::string& pointer) {
    skip_space();
    if (pos_ >= text_.size()) return;
    out_.emplace(pointer, TextPosition{line_, column_});
    char c = text_[pos_];
    if (c == '{') {
      advance();
      skip_space();
      while (pos_ < text_.size() && text_[pos_] != '}') {
        auto key = string();
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ':') advance();
        value(pointer + "/" + escape_segment(key));
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') advance();
        skip_space();
      }
      advance();
    } else if (c == '[') {
      advance();
      skip_space();
      std::size_t index = 0;
      while (pos_ < text_.size() && text_[pos_] != ']') {
        value(pointer + "/" + std::to_string(index++));
        skip_space();
        if (pos_ < text_.size() && text_[pos_] == ',') advance();
        skip_space();
      }
      advance();
    } else if (c == '"') {
      string();
    } else {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' &&
             text_[pos_] != ']' && !is_space(text_[pos_])) {
        advance();
      }
    }
  }

  // Reads a string token; returns its text with the simple escapes undone (enough for keys).
  std::string string() {
    std::string out;
    advance();  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        advance();
        char e = text_[pos_];
        out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      } else {
        out.push_back(text_[pos_]);
      }
      advance();
    }
    advance();  // closing quote
    return out;
  }

  static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) advance();
  }

  void advance() {
    if (pos_ >= text_.size()) return;
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++column_;  // count characters, not UTF-8 continuation bytes
    }
    ++pos_;
  }

  std::string_view text_;
  std::unordered_map<std::string, TextPosition>& out_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

}  // namespace

JsonLocator::JsonLocator(std::string_view text) {
  Scanner(text, positions_).run();
}

TextPosition JsonLocator::find(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    auto it = positions_.find(p);
    if (it != positions_.end()) return it->second;
    if (p.empty()) return {1, 1};
    p.erase(p.rfind('/'));
  }
}

std::vector<LocatedProblem> locate_problems(std::string_view text,
                                            const std::vector<FieldProblem>& problems) {
  std::optional<JsonLocator> locator;
  std::vector<LocatedProblem> out;
  for (const auto& p : problems) {
    LocatedProblem located{p.field.empty() ? "/" : p.field, p.message_key, p.detail, {}};
    if (p.message_key == "frameworks.case.not_json") {
      // The text is not JSON: the reader said where it stopped ("line L, column C").
      std::sscanf(p.detail.c_str(), "line %zu, column %zu", &located.at.line, &located.at.column);
      located.detail.clear();
    } else {
      if (!locator) locator.emplace(text);
      located.at = locator->find(p.field);
    }
    out.push_back(std::move(located));
  }
  return out;
}

}  // namespace lodestar::frameworks
