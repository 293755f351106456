#include "platform/web/markdown.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include <md4c-html.h>

namespace lodestar::web {
namespace {

// Every tag md4c-html writes for MD_DIALECT_GITHUB with MD_FLAG_NOHTML.
constexpr std::string_view kKnownTags[] = {
    "p",     "h1",    "h2",    "h3",   "h4", "h5", "h6", "blockquote", "ul",
    "ol",    "li",    "pre",   "code", "hr", "br", "em", "strong",     "del",
    "table", "thead", "tbody", "tr",   "th", "td", "a",  "img",        "input"};

// Attributes kept on tags other than <a> and <img>: none can run script or fetch anything.
constexpr std::string_view kKeptAttributes[] = {"class", "align",    "start",
                                                "type",  "disabled", "checked"};

constexpr std::string_view kAllowedSchemes[] = {"http", "https", "mailto"};

struct Attribute {
  std::string_view name;
  std::optional<std::string_view> value;  // as md4c wrote it, escaped; none for a boolean one
};

struct Tag {
  std::string_view name;
  bool closing = false;
  std::vector<Attribute> attributes;
  std::size_t length = 0;  // of the whole tag, '<' to '>'
};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

[[noreturn]] void unexpected(std::string_view html) {
  throw std::logic_error("markdown: unexpected HTML from md4c near \"" +
                         std::string(html.substr(0, 40)) + "\"");
}

std::string_view read_name(std::string_view html, std::size_t& at) {
  const auto start = at;
  while (at < html.size() && is_name_char(html[at])) ++at;
  if (at == start) unexpected(html.substr(start));
  return html.substr(start, at - start);
}

// Reads the tag at the start of `html` (which begins with '<') in md4c-html's form:
// <name( attr| attr="value")*> or </name>.
Tag read_tag(std::string_view html) {
  Tag tag;
  std::size_t at = 1;
  if (at < html.size() && html[at] == '/') tag.closing = true, ++at;
  tag.name = read_name(html, at);
  while (at < html.size() && html[at] == ' ' && !tag.closing) {
    Attribute attribute{read_name(html, ++at), std::nullopt};
    if (html.substr(at, 2) == "=\"") {
      const auto close = html.find('"', at + 2);
      if (close == std::string_view::npos) unexpected(html);
      attribute.value = html.substr(at + 2, close - at - 2);
      at = close + 1;
    }
    tag.attributes.push_back(attribute);
  }
  if (at >= html.size() || html[at] != '>' || !contains(kKnownTags, tag.name)) unexpected(html);
  tag.length = at + 1;
  return tag;
}

std::optional<std::string_view> value_of(const Tag& tag, std::string_view name) {
  for (const auto& attribute : tag.attributes)
    if (attribute.name == name) return attribute.value.value_or("");
  return std::nullopt;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// Decodes "&#NN", "&#xHH" (with or without ';', as browsers do) and the named references that
// could hide a scheme. Other named references stay as they are; their '&' then cannot be part
// of an allowed scheme, so the check below stays on the safe side.
std::string decode_references(std::string_view text) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"&amp;", '&'},   {"&colon;", ':'}, {"&Tab;", '\t'}, {"&NewLine;", '\n'}, {"&sol;", '/'},
      {"&quest;", '?'}, {"&num;", '#'},   {"&quot;", '"'}, {"&lt;", '<'},       {"&gt;", '>'}};
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    if (text.substr(at, 2) == "&#") {
      const bool hex = at + 2 < text.size() && (text[at + 2] == 'x' || text[at + 2] == 'X');
      auto digits = at + (hex ? 3 : 2);
      std::uint32_t code = 0;
      const auto first = digits;
      for (; digits < text.size() && std::isxdigit(static_cast<unsigned char>(text[digits])) &&
             (hex || std::isdigit(static_cast<unsigned char>(text[digits])));
           ++digits) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[digits])));
        code = std::min<std::uint32_t>(code * (hex ? 16 : 10) + (c <= '9' ? c - '0' : c - 'a' + 10),
                                       0x110000);
      }
      if (digits > first) {
        append_utf8(out, code >= 0x110000 ? 0xFFFD : code);
        at = digits + (digits < text.size() && text[digits] == ';' ? 1 : 0);
        continue;
      }
    }
    const auto named = std::find_if(std::begin(kNamed), std::end(kNamed), [&](const auto& entry) {
      return text.substr(at, entry.first.size()) == entry.first;
    });
    if (named != std::end(kNamed)) {
      out += named->second;
      at += named->first.size();
    } else {
      out += text[at++];
    }
  }
  return out;
}

// WHATWG URL: a scheme is whatever precedes the first ':' that comes before any '/', '?' or '#'.
// Browsers drop tabs and newlines anywhere and spaces and controls at the ends, so all of them
// are dropped before looking.
bool is_safe_href(std::string_view escaped) {
  std::string url;
  for (char c : decode_references(escaped)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte != 0x7F) url += static_cast<char>(std::tolower(byte));
  }
  const auto end = url.find_first_of(":/?#");
  if (end == std::string::npos || url[end] != ':') return true;
  return contains(kAllowedSchemes, std::string_view(url).substr(0, end));
}

void append_tag(std::string& out, const Tag& tag) {
  if (tag.closing) {
    out += "</" + std::string(tag.name) + ">";
  } else if (tag.name == "img") {
    out += value_of(tag, "alt").value_or("");
  } else if (tag.name == "a") {
    const auto href = value_of(tag, "href").value_or("");
    out += "<a href=\"" + std::string(is_safe_href(href) ? href : "#") + "\"";
    if (const auto title = value_of(tag, "title")) out += " title=\"" + std::string(*title) + "\"";
    out += " rel=\"nofollow noopener\">";
  } else {
    out += "<" + std::string(tag.name);
    for (const auto& [name, value] : tag.attributes) {
      if (!contains(kKeptAttributes, name)) continue;
      out += " " + std::string(name);
      if (value) out += "=\"" + std::string(*value) + "\"";
    }
    out += ">";
  }
}

void collect(const MD_CHAR* text, MD_SIZE size, void* html) {
  static_cast<std::string*>(html)->append(text, size);
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  if (markdown.empty()) return {};
  if (markdown.size() > std::numeric_limits<MD_SIZE>::max())
    throw std::length_error("markdown: input too large");
  std::string html;
  if (md_html(markdown.data(), static_cast<MD_SIZE>(markdown.size()), collect, &html,
              MD_DIALECT_GITHUB | MD_FLAG_NOHTML, MD_HTML_FLAG_SKIP_UTF8_BOM) != 0)
    throw std::runtime_error("markdown: md4c failed to render");
  std::string safe;
  safe.reserve(html.size() + html.size() / 8);
  const std::string_view view = html;
  for (std::size_t at = 0; at < view.size();) {
    const auto open = view.find('<', at);
    safe.append(view.substr(at, open - at));
    if (open == std::string_view::npos) break;
    const Tag tag = read_tag(view.substr(open));
    append_tag(safe, tag);
    at = open + tag.length;
  }
  return safe;
}

}  // namespace lodestar::web
