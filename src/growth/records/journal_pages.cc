// /growth/journal and /growth/journal/{entry}: a reflection journal in Markdown, private unless
// its writer shares an entry with one coach or supervisor, who then reads it at the same address.
#include "growth/records/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/http/dispatcher.h"
#include "platform/web/markdown.h"

namespace lodestar::growth::records {
namespace {

std::string entry_href(const std::string& id) {
  return "/growth/journal/" + http::url_encode(id);
}

JournalInput journal_input(const http::Request& request) {
  auto form = auth::request_form(request);
  return {auth::field(form, "title"), auth::field(form, "body"), auth::field(form, "shared_with")};
}

nlohmann::json journal_form(const Pages& pages, const auth::Principal& who,
                            const JournalInput& input, const std::string& action,
                            std::string_view submit_key) {
  return {{"action", action},
          {"submit_key", submit_key},
          {"title", input.title},
          {"body", input.body},
          {"private", input.shared_with.empty()},
          {"readers", people_options(pages.records->reader_choices(who), input.shared_with)}};
}

http::Response journal_page(const Pages& pages, const http::Request& request,
                            const auth::Principal& who, nlohmann::json view,
                            const JournalInput& input = {}, int status = 200) {
  auto own = nlohmann::json::array();
  for (const auto& e : pages.records->journal(who)) {
    own.push_back({{"href", entry_href(e.id)},
                   {"title", e.title},
                   {"on", day_of(e.created_at)},
                   {"shared_with", e.shared_with_name},
                   {"shared", !e.shared_with.empty()}});
  }
  auto shared = nlohmann::json::array();
  for (const auto& e : pages.records->journal_shared_with(who)) {
    shared.push_back({{"href", entry_href(e.id)},
                      {"title", e.title},
                      {"owner", e.owner_name},
                      {"on", day_of(e.created_at)}});
  }
  view["has_entries"] = !own.empty();
  view["entries"] = std::move(own);
  view["has_shared"] = !shared.empty();
  view["shared_entries"] = std::move(shared);
  view["form"] = journal_form(pages, who, input, "/growth/journal", "records.journal.create");
  return page(request, "journal", "records.journal.title", std::move(view), status);
}

http::Response entry_page(const Pages& pages, const http::Request& request,
                          const auth::Principal& who, nlohmann::json view,
                          const JournalInput* kept = nullptr, int status = 200) {
  const auto& id = request.param("entry");
  auto entry = pages.records->journal_entry(who, id);
  bool owner = entry.person_id == who.person_id;
  view["entry"] = {{"title", entry.title},
                   {"html", web::markdown_to_html(entry.body)},
                   {"owner", entry.owner_name},
                   {"on", day_of(entry.created_at)},
                   {"updated_on", day_of(entry.updated_at)},
                   {"edited", entry.updated_at != entry.created_at},
                   {"shared", !entry.shared_with.empty()},
                   {"shared_with", entry.shared_with_name}};
  view["is_owner"] = owner;
  if (owner) {
    auto input = kept ? *kept : JournalInput{entry.title, entry.body, entry.shared_with};
    view["form"] = journal_form(pages, who, input, entry_href(id), "records.journal.save");
  }
  view["title_detail"] = entry.title;
  return page(request, "journal_entry", "records.journal.entry_title", std::move(view), status);
}

http::Response create_entry(const Pages& pages, http::Request& request,
                            const auth::Principal& who) {
  auto input = journal_input(request);
  try {
    auto id = pages.records->create_journal(who, input,
                                            audit::event_for(request, "growth.journal.create"));
    return http::Response::redirect(entry_href(id));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return journal_page(pages, request, who, std::move(view), input, 422);
  }
}

http::Response update_entry(const Pages& pages, http::Request& request,
                            const auth::Principal& who) {
  auto input = journal_input(request);
  try {
    pages.records->update_journal(who, request.param("entry"), input,
                                  audit::event_for(request, "growth.journal.update"));
    return http::Response::redirect(entry_href(request.param("entry")));
  } catch (const Invalid& invalid) {
    nlohmann::json view;
    add_problems(view, invalid.problems());
    return entry_page(pages, request, who, std::move(view), &input, 422);
  }
}

}  // namespace

void add_journal_pages(http::Router& router, const Pages& pages) {
  auto access = http::Access::signed_in();
  router.add({.method = "GET",
              .pattern = "/growth/journal",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return journal_page(pages, r, who, nlohmann::json::object());
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/journal",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return create_entry(pages, r, who);
              }),
              .access = access});
  router.add({.method = "GET",
              .pattern = "/growth/journal/{entry}",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return entry_page(pages, r, who, nlohmann::json::object());
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/journal/{entry}",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return update_entry(pages, r, who);
              }),
              .access = access});
}

}  // namespace lodestar::growth::records
