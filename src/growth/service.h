// Leader growth's use cases: rubrics, assessment cycles, self-assessment, 360° feedback through
// personal links, a leader's report and growth over cycles, the school and district heatmaps,
// and the growth areas other capabilities ask for. Each function is one unit of work; a change
// and its audit record (and its e-mails, through the outbox) commit together.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/store.h"
#include "growth/model.h"
#include "platform/audit/audit.h"
#include "platform/auth/policy.h"
#include "platform/auth/principal.h"
#include "platform/store/database.h"

namespace lodestar::growth {

// Where links in e-mails point and CASE URIs start: this server's public URL.
struct Site {
  std::string public_url;  // without a trailing slash
};

// ---- Rubrics ---------------------------------------------------------------------------------

// The district's rubric for a framework, created with the default levels (and written into the
// framework as a CFRubric) the first time it is asked for. Throws NotFound for an unknown
// framework.
Rubric rubric_for(store::Database& db, const Site& site, std::string_view framework_id);
// Replaces the rubric's title and levels, in growth_rubrics and in the framework's CASE package.
// Throws Invalid naming the fields.
void save_rubric(store::Database& db, const Site& site, std::string_view framework_id,
                 const std::string& title, const std::vector<Level>& levels, audit::Event event);

// ---- Cycles ----------------------------------------------------------------------------------

struct CycleInput {
  std::string name;
  std::string framework_id;
  std::string opens_on;  // YYYY-MM-DD
  std::string closes_on;
  std::vector<std::string> roles;  // participant_roles()
  std::string org_id;              // "" for the whole district
  std::string rater_minimum;       // as typed; "" for the default
};

struct Cycle {
  std::string id;
  std::string name;
  std::string framework_id;
  std::string framework_title;
  std::string rubric_id;
  std::string opens_on;
  std::string closes_on;
  std::string status;  // open, closed
  std::vector<std::string> roles;
  std::string org_id;
  std::string org_name;
  int rater_minimum = kDefaultRaterResponses;
  std::int64_t participants = 0;
  std::int64_t submitted = 0;
  std::int64_t drafts = 0;
};

// Opens a cycle: fixes its participants (everyone holding one of the roles within the
// organization's subtree) and queues an invitation to each who has an e-mail address. Returns
// the cycle's id. Throws Invalid naming the fields.
std::string open_cycle(store::Database& db, const Site& site, const CycleInput& input,
                       audit::Event event);
// Newest first.
std::vector<Cycle> cycles(store::Database& db);
// Throws NotFound.
Cycle cycle(store::Database& db, std::string_view id);
// "open" or "closed". Throws NotFound, Invalid for another status.
void set_cycle_status(store::Database& db, std::string_view id, const std::string& status,
                      audit::Event event);
// Queues a reminder to every participant with an address who has not submitted. Returns how
// many were queued.
std::size_t send_reminders(store::Database& db, const Site& site, std::string_view cycle_id,
                           audit::Event event);

struct Participant {
  std::string person_id;
  std::string name;
  std::string email;
  std::string role;
  std::string org_name;
  std::string status;  // none, draft, submitted
};
struct ParticipantPage {
  std::vector<Participant> people;
  std::int64_t total = 0;
};
// A page (50 a page, from 1) of a cycle's participants by name; `query` matches names and
// addresses.
ParticipantPage participants(store::Database& db, std::string_view cycle_id, std::string_view query,
                             std::size_t page);

// The cycles a person takes part in, with the state of their own self-assessment.
struct MyCycle {
  Cycle cycle;
  std::string assessment_status;  // none, draft, submitted
};
std::vector<MyCycle> cycles_of(store::Database& db, std::string_view person_id);

// ---- Self-assessment -------------------------------------------------------------------------

struct IndicatorEntry {
  frameworks::ItemRow item;
  std::optional<int> level;
  std::string note;
  std::string evidence;  // links or references, one per line
};
struct StandardGroup {
  frameworks::ItemRow standard;
  std::vector<IndicatorEntry> indicators;
};
struct Assessment {
  Cycle cycle;
  Rubric rubric;
  std::string person_id;
  std::string person_name;
  std::string role;    // the role that brought them into the cycle
  std::string status;  // none, draft, submitted
  std::string submitted_at;
  std::vector<StandardGroup> standards;
};

// The indicators of a framework grouped under their standards, in outline order. Indicators
// are the leaves; a framework of one level is one group with no standard.
std::vector<StandardGroup> indicator_groups(store::Tx& tx, std::string_view framework_id);

// A participant's self-assessment (empty when not started). Throws NotFound for an unknown
// cycle or a person who does not take part in it.
Assessment assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id);

struct AnswerInput {
  std::string level;  // as posted: "" or "1".."n"
  std::string note;
  std::string evidence;
};
// The answer posted for an indicator (by its id).
using AnswerSource = std::function<AnswerInput(const std::string& item_id)>;

// Saves the answers as a draft, or submits them. Throws Invalid naming each field
// ("level-<item id>", …) — on submit every indicator needs a level —, Conflict when the
// assessment was submitted already or the cycle is closed, NotFound as assessment() does.
void save_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                     const AnswerSource& answer_for, bool submit, audit::Event event);
// The same from answers by indicator id (an indicator not in the map is unanswered).
void save_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                     const std::map<std::string, AnswerInput>& answers, bool submit,
                     audit::Event event);
// Returns a submitted self-assessment to draft so its owner may change it. Throws NotFound when
// there is no submitted assessment.
void reopen_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                       audit::Event event);

// ---- 360° feedback ---------------------------------------------------------------------------

