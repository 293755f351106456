// The public form behind an input round's link, /input/{token}: no account, nothing personal
// asked; per part an optional rating (1–5) and an optional comment, in English or Spanish (the
// layout's language switch). An unknown link is a 404; a closed round's link says so (410).
#include "planning/vision/pages.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/auth/page_support.h"
#include "platform/web/i18n.h"
#include "platform/web/markdown.h"
#include "platform/web/view.h"

namespace lodestar::planning::vision {
namespace {

// Renders a public form with a signed double-submit CSRF token.
http::Response public_form(const Pages& pages, const http::Request& request, std::string_view name,
                           std::string_view title_key, nlohmann::json view, int status) {
  return auth::form_page(request, pages.auth, "planning/vision/" + std::string(name), title_key,
                         std::move(view), status);
}

http::Response closed_page(const http::Request& request) {
  return web::render_page(request, "planning/vision/input_closed", "planning.vision.input.closed",
                          nlohmann::json::object(), 410);
}

http::Response input_page(const Pages& pages, const http::Request& request, const InputForm& form,
                          const std::vector<AnswerInput>& kept,
                          const std::vector<FieldProblem>& problems, int status) {
  nlohmann::json view = {{"round_title", form.round.title},
                         {"closes_on", form.round.closes_on},
                         {"audience_key", "planning.vision.audience." + form.audience},
                         {"action", "/input/" + request.param("token")}};
  std::map<std::string, std::string> errors;
  for (const auto& p : problems) errors.emplace(p.field, p.message_key);
  auto parts = nlohmann::json::array();
  for (std::size_t i = 0; i < form.parts.size(); ++i) {
    const auto& part = form.parts[i];
    auto index = std::to_string(i);
    AnswerInput answer = i < kept.size() ? kept[i] : AnswerInput{};
    auto ratings = nlohmann::json::array();
    for (const char* value : {"", "1", "2", "3", "4", "5"}) {
      ratings.push_back({{"value", value},
                         {"id", "rating-" + index + "-" + (*value ? value : "0")},
                         {"none", !*value},
                         {"checked", answer.rating == value}});
    }
    nlohmann::json row = {{"index", i},
                          {"label", part.label},
                          {"html", web::markdown_to_html(part.body)},
                          {"has_body", !part.body.empty()},
                          {"ratings", ratings},
                          {"comment", answer.comment}};
    if (auto e = errors.find("rating-" + index); e != errors.end()) row["rating_error"] = e->second;
    if (auto e = errors.find("comment-" + index); e != errors.end()) {
      row["comment_error"] = e->second;
    }
    parts.push_back(std::move(row));
  }
  view["parts"] = parts;
  if (!problems.empty()) {
    auto summary = nlohmann::json::array();
    for (const auto& p : problems) {
      auto dash = p.field.find('-');
      std::string label;
      if (dash != std::string::npos) {
        auto i = static_cast<std::size_t>(std::stoul(p.field.substr(dash + 1)));
        if (i < form.parts.size()) label = form.parts[i].label;
      }
      auto anchor = p.field.starts_with("rating-") ? p.field + "-0" : p.field;
      summary.push_back({{"field", anchor}, {"key", p.message_key}, {"part", label}});
    }
    view["has_errors"] = true;
    view["errors"] = summary;
    view["answers_error"] = errors.contains("answers");
  }
  return public_form(pages, request, "input", "planning.vision.input.title", std::move(view),
                     status);
}

http::Response show_input(const Pages& pages, http::Request& request) {
  auto form = pages.service->input_form(request.param("token"));
  if (!form.open) return closed_page(request);
  return input_page(pages, request, form, {}, {}, 200);
}

http::Response post_input(const Pages& pages, http::Request& request) {
  const auto& token = request.param("token");
  auto form = pages.service->input_form(token);
  if (!form.open) return closed_page(request);
  auto posted = auth::request_form(request);
  std::vector<AnswerInput> answers;
  for (std::size_t i = 0; i < form.parts.size(); ++i) {
    auto index = std::to_string(i);
    answers.push_back(
        {auth::field(posted, "rating-" + index), auth::field(posted, "comment-" + index)});
  }
  try {
    pages.service->submit_input(token, answers, web::choose_language(request),
                                audit::event_for(request, "planning.vision.input.submit"));
  } catch (const Invalid& invalid) {
    return input_page(pages, request, form, answers, invalid.problems(), 422);
  } catch (const Conflict&) {
    return closed_page(request);
  }
  nlohmann::json view = {{"round_title", form.round.title}};
  return web::render_page(request, "planning/vision/input_thanks",
                          "planning.vision.input.thanks_title", std::move(view));
}

}  // namespace

void add_input_pages(http::Router& router, const Pages& pages) {
  router.add({.method = "GET",
              .pattern = "/input/{token}",
              .handler = [pages](http::Request& r) { return show_input(pages, r); },
              .access = http::Access::anyone()});
  router.add({.method = "POST",
              .pattern = "/input/{token}",
              .handler = [pages](http::Request& r) { return post_input(pages, r); },
              .access = http::Access::anyone()});
}

}  // namespace lodestar::planning::vision
