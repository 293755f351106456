// /growth/portfolio: a leader's goals and evidence by indicator, and the link that shares it;
// /portfolio/{token}: the same, read-only, for anyone holding the link (no sign-in).
#include "growth/records/pages.h"
#include "platform/audit/audit.h"
#include "platform/http/dispatcher.h"

namespace lodestar::growth::records {
namespace {

// The portfolio's goals and evidence; a file's link starts with `file_base` + its id.
nlohmann::json portfolio_json(const Portfolio& portfolio, const std::string& file_base,
                              bool owner) {
  auto evidence_json = [&](const db::EvidenceRow& e) {
    return nlohmann::json{{"title", e.title},
                          {"is_file", e.kind == "file"},
                          {"file_name", e.file_name},
                          {"href", e.kind == "file" ? file_base + http::url_encode(e.id) : e.url}};
  };
  auto goals = nlohmann::json::array();
  for (const auto& g : portfolio.goals) {
    goals.push_back({{"title", g.row.title},
                     {"specific", g.row.specific},
                     {"status_key", "records.status." + g.row.status},
                     {"due_on", g.row.due_on},
                     {"href", owner ? "/growth/goals/" + http::url_encode(g.row.id) : ""},
                     {"has_href", owner},
                     {"indicators", indicators_json(g.indicators)}});
  }
  auto groups = nlohmann::json::array();
  for (const auto& group : portfolio.groups) {
    auto items = nlohmann::json::array();
    for (const auto& e : group.evidence) items.push_back(evidence_json(e));
    groups.push_back({{"code", group.indicator.code},
                      {"statement", group.indicator.statement},
                      {"framework", group.indicator.framework_title},
                      {"evidence", items}});
  }
  auto unaligned = nlohmann::json::array();
  for (const auto& e : portfolio.unaligned) unaligned.push_back(evidence_json(e));
  return {{"owner_name", portfolio.owner_name},
          {"has_goals", !goals.empty()},
          {"goals", goals},
          {"has_groups", !groups.empty()},
          {"groups", groups},
          {"has_unaligned", !unaligned.empty()},
          {"unaligned", unaligned},
          {"is_empty", goals.empty() && groups.empty() && unaligned.empty()}};
}

http::Response portfolio_page(const Pages& pages, const http::Request& request,
                              const auth::Principal& who, const std::string& new_token = {}) {
  auto portfolio = pages.records->portfolio(who);
  nlohmann::json view = {{"portfolio", portfolio_json(portfolio, "/growth/evidence/", true)}};
  if (!new_token.empty()) {
    view["new_link"] = pages.context.public_url + "/portfolio/" + new_token;
  }
  view["shared"] = portfolio.share.has_value();
  if (portfolio.share) view["shared_on"] = day_of(portfolio.share->created_at);
  return page(request, "portfolio", "records.portfolio.title", std::move(view));
}

http::Response public_page(const Pages& pages, const http::Request& request) {
  const auto& token = request.param("token");
  auto portfolio = pages.records->shared_portfolio(token);
  nlohmann::json view = {
      {"portfolio", portfolio_json(portfolio, "/portfolio/" + token + "/evidence/", false)},
      {"title_detail", portfolio.owner_name}};
  auto response =
      page(request, "public_portfolio", "records.portfolio.public_title", std::move(view));
  // Whoever holds the link may read it; search engines that stumble on it should not keep it.
  response.set_header("X-Robots-Tag", "noindex, nofollow");
  return response;
}

}  // namespace

void add_portfolio_pages(http::Router& router, const Pages& pages) {
  auto access = http::Access::signed_in();
  router.add({.method = "GET",
              .pattern = "/growth/portfolio",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                return portfolio_page(pages, r, who);
              }),
              .access = access});
  // The new link is shown once, in the answer to this POST: only its hash is kept.
  router.add({.method = "POST",
              .pattern = "/growth/portfolio/share",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                auto token =
                    pages.records->share_portfolio(who, audit::event_for(r, "portfolio.share"));
                return portfolio_page(pages, r, who, token);
              }),
              .access = access});
  router.add({.method = "POST",
              .pattern = "/growth/portfolio/unshare",
              .handler = for_person([pages](http::Request& r, const auth::Principal& who) {
                pages.records->unshare_portfolio(who, audit::event_for(r, "portfolio.unshare"));
                return http::Response::redirect("/growth/portfolio");
              }),
              .access = access});
  router.add({.method = "GET",
              .pattern = "/portfolio/{token}",
              .handler = [pages](http::Request& r) { return public_page(pages, r); },
              .access = http::Access::anyone()});
  router.add({.method = "GET",
              .pattern = "/portfolio/{token}/evidence/{id}",
              .handler =
                  [pages](http::Request& r) {
                    auto response =
                        download(pages.records->shared_file(r.param("token"), r.param("id")));
                    response.set_header("X-Robots-Tag", "noindex, nofollow");
                    return response;
                  },
              .access = http::Access::anyone()});
}

}  // namespace lodestar::growth::records
