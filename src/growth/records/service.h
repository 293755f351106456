// The use cases of a leader's own growth records: SMART goals (with action steps, a coach who may
// comment, indicators), a reflection journal shared with one chosen reader or nobody, a learning
// log, an evidence portfolio (files by content hash, or links) and links that share the portfolio.
//
// Ownership is decided here, not by the route's Access (every route is "signed_in"): a record of
// someone else that the person may not read is NotFound, so ids reveal nothing. A person who may
// read a record but not change it (a goal's coach, a journal entry's reader) gets Forbidden when
// they try. Each change is one transaction with its audit record.
//
// REQUIRES of every call taking a Principal: who.person_id is not empty (the routes show a page
// explaining why an account without a roster person has no records).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "frameworks/alignment.h"
#include "growth/records/model.h"
#include "growth/records/store.h"
#include "platform/audit/audit.h"
#include "platform/auth/clock.h"
#include "platform/auth/principal.h"
#include "platform/files/blob_store.h"
#include "platform/store/database.h"

namespace lodestar::growth::records {

inline constexpr std::string_view kGoalType = "growth_goal";
inline constexpr std::string_view kEvidenceType = "growth_evidence";

// The indicators a goal or a piece of evidence may be aligned to: those of the district's
// leadership framework (ISTE Standards for Education Leaders, 2024), under their standards.
struct Indicator {
  std::string id;
  std::string code;
  std::string statement;
};
struct IndicatorGroup {
  std::string id;
  std::string code;
  std::string title;
  std::vector<Indicator> indicators;
};
struct IndicatorChoices {
  std::string framework_id;  // "" when no such framework is loaded
  std::string framework_title;
  std::vector<IndicatorGroup> groups;
};

// An indicator a record is aligned to, from whichever framework.
struct AlignedIndicator {
  std::string id;
  std::string code;
  std::string statement;
  std::string framework_title;
};

struct GoalSummary {
  db::GoalRow row;
  std::vector<AlignedIndicator> indicators;
};

struct Goal {
  db::GoalRow row;
  std::vector<AlignedIndicator> indicators;
  std::vector<db::StepRow> steps;
  std::vector<db::CommentRow> comments;
  bool may_edit = false;  // the owner
};

struct EvidenceItem {
  db::EvidenceRow row;
  std::vector<AlignedIndicator> indicators;
};

struct EvidenceFile {
  std::string bytes;
  std::string mime;
  std::string name;  // for Content-Disposition
};

// A portfolio: the person's goals, and their evidence under each indicator it is aligned to.
struct Portfolio {
  std::string owner_name;
  std::vector<GoalSummary> goals;
  struct Group {
    AlignedIndicator indicator;
    std::vector<db::EvidenceRow> evidence;
  };
  std::vector<Group> groups;               // by framework, then code
  std::vector<db::EvidenceRow> unaligned;  // evidence aligned to nothing
  std::optional<db::ShareRow> share;       // the active share link (owner's view only)
};

class Records {
 public:
  // REQUIRES: every reference outlives this object.
  Records(store::Database& db, const frameworks::Alignments& alignments, files::BlobStore& blobs,
          const auth::Clock& clock = auth::SystemClock::instance());

  IndicatorChoices indicator_choices();
  // Coaches who serve `who`'s school(s): the choices for a goal's coach.
  std::vector<db::PersonChoice> coach_choices(const auth::Principal& who);
  // Coaches and supervisors: who a journal entry may be shared with.
  std::vector<db::PersonChoice> reader_choices(const auth::Principal& who);

