#include "frameworks/views.h"

#include "platform/http/dispatcher.h"

namespace lodestar::frameworks {

nlohmann::json item_json(const ItemRow& item) {
  return {{"id", item.id},
          {"code", item.code},
          {"title", item.title},
          {"statement", item.statement},
          {"type", item.type},
          {"document_id", item.document_id},
          {"document_title", item.document_title},
          {"href", "/frameworks/items/" + http::url_encode(item.id)}};
}

nlohmann::json link_json(const Link& link) {
  nlohmann::json out = {{"association_id", link.association_id},
                        {"type", link.type},
                        {"type_key", "frameworks.association." + link.type},
                        {"outgoing", link.outgoing},
                        {"note", link.note},
                        {"has_note", !link.note.empty()}};
  if (link.other) {
    out["other"] = item_json(*link.other);
    out["stored"] = true;
  } else {
    out["other"] = {{"title", link.other_title}, {"id", link.other_id}};
    out["stored"] = false;
  }
  return out;
}

nlohmann::json marked_segments(std::string_view marked) {
  auto out = nlohmann::json::array();
  std::string text;
  bool mark = false;
  auto flush = [&] {
    if (!text.empty()) out.push_back({{"text", text}, {"mark", mark}});
    text.clear();
  };
  for (char c : marked) {
    if (c == '\x01' || c == '\x02') {
      flush();
      mark = c == '\x01';
    } else {
      text.push_back(c);
    }
  }
  flush();
  return out;
}

}  // namespace lodestar::frameworks
