// /growth/evidence: evidence of growth — a file (type checked by its content, size limited) or a
// link — each aligned to indicators; its owner downloads and removes it here.
#include <fmt/format.h>

#include "growth/records/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/files/blob_store.h"
#include "platform/http/dispatcher.h"
#include "platform/http/multipart.h"

namespace lodestar::growth::records {
namespace {

std::string human_size(std::int64_t bytes) {
  if (bytes < 1024) return fmt::format("{} B", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 512) / 1024);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// What the form sent: multipart/form-data (it has a file input), or urlencoded from a client
// that sends only a link.
EvidenceInput evidence_input(const http::Request& request) {
  EvidenceInput input;
  if (auto parts = http::multipart_parts(request)) {
    for (const auto& part : *parts) {
      if (part.name == "title") input.title = part.data;
      if (part.name == "url") input.url = part.data;
      if (part.name == "indicator") input.indicators.push_back(part.data);
      if (part.name == "file" && !part.data.empty()) input.file = NewFile{part.filename, part.data};
    }
    return input;
  }
  auto form = auth::request_form(request);
  input.title = auth::field(form, "title");
  input.url = auth::field(form, "url");
  input.indicators = form_list(request, "indicator");
  return input;
}

nlohmann::json evidence_json(const EvidenceItem& item) {
  const auto& e = item.row;
  auto id = http::url_encode(e.id);
  return {{"anchor", "evidence-" + e.id},
          {"title", e.title},
          {"is_file", e.kind == "file"},
          {"file_name", e.file_name},
          {"size", human_size(e.size_bytes)},
          {"href", e.kind == "file" ? "/growth/evidence/" + id + "/file" : e.url},
          {"url", e.url},
          {"on", day_of(e.created_at)},
          {"indicators", indicators_json(item.indicators)},
          {"has_indicators", !item.indicators.empty()},
          {"delete_action", "/growth/evidence/" + id + "/delete"}};
}

http::Response evidence_page(const Pages& pages, const http::Request& request,
                             const auth::Principal& who, nlohmann::json view,
                             const EvidenceInput& input, int status = 200) {
  auto items = nlohmann::json::array();
  for (const auto& item : pages.records->evidence(who)) items.push_back(evidence_json(item));
  view["has_evidence"] = !items.empty();
  view["evidence"] = std::move(items);
  nlohmann::json form = {{"title", input.title},
                         {"url", input.url},
                         {"max_mb", files::kMaxEvidenceBytes / (1024 * 1024)}};
  add_indicator_choices(form, pages.records->indicator_choices(), input.indicators);
  view["form"] = std::move(form);
  return page(request, "evidence", "records.evidence.title", std::move(view), status);
}

http::Response add(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto input = evidence_input(request);
  try {
    pages.records->add_evidence(who, input, audit::event_for(request, "growth.evidence.create"));
    return http::Response::redirect("/growth/evidence");
  } catch (const Invalid& invalid) {
    int status = 422;
    for (const auto& p : invalid.problems()) {
      if (p.message_key == "records.evidence.error.too_large") status = 413;
    }
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return evidence_page(pages, request, who, std::move(view), input, status);
  }
}

}  // namespace

void add_evidence_pages(http::Router& router, const Pages& pages) {
  auto access = http::Access::signed_in();
  router.add({.method = "GET",
              .pattern = "/growth/evidence",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return evidence_page(pages, r, who, nlohmann::json::object(), {});
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/evidence",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return add(pages, r, who);
              }),
              .access = access});
  router.add({.method = "GET",
              .pattern = "/growth/evidence/{id}/file",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return download(pages.records->evidence_file(who, r.param("id")));
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/evidence/{id}/delete",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                pages.records->delete_evidence(who, r.param("id"),
                                               audit::event_for(r, "growth.evidence.delete"));
                return http::Response::redirect("/growth/evidence");
              }),
              .access = access});
}

}  // namespace lodestar::growth::records