struct RaterInvite {
  std::string email;
  std::string group;  // rater_groups()
};
struct InviteSummary {
  std::size_t invited = 0;
  std::size_t already = 0;  // addresses invited before (not sent again)
  // The personal link tokens created, in the order of the invitations; they go out by e-mail
  // and are never shown to the person who invited (the demo answers through them).
  std::vector<std::string> tokens;
};
// Invites raters for `subject_id` in a cycle: each gets a personal link by e-mail. Throws
// Invalid naming "raters" (line by line problems in the detail), NotFound as assessment() does,
// Conflict when the cycle is closed.
InviteSummary invite_raters(store::Database& db, const Site& site, std::string_view cycle_id,
                            std::string_view subject_id, const std::vector<RaterInvite>& invites,
                            audit::Event event);

// Parses the invitation form's text: one address per line, optionally followed by a comma and a
// group. Throws Invalid naming "raters" with the first bad line in the detail.
std::vector<RaterInvite> parse_invites(std::string_view text, const std::string& default_group);

// Colleagues a leader may pick as raters from the roster: staff with an address at the school
// where the leader takes part in the cycle.
struct Colleague {
  std::string person_id;
  std::string name;
  std::string email;
  std::string role;
};
std::vector<Colleague> colleagues(store::Database& db, std::string_view cycle_id,
                                  std::string_view subject_id);

struct RaterCount {
  std::string group;
  std::int64_t invited = 0;
  std::int64_t responded = 0;
};
std::vector<RaterCount> rater_counts(store::Database& db, std::string_view cycle_id,
                                     std::string_view subject_id);

// What a rater sees through their link; never who else rated.
struct RaterForm {
  Cycle cycle;
  Rubric rubric;
  std::string subject_name;
  std::string group;
  bool responded = false;
  std::vector<StandardGroup> standards;
};
// Throws NotFound for an unknown link.
RaterForm rater_form(store::Database& db, std::string_view token);
// Records a rater's answers ("" for not observed). Throws Invalid for a level out of range or no
// level at all, Conflict when already answered or the cycle closed, NotFound for a bad link.
void submit_rater(store::Database& db, std::string_view token,
                  const std::map<std::string, std::string>& levels);

// ---- Reports ---------------------------------------------------------------------------------

struct GroupResult {
  std::string group;
  std::int64_t responses = 0;
  bool shown = false;                   // enough responses (the cycle's minimum)
  std::map<std::string, double> means;  // indicator → mean level, when shown
};
struct Report {
  Assessment self;
  std::vector<GroupResult> groups;
};
// A leader's self-assessment beside their raters' answers, group by group; a group's answers
// appear only with at least the cycle's minimum of responses, and never who gave them.
Report report(store::Database& db, std::string_view cycle_id, std::string_view person_id);

// A person's growth across cycles, on the framework of their latest submitted cycle: cycles on
// another framework (2018 beside 2024) are carried over through the crosswalk.
struct GrowthColumn {
  std::string cycle_id;
  std::string cycle_name;
  std::string framework_title;
  bool carried = false;  // levels come through a crosswalk
};
struct GrowthRow {
  frameworks::ItemRow indicator;
  std::vector<std::optional<double>> levels;  // one per column
};
struct Growth {
  std::string framework_id;
  std::vector<Level> levels;  // the target rubric's, for the chart's axis
  std::vector<GrowthColumn> columns;
  std::vector<StandardGroup> standards;
  std::vector<GrowthRow> rows;
};
Growth growth_of(store::Database& db, std::string_view person_id);

// The lowest-rated indicators of a person's latest submitted self-assessment, lowest first
// (ties in outline order): the growth areas to suggest goals and professional learning for.
struct GrowthArea {
  frameworks::ItemRow indicator;
  int level = 0;
  std::string level_name;
  std::string cycle_id;
};
std::vector<GrowthArea> growth_areas(store::Database& db, std::string_view person_id,
                                     std::size_t limit = 3);
// The same from a growth already read (my growth page shows both).
std::vector<GrowthArea> growth_areas(const Growth& growth, std::size_t limit = 3);

// ---- Heatmaps --------------------------------------------------------------------------------

struct HeatCell {
  std::vector<std::int64_t> counts;  // per level, 1..n
  std::int64_t rated = 0;
  std::optional<double> mean;
};
struct HeatRow {
  std::string org_id;
  std::string org_name;
  std::int64_t participants = 0;
  std::int64_t submitted = 0;
  bool suppressed = false;      // fewer than privacy::kSmallGroup submitted: no levels shown
  std::vector<HeatCell> cells;  // one per indicator
};
struct HeatmapFilter {
  std::string role;    // "" for every role
  std::string school;  // "" for every school the viewer may see
  std::size_t page = 1;
  std::size_t per_page = 50;
};
struct Heatmap {
  Cycle cycle;
  Rubric rubric;
  std::vector<frameworks::ItemRow> indicators;
  std::optional<HeatRow> total;  // the viewer's whole scope, when it is one organization
  std::vector<HeatRow> rows;     // schools, by name
  std::size_t schools = 0;       // before paging
  std::vector<std::pair<std::string, std::string>> school_choices;  // id, name
};
// The heatmap of a cycle as `viewer` may see it (their growth.view scopes). Throws NotFound for
// an unknown cycle, Forbidden when the viewer may see no school of it.
Heatmap heatmap(store::Database& db, const auth::Policy& policy, const auth::Principal& viewer,
                std::string_view cycle_id, const HeatmapFilter& filter);

}  // namespace lodestar::growth
