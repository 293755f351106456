// /growth/log: the learning log — conferences, readings, networks, mentoring, courses — with
// hours, added and removed by its owner.
#include "growth/records/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/http/dispatcher.h"

namespace lodestar::growth::records {
namespace {

http::Response log_page(const Pages& pages, const http::Request& request,
                        const auth::Principal& who, nlohmann::json view, const LogInput& input,
                        int status = 200) {
  auto entries = nlohmann::json::array();
  std::int64_t minutes = 0;
  for (const auto& e : pages.records->log(who)) {
    if (e.minutes) minutes += *e.minutes;
    entries.push_back({{"kind_key", "records.kind." + e.kind},
                       {"title", e.title},
                       {"on", e.happened_on},
                       {"hours", e.minutes ? format_hours(*e.minutes) : std::string()},
                       {"note", e.note},
                       {"delete_action", "/growth/log/" + http::url_encode(e.id) + "/delete"}});
  }
  view["has_entries"] = !entries.empty();
  view["entries"] = std::move(entries);
  view["total_hours"] = format_hours(minutes);
  auto kinds = nlohmann::json::array();
  for (const auto& k : log_kinds()) {
    kinds.push_back({{"value", k}, {"key", "records.kind." + k}, {"selected", k == input.kind}});
  }
  view["form"] = {{"kinds", kinds},
                  {"title", input.title},
                  {"happened_on", input.happened_on},
                  {"hours", input.hours},
                  {"note", input.note}};
  return page(request, "log", "records.log.title", std::move(view), status);
}

http::Response add_entry(const Pages& pages, http::Request& request, const auth::Principal& who) {
  auto form = auth::request_form(request);
  LogInput input{auth::field(form, "kind"), auth::field(form, "title"),
                 auth::field(form, "happened_on"), auth::field(form, "hours"),
                 auth::field(form, "note")};
  try {
    pages.records->add_log(who, input, audit::event_for(request, "growth.log.create"));
    return http::Response::redirect("/growth/log");
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return log_page(pages, request, who, std::move(view), input, 422);
  }
}

}  // namespace

void add_log_pages(http::Router& router, const Pages& pages) {
  auto access = http::Access::signed_in();
  router.add({.method = "GET",
              .pattern = "/growth/log",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return log_page(pages, r, who, nlohmann::json::object(), {});
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/log",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return add_entry(pages, r, who);
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/log/{entry}/delete",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                pages.records->delete_log(who, r.param("entry"),
                                          audit::event_for(r, "growth.log.delete"));
                return http::Response::redirect("/growth/log");
              }),
              .access = access});
}

}  // namespace lodestar::growth::records