  // Goals ("growth.goal.*" events). Invalid names fields of GoalInput (coach: "coach",
  // indicators: "indicators"); StepInput's fields are "step_description" and "step_due_on".
  std::vector<GoalSummary> goals(const auth::Principal& who);
  std::vector<GoalSummary> coached_goals(const auth::Principal& who);
  // The owner's or the goal's coach's view. NotFound for anyone else.
  Goal goal(const auth::Principal& who, const std::string& id);
  std::string create_goal(const auth::Principal& who, const GoalInput& input, audit::Event event);
  // Owner only: Forbidden for the coach, NotFound for others.
  void update_goal(const auth::Principal& who, const std::string& id, const GoalInput& input,
                   audit::Event event);
  void add_step(const auth::Principal& who, const std::string& goal_id, const StepInput& input,
                audit::Event event);
  void set_step_done(const auth::Principal& who, const std::string& goal_id,
                     const std::string& step_id, bool done, audit::Event event);
  // The owner or the goal's coach. Invalid names "comment".
  void comment(const auth::Principal& who, const std::string& goal_id, const std::string& body,
               audit::Event event);

  // Journal ("growth.journal.*"). Invalid names "title", "body", "shared_with".
  std::vector<db::JournalRow> journal(const auth::Principal& who);
  std::vector<db::JournalRow> journal_shared_with(const auth::Principal& who);
  // The owner's or the chosen reader's view. NotFound for anyone else.
  db::JournalRow journal_entry(const auth::Principal& who, const std::string& id);
  std::string create_journal(const auth::Principal& who, const JournalInput& input,
                             audit::Event event);
  // Owner only: Forbidden for the reader, NotFound for others.
  void update_journal(const auth::Principal& who, const std::string& id, const JournalInput& input,
                      audit::Event event);

  // Learning log ("growth.log.*"). Invalid names fields of LogInput.
  std::vector<db::LogRow> log(const auth::Principal& who);
  std::string add_log(const auth::Principal& who, const LogInput& input, audit::Event event);
  void delete_log(const auth::Principal& who, const std::string& id, audit::Event event);

  // Evidence ("growth.evidence.*"). Invalid names "title", "file" (none, too large:
  // "records.evidence.error.too_large", or a type not accepted), "url" and "indicators".
  std::vector<EvidenceItem> evidence(const auth::Principal& who);
  std::string add_evidence(const auth::Principal& who, const EvidenceInput& input,
                           audit::Event event);
  void delete_evidence(const auth::Principal& who, const std::string& id, audit::Event event);
  // The owner's file. NotFound for anyone else, for a link, or for a missing blob.
  EvidenceFile evidence_file(const auth::Principal& who, const std::string& id);

  // Portfolio ("portfolio.share", "portfolio.unshare").
  Portfolio portfolio(const auth::Principal& who);
  // Makes a new share link, revoking any earlier one. Returns the token: it is shown once and
  // only its hash is kept.
  std::string share_portfolio(const auth::Principal& who, audit::Event event);
  // Revokes the active link. NotFound when there is none.
  void unshare_portfolio(const auth::Principal& who, audit::Event event);
  // The portfolio behind a share token, and one of its files. NotFound for an unknown or
  // revoked token, and for evidence that is not that person's file.
  Portfolio shared_portfolio(const std::string& token);
  EvidenceFile shared_file(const std::string& token, const std::string& evidence_id);

 private:
  std::string now() const;
  std::string leaders_framework(store::Tx& tx);
  std::vector<std::string> offered_indicators(store::Tx& tx);
  std::vector<AlignedIndicator> aligned(store::Tx& tx, std::string_view type,
                                        const std::string& id) const;
  void align(store::Tx& tx, std::string_view type, const std::string& id,
             const std::vector<std::string>& wanted, const auth::Principal& who);
  Portfolio portfolio_of(store::Tx& tx, const std::string& person_id);
  EvidenceFile file_of(const db::EvidenceRow& row) const;

  store::Database& db_;
  const frameworks::Alignments& alignments_;
  files::BlobStore& blobs_;
  const auth::Clock& clock_;
  std::mutex framework_mutex_;
  std::string framework_id_;  // found once
};

// A person's evidence under each indicator it is aligned to (indicator id → evidence, newest
// first), for the self-assessment to show beside each indicator.
std::map<std::string, std::vector<db::EvidenceRow>> evidence_by_indicator(
    store::Tx& tx, const frameworks::Alignments& alignments, const std::string& person_id);

}  // namespace lodestar::growth::records
