#include "people/roster/routes.h"

#include <sodium.h>

#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "people/oneroster/import.h"
#include "platform/audit/audit.h"
#include "platform/auth/form.h"
#include "platform/errors.h"
#include "platform/http/multipart.h"
#include "platform/web/view.h"

namespace lodestar::people {
namespace {

namespace fs = std::filesystem;

constexpr auto kUploadLifetime = std::chrono::hours(24);

std::string random_id() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  std::string id;
  for (auto b : bytes) id += fmt::format("{:02x}", b);
  return id;
}

bool is_upload_id(const std::string& id) {
  return id.size() == 32 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Removes uploads nobody confirmed within a day.
void sweep(const fs::path& uploads) {
  std::error_code ec;
  auto now = fs::file_time_type::clock::now();
  for (const auto& entry : fs::directory_iterator(uploads, ec)) {
    if (now - entry.last_write_time(ec) > kUploadLifetime) fs::remove(entry.path(), ec);
  }
}

nlohmann::json counts_json(const ImportReport& report) {
  auto rows = nlohmann::json::array();
  for (const auto& [file, c] : report.counts) {
    rows.push_back({{"file", file},
                    {"inserted", c.inserted},
                    {"updated", c.updated},
                    {"deleted", c.deleted},
                    {"unchanged", c.unchanged}});
  }
  return rows;
}

http::Response upload_page(const http::Request& request, nlohmann::json view, int status = 200) {
  view["csrf_token"] = request.principal->csrf_token;
  return web::render_page(request, "people/roster/upload", "roster.title", std::move(view), status);
}

}  // namespace

void add_roster_routes(http::Router& router, const AppContext& context, fs::path uploads) {
  fs::create_directories(uploads);
  fs::permissions(uploads, fs::perms::owner_all, fs::perm_options::replace);
  auto access = http::Access::to("roster.manage");

  router.add(
      {.method = "GET",
       .pattern = "/admin/roster",
       .handler =
           [](http::Request& request) { return upload_page(request, nlohmann::json::object()); },
       .access = access});

  router.add(
      {.method = "POST",
       .pattern = "/admin/roster/check",
       .handler =
           [&context, uploads](http::Request& request) {
             auto parts = http::multipart_parts(request);
             const http::FormPart* file = parts ? http::find_part(*parts, "roster") : nullptr;
             if (!file || file->data.empty()) {
               return upload_page(request, {{"error_roster", "roster.error.no_file"}}, 400);
             }
             if (!file->data.starts_with("PK")) {  // a zip starts with its local header
               return upload_page(
                   request,
                   {{"error_roster", "roster.error.not_zip"}, {"filename", file->filename}}, 400);
             }
             sweep(uploads);
             auto id = random_id();
             auto path = uploads / (id + ".zip");
             std::ofstream(path, std::ios::binary) << file->data;
             std::ofstream(uploads / (id + ".owner")) << request.principal->account_id;
             ImportOptions options;
             options.dry_run = true;
             auto report = import_oneroster(context.db, path, options);
             nlohmann::json view = {{"filename", file->filename},
                                    {"counts", counts_json(report)},
                                    {"notes", report.notes},
                                    {"problem_count", report.problems.size()},
                                    {"csrf_token", request.principal->csrf_token}};
             if (report.problems.empty()) {
               view["valid"] = true;
               view["upload_id"] = id;
             } else {
               fs::remove(path);
               fs::remove(uploads / (id + ".owner"));
               view["problems"] = nlohmann::json::array();
               for (const auto& p : report.problems) {
                 view["problems"].push_back({{"file", p.file},
                                             {"line", p.line},
                                             {"column", p.column},
                                             {"message", p.message}});
               }
             }
             return web::render_page(request, "people/roster/report", "roster.report_title", view,
                                     report.problems.empty() ? 200 : 422);
           },
       .access = access});

  router.add({.method = "POST",
              .pattern = "/admin/roster/import",
              .handler =
                  [&context, uploads](http::Request& request) {
                    auto id = auth::field(auth::request_form(request), "upload_id");
                    auto path = uploads / (id + ".zip");
                    std::string owner;
                    if (is_upload_id(id)) std::ifstream(uploads / (id + ".owner")) >> owner;
                    // Only the person who checked the file may import it, and only once.
                    if (owner.empty() || owner != request.principal->account_id ||
                        !fs::exists(path)) {
                      throw NotFound("roster.error.upload_gone");
                    }
                    auto report = import_oneroster(context.db, path, ImportOptions{});
                    fs::remove(path);
                    fs::remove(uploads / (id + ".owner"));
                    nlohmann::json view = {{"counts", counts_json(report)},
                                           {"problem_count", report.problems.size()},
                                           {"imported", report.imported}};
                    if (report.imported) {
                      context.db.write([&](store::Tx& tx) {
                        auto event = audit::event_for(request, "roster.import");
                        event.detail = {{"counts", view["counts"]}};
                        audit::record(tx, event);
                      });
                    }
                    return web::render_page(request, "people/roster/done", "roster.done_title",
                                            view, report.imported ? 200 : 409);
                  },
              .access = access});
}

}  // namespace lodestar::people
