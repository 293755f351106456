// How the frameworks' pages and API show items, links and search matches (JSON view models).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "frameworks/store.h"

namespace lodestar::frameworks {

// {id, code, title, statement, type, document_id, document_title, href}
nlohmann::json item_json(const ItemRow& item);

// {association_id, type, type_key, outgoing, note, other: item_json | {title}}
nlohmann::json link_json(const Link& link);

// Text with search matches marked by \x01 … \x02, as [{text, mark}] segments a template renders
// without ever trusting the text as HTML.
nlohmann::json marked_segments(std::string_view marked);

}  // namespace lodestar::frameworks
