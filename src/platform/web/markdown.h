// Markdown written by users (coaching notes, comments, descriptions) turned into HTML that is
// safe to put in a page as it is.
//
// Why md4c-html plus a pass over its output, rather than a renderer of our own on md_parse: the
// HTML md4c-html writes is what users of GitHub-flavoured Markdown expect (tables, task lists,
// autolinks), and with MD_FLAG_NOHTML no HTML from the input ever reaches the output, so every
// '<' md4c writes starts a tag it wrote itself, in a fixed form whose attribute values it has
// escaped. The pass reads each of those tags strictly and rebuilds it:
//   - <a>: href kept only when it has no scheme (relative: "#x", "/x", "x") or when its scheme is
//     http, https or mailto. Entities are decoded and whitespace and control characters dropped
//     before the scheme is read, and a colon before any '/', '?' or '#' counts as a scheme, so
//     "JaVaScRiPt:", "java&#x73;cript:", " javascript:" or "java%73cript:" become href="#".
//     The title is kept and rel="nofollow noopener" added.
//   - <img>: replaced by its alt text (already escaped by md4c): user images are not loaded.
//   - any other tag: kept with only the attributes md4c uses (class, align, start, type,
//     disabled, checked); none of them can run script or load anything.
// A tag md4c is not known to write, or a tag not in md4c's form, is a logic_error rather than a
// guess, so a change in md4c fails loudly instead of letting something through.
#pragma once

#include <string>
#include <string_view>

namespace lodestar::web {

// The HTML for `markdown` (GitHub dialect; raw HTML in the input is shown as text), with links
// and images made safe as described above. Empty input gives an empty string. Throws
// std::runtime_error when md4c fails (out of memory), std::length_error for input of 4 GiB or
// more, and std::logic_error when md4c writes HTML this pass does not recognise.
std::string markdown_to_html(std::string_view markdown);

}  // namespace lodestar::web
