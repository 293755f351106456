#include "frameworks/cli.h"

#include <fstream>
#include <sstream>

#include "frameworks/case/locate.h"
#include "frameworks/service.h"
#include "platform/errors.h"
#include "platform/web/i18n.h"

namespace lodestar::frameworks {

int import_case_command(store::Database& db, const std::string& path, std::FILE* out,
                        std::FILE* err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(err, "lodestar: cannot read %s: check the path and its permissions.\n",
                 path.c_str());
    return 2;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto text = buffer.str();
  audit::Event event;
  event.action = "frameworks.import";
  event.actor_label = "command line";
  try {
    auto summary = import_case(db, text, event);
    std::fprintf(out,
                 "%s \"%s\" (%s): %zu items, %zu associations, %zu definitions, %zu rubrics.\n",
                 summary.created ? "Imported" : "Updated", summary.title.c_str(),
                 summary.document_id.c_str(), summary.items, summary.associations,
                 summary.definitions, summary.rubrics);
    return 0;
  } catch (const Invalid& invalid) {
    const auto& catalog = web::Catalog::builtin();
    for (const auto& p : locate_problems(text, invalid.problems())) {
      auto message = catalog.translate("en", p.message_key);
      if (!p.detail.empty()) message += " (" + p.detail + ")";
      std::fprintf(err, "%s:%zu:%zu: %s%s%s\n", path.c_str(), p.at.line, p.at.column,
                   p.path == "/" ? "" : p.path.c_str(), p.path == "/" ? "" : ": ", message.c_str());
    }
    std::fprintf(err,
                 "%zu problem(s). Nothing was imported: correct the file and run the import "
                 "again.\n",
                 invalid.problems().size());
    return 1;
  }
}

int export_case_command(store::Database& db, const std::string& document_id,
                        const std::string& path, std::FILE* out, std::FILE* err) {
  std::string body;
  try {
    body = export_case(db, document_id);
  } catch (const NotFound&) {
    std::fprintf(err,
                 "lodestar: there is no framework %s here; the identifiers are listed at "
                 "/ims/case/v1p0/CFDocuments.\n",
                 document_id.c_str());
    return 1;
  }
  if (path == "-") {
    std::fwrite(body.data(), 1, body.size(), out);
    std::fputc('\n', out);
    return 0;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << body << '\n';
  if (!file) {
    std::fprintf(err, "lodestar: cannot write %s: check the folder exists and is writable.\n",
                 path.c_str());
    return 1;
  }
  std::fprintf(out, "Wrote the CASE package %s to %s.\n", document_id.c_str(), path.c_str());
  return 0;
}

}  // namespace lodestar::frameworks
