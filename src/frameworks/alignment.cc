#include "frameworks/alignment.h"

#include <stdexcept>

#include "platform/auth/clock.h"
#include "platform/errors.h"

namespace lodestar::frameworks {

void Alignments::add_subject_type(SubjectType type) {
  if (subject_type(type.name)) {
    throw std::logic_error("alignment subject type registered twice: " + type.name);
  }
  types_.push_back(std::move(type));
}

const SubjectType* Alignments::subject_type(std::string_view name) const {
  for (const auto& type : types_) {
    if (type.name == name) return &type;
  }
  return nullptr;
}

void Alignments::decide(store::Tx& tx, const std::string& subject_type,
                        const std::string& subject_id, const std::string& item_id,
                        const std::string& status, const std::string& source,
                        const auth::Principal& who) const {
  std::vector<FieldProblem> problems;
  const auto* type = this->subject_type(subject_type);
  if (!type)
    problems.push_back({"subject_type", "frameworks.alignment.unknown_type", subject_type});
  if (status != "accepted" && status != "rejected") {
    problems.push_back({"status", "frameworks.alignment.bad_status", status});
  }
  if (!tx.query_one("SELECT id FROM case_items WHERE id = :id", {{"id", item_id}})) {
    problems.push_back({"item_id", "frameworks.alignment.unknown_item", item_id});
  }
  if (type && !type->describe(tx, subject_id, &who)) {
    problems.push_back({"subject_id", "frameworks.alignment.unknown_subject", subject_id});
  }
  if (!problems.empty()) throw Invalid(std::move(problems));
  if (!type->may_align(tx, subject_id, who)) throw Forbidden("error.forbidden");
  store::Params params = {{"type", subject_type},
                          {"subject", subject_id},
                          {"item", item_id},
                          {"status", status},
                          {"source", source},
                          {"by", who.account_id},
                          {"at", auth::to_iso8601(auth::SystemClock::instance().now())}};
  if (tx.exec(R"(UPDATE alignments SET status = :status, source = :source, decided_by = :by,
                   decided_at = :at
                 WHERE subject_type = :type AND subject_id = :subject AND item_id = :item)",
              params) == 0) {
    tx.exec(R"(INSERT INTO alignments (subject_type, subject_id, item_id, status, source,
                                       decided_by, decided_at)
               VALUES (:type, :subject, :item, :status, :source, :by, :at))",
            params);
  }
}

std::vector<AlignedRecord> Alignments::aligned_to(store::Tx& tx, const std::string& item_id,
                                                  const auth::Principal* who) const {
  std::vector<AlignedRecord> out;
  for (const auto& row : tx.query(R"(SELECT subject_type, subject_id FROM alignments
                                     WHERE item_id = :item AND status = 'accepted'
                                     ORDER BY subject_type, subject_id)",
                                  {{"item", item_id}})) {
    const auto* type = subject_type(row.text("subject_type"));
    if (!type) continue;  // a capability no longer registered
    if (auto record = type->describe(tx, row.text("subject_id"), who)) {
      out.push_back(std::move(*record));
    }
  }
  return out;
}

std::vector<std::string> Alignments::items_of(store::Tx& tx, const std::string& subject_type,
                                              const std::string& subject_id,
                                              std::string_view status) const {
  std::vector<std::string> out;
  for (const auto& row : tx.query(
           R"(SELECT item_id FROM alignments
                                     WHERE subject_type = :type AND subject_id = :subject
                                       AND status = :status ORDER BY item_id)",
           {{"type", subject_type}, {"subject", subject_id}, {"status", std::string(status)}})) {
    out.push_back(row.text("item_id"));
  }
  return out;
}

}  // namespace lodestar::frameworks
