#include "frameworks/routes.h"

#include "frameworks/case_api.h"
#include "frameworks/store.h"
#include "platform/auth/policy.h"
#include "platform/http/dispatcher.h"

namespace lodestar::frameworks {

Module::Module(const AppContext& context) : suggestions(context.db) {
  // The first kind of aligned record: an item of another framework (a state standard, an ISTE
  // Standards for Students indicator) aligned to an indicator.
  alignments.add_subject_type(
      {.name = "case_item",
       .describe = [](store::Tx& tx, const std::string& id,
                      const auth::Principal*) -> std::optional<AlignedRecord> {
         auto found = item(tx, id);
         if (!found) return std::nullopt;
         auto title = found->code.empty() ? found->statement : found->code + " " + found->statement;
         return AlignedRecord{"case_item", id, found->document_title + ": " + title,
                              "/frameworks/items/" + http::url_encode(id)};
       },
       .may_align =
           [&context](store::Tx&, const std::string&, const auth::Principal& who) {
             return context.policy.can(who, "frameworks.manage", {});
           }});
}

void add_routes(http::Router& router, const AppContext& context, Module& module) {
  add_pages(router, context, module);
  add_import_pages(router, context, module);
  add_align_pages(router, context, module);
  add_api(router, context, module);
  add_case_api_routes(router, context);
}

}  // namespace lodestar::frameworks
