// One alignment mechanism for every capability: any record (a PD offering, a plan goal, a piece
// of evidence, an item of another framework) can be aligned to indicators. A capability
// registers its kind of record once, saying how to show one and who may align it; alignments
// are then made, listed and undone the same way everywhere.
//
// A suggestion a person rejected is kept (status "rejected") so it is not offered again.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/auth/principal.h"
#include "platform/store/database.h"

namespace lodestar::frameworks {

struct AlignedRecord {
  std::string type;  // the subject type, e.g. "case_item"
  std::string id;
  std::string title;
  std::string href;  // where a person reads it
};

struct SubjectType {
  std::string name;
  // The record as `who` may see it; nothing when it does not exist or `who` may not see it.
  std::function<std::optional<AlignedRecord>(store::Tx&, const std::string& id,
                                             const auth::Principal* who)>
      describe;
  // True when `who` may align this record (REQUIRES: it exists).
  std::function<bool(store::Tx&, const std::string& id, const auth::Principal& who)> may_align;
};

class Alignments {
 public:
  // Registers a kind of record. REQUIRES: called while the program starts, before requests;
  // a name registered twice is a programming error (std::logic_error).
  void add_subject_type(SubjectType type);
  const SubjectType* subject_type(std::string_view name) const;

  // Records `who`'s decision ("accepted" or "rejected") on aligning a record to an indicator,
  // in the caller's transaction. Throws Invalid (naming the field) for an unknown subject type,
  // record, indicator or status; Forbidden when `who` may not align the record.
  void decide(store::Tx& tx, const std::string& subject_type, const std::string& subject_id,
              const std::string& item_id, const std::string& status, const std::string& source,
              const auth::Principal& who) const;

  // Everything aligned (accepted) to `item_id` that `who` may see (who: null for the public).
  std::vector<AlignedRecord> aligned_to(store::Tx& tx, const std::string& item_id,
                                        const auth::Principal* who) const;
  // The indicators a record is aligned to ("accepted") or that were rejected for it.
  std::vector<std::string> items_of(store::Tx& tx, const std::string& subject_type,
                                    const std::string& subject_id,
                                    std::string_view status = "accepted") const;

 private:
  std::vector<SubjectType> types_;
};

}  // namespace lodestar::frameworks
