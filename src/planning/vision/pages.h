// What the vision's pages share (vision_pages.cc, round_pages.cc, input_pages.cc); not for other
// callers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/vision/service.h"
#include "platform/app.h"
#include "platform/auth/service.h"
#include "platform/http/router.h"

namespace lodestar::planning::vision {

struct Pages {
  const AppContext& context;
  auth::AuthService& auth;
  std::shared_ptr<VisionService> service;
};

// Renders "planning/vision/<name>" inside the layout with the session's CSRF token.
http::Response page(const http::Request& request, std::string_view name, std::string_view title_key,
                    nlohmann::json view, int status = 200);
// auth::add_errors, with each summary line naming its field's label key
// ("planning.vision.label.<field>").
void add_problems(nlohmann::json& view, const std::vector<FieldProblem>& problems);
// Every value of `name` in the request's urlencoded body (a group of checkboxes).
std::vector<std::string> form_list(const http::Request& request, std::string_view name);
// "2026-09-01" from an ISO-8601 time.
std::string day_of(std::string_view time);
std::string round_href(std::string_view id);
std::string version_href(std::string_view id);
// A version as the pages show it: number, status, note, parts with their Markdown rendered.
nlohmann::json version_json(const Version& version);
// The public link of a token.
std::string input_link(const AppContext& context, std::string_view token);

void add_version_pages(http::Router& router, const Pages& pages);
void add_round_pages(http::Router& router, const Pages& pages);
void add_input_pages(http::Router& router, const Pages& pages);

}  // namespace lodestar::planning::vision
