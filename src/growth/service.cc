#include "growth/service.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "frameworks/case/package.h"
#include "growth/store.h"
#include "platform/auth/clock.h"
#include "platform/auth/secrets.h"
#include "platform/iso8601.h"
#include "platform/mail/mail.h"
#include "platform/privacy.h"
#include "platform/web/i18n.h"

namespace lodestar::growth {
namespace {

std::string now_iso() {
  return auth::to_iso8601(auth::SystemClock::instance().now());
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    auto comma = text.find(',', from);
    if (comma == std::string::npos) comma = text.size();
    if (comma > from) out.push_back(text.substr(from, comma - from));
    from = comma + 1;
  }
  return out;
}

Cycle to_cycle(const db::CycleRow& r) {
  Cycle c;
  c.id = r.id;
  c.name = r.name;
  c.framework_id = r.framework_id;
  c.framework_title = r.framework_title;
  c.rubric_id = r.rubric_id;
  c.opens_on = r.opens_on;
  c.closes_on = r.closes_on;
  c.status = r.status;
  c.roles = split(r.roles);
  c.org_id = r.org_id;
  c.org_name = r.org_name;
  c.rater_minimum = r.rater_minimum;
  c.participants = r.participants;
  c.submitted = r.submitted;
  c.drafts = r.drafts;
  return c;
}

// The cycle without its counts: what every use case but the cycle's own page needs.
Cycle load_cycle(store::Tx& tx, std::string_view id) {
  auto row = db::cycle(tx, id);
  if (!row) throw NotFound("error.not_found");
  return to_cycle(*row);
}

// Mail goes out in English and Spanish together: Lodestar does not yet know each person's
// language, and a district like LAUSD writes to families and staff in both.
mail::Message bilingual(const std::string& to, std::string_view subject_key,
                        std::string_view body_key, const web::Args& args, std::string kind) {
  const auto& catalog = web::Catalog::builtin();
  mail::Message m;
  m.to = to;
  m.subject = catalog.translate("en", subject_key, args) + " / " +
              catalog.translate("es", subject_key, args);
  m.text = catalog.translate("en", body_key, args) + "\n\n----\n\n" +
           catalog.translate("es", body_key, args) + "\n";
  m.kind = std::move(kind);
  return m;
}

Rubric ensure_rubric(store::Tx& tx, const Site& site, std::string_view framework_id);

// The framework's items that a rubric's criteria point at: its indicators, in outline order.
std::vector<CriterionItem> criterion_items(store::Tx& tx, std::string_view framework_id) {
  std::vector<CriterionItem> out;
  for (const auto& group : indicator_groups(tx, framework_id)) {
    for (const auto& entry : group.indicators) {
      std::string uri;
      if (auto object = frameworks::item_object(tx, entry.item.id)) {
        uri = nlohmann::json::parse(object->json).value("uri", "");
      }
      out.push_back({entry.item.id, uri, entry.item.code, entry.item.statement});
    }
  }
  return out;
}

void write_rubric(store::Tx& tx, const Site& site, const Rubric& rubric) {
  auto now = now_iso();
  db::put_rubric(tx, rubric, now);
  auto case_rubric = to_case_rubric(rubric, criterion_items(tx, rubric.framework_id),
                                    site.public_url + "/ims/case/v1p0", now);
  frameworks::put_rubric(tx, rubric.framework_id, case_rubric);
}

Rubric ensure_rubric(store::Tx& tx, const Site& site, std::string_view framework_id) {
  if (auto existing = db::rubric_of_framework(tx, framework_id)) return *existing;
  auto document = frameworks::document(tx, framework_id);
  if (!document) throw NotFound("error.not_found");
  Rubric rubric;
  rubric.id = frameworks::name_uuid("lodestar/growth/rubric/" + std::string(framework_id));
  rubric.framework_id = std::string(framework_id);
  rubric.title = document->title + " — levels";
  rubric.levels = default_levels();
  write_rubric(tx, site, rubric);
  return rubric;
}

void check_level(const std::string& text, std::size_t levels, const std::string& field,
                 std::vector<FieldProblem>& problems, std::optional<int>& out) {
  if (text.empty()) return;
  if (text.size() > 2 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    problems.push_back({field, "growth.assessment.level_invalid", {}});
    return;
  }
  int level = std::stoi(text);
  if (level < 1 || static_cast<std::size_t>(level) > levels) {
    problems.push_back({field, "growth.assessment.level_invalid", {}});
    return;
  }
  out = level;
}

std::string token_hash(std::string_view token) {
  return auth::sha256_hex(token);
}

}  // namespace

// ---- Rubrics ---------------------------------------------------------------------------------

Rubric rubric_for(store::Database& db, const Site& site, std::string_view framework_id) {
  if (auto existing =
          db.read([&](store::Tx& tx) { return db::rubric_of_framework(tx, framework_id); })) {
    return *existing;
  }
  return db.write([&](store::Tx& tx) { return ensure_rubric(tx, site, framework_id); });
}

void save_rubric(store::Database& db, const Site& site, std::string_view framework_id,
                 const std::string& title, const std::vector<Level>& levels, audit::Event event) {
  std::vector<Level> numbered = levels;
  for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i].score = static_cast<int>(i + 1);
  check_levels(numbered);
  if (title.empty())
    throw Invalid(std::vector<FieldProblem>{{"title", "growth.rubric.title_required", {}}});
  db.write([&](store::Tx& tx) {
    auto rubric = ensure_rubric(tx, site, framework_id);
    auto before = rubric.levels.size();
    rubric.title = title;
    rubric.levels = numbered;
    write_rubric(tx, site, rubric);
    event.subject_type = "growth_rubric";
    event.subject_id = rubric.id;
    event.detail = {
        {"framework_id", framework_id}, {"levels_before", before}, {"levels", numbered.size()}};
    audit::record(tx, event);
  });
}

// ---- Cycles ----------------------------------------------------------------------------------

std::string open_cycle(store::Database& db, const Site& site, const CycleInput& input,
                       audit::Event event) {
  std::vector<FieldProblem> problems;
  if (input.name.empty()) problems.push_back({"name", "growth.cycle.name_required", {}});
  if (input.name.size() > 120) problems.push_back({"name", "growth.cycle.name_too_long", {}});
  if (!iso8601::is_date(input.opens_on)) {
    problems.push_back({"opens_on", "growth.cycle.date_invalid", {}});
  }
  if (!iso8601::is_date(input.closes_on)) {
    problems.push_back({"closes_on", "growth.cycle.date_invalid", {}});
  } else if (iso8601::is_date(input.opens_on) && input.closes_on < input.opens_on) {
    problems.push_back({"closes_on", "growth.cycle.closes_before_opens", {}});
  }
  if (input.roles.empty()) problems.push_back({"roles", "growth.cycle.roles_required", {}});
  for (const auto& role : input.roles) {
    const auto& known = participant_roles();
    if (std::find(known.begin(), known.end(), role) == known.end()) {
      problems.push_back({"roles", "growth.cycle.role_unknown", role});
      break;
    }
  }
  int minimum = kDefaultRaterResponses;
  if (!input.rater_minimum.empty()) {
    bool digits = input.rater_minimum.size() <= 3 &&
                  std::all_of(input.rater_minimum.begin(), input.rater_minimum.end(), ::isdigit);
    minimum = digits ? std::stoi(input.rater_minimum) : 0;
    if (minimum < kMinimumRaterResponses) {
      problems.push_back({"rater_minimum", "growth.cycle.rater_minimum_too_low",
                          std::to_string(kMinimumRaterResponses)});
    }
  }
  return db.write([&](store::Tx& tx) {
    if (!frameworks::document(tx, input.framework_id)) {
      problems.push_back({"framework_id", "growth.cycle.framework_unknown", {}});
    }
    if (!input.org_id.empty() && !db::org_type(tx, input.org_id)) {
      problems.push_back({"org_id", "growth.cycle.org_unknown", {}});
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    auto rubric = ensure_rubric(tx, site, input.framework_id);
    auto now = now_iso();
    db::CycleRow row;
    row.id = auth::random_hex(16);
    row.name = input.name;
    row.framework_id = input.framework_id;
    row.rubric_id = rubric.id;
    row.opens_on = input.opens_on;
    row.closes_on = input.closes_on;
    row.roles = join(input.roles);
    row.org_id = input.org_id;
    row.rater_minimum = minimum;
    db::insert_cycle(tx, row, event.actor_account_id, now);
    auto people = db::candidates(tx, input.roles, input.org_id);
    std::size_t invited = 0;
    for (const auto& person : people) {
      db::insert_participant(tx, row.id, person, now);
      if (person.email.empty()) continue;
      mail::enqueue(
          tx,
          bilingual(person.email, "growth.mail.invitation_subject", "growth.mail.invitation_body",
                    {{"name", person.name},
                     {"cycle", input.name},
                     {"closes", input.closes_on},
                     {"link", site.public_url + "/growth/cycles/" + row.id + "/self"}},
                    "growth.invitation"),
          now);
      ++invited;
    }
    event.subject_type = "growth_cycle";
    event.subject_id = row.id;
    event.detail = {{"framework_id", input.framework_id},
                    {"roles", input.roles},
                    {"org_id", input.org_id},
                    {"participants", people.size()},
                    {"invitations", invited}};
    audit::record(tx, event);
    return row.id;
  });
}

std::vector<Cycle> cycles(store::Database& db) {
  return db.read([&](store::Tx& tx) {
    std::vector<Cycle> out;
    for (const auto& row : db::cycles(tx)) out.push_back(to_cycle(row));
    return out;
  });
}

Cycle cycle(store::Database& db, std::string_view id) {
  return db.read([&](store::Tx& tx) {
    auto rows = db::cycles(tx, id);
    if (rows.empty()) throw NotFound("error.not_found");
    return to_cycle(rows.front());
  });
}

void set_cycle_status(store::Database& db, std::string_view id, const std::string& status,
                      audit::Event event) {
  if (status != "open" && status != "closed") {
    throw Invalid(std::vector<FieldProblem>{{"status", "growth.cycle.status_invalid", {}}});
  }
  db.write([&](store::Tx& tx) {
    auto before = load_cycle(tx, id);
    db::set_cycle_status(tx, id, status);
    event.subject_type = "growth_cycle";
    event.subject_id = std::string(id);
    event.detail = {{"before", before.status}, {"after", status}};
    audit::record(tx, event);
  });
}

std::size_t send_reminders(store::Database& db, const Site& site, std::string_view cycle_id,
                           audit::Event event) {
  return db.write([&](store::Tx& tx) {
    auto c = load_cycle(tx, cycle_id);
    if (c.status != "open") throw Conflict("growth.cycle.closed");
    auto now = now_iso();
    auto people = db::unsubmitted(tx, cycle_id);
    for (const auto& person : people) {
      mail::enqueue(
          tx,
          bilingual(person.email, "growth.mail.reminder_subject", "growth.mail.reminder_body",
                    {{"name", person.name},
                     {"cycle", c.name},
                     {"closes", c.closes_on},
                     {"link", site.public_url + "/growth/cycles/" + c.id + "/self"}},
                    "growth.reminder"),
          now);
      db::mark_reminded(tx, cycle_id, person.person_id, now);
    }
    event.subject_type = "growth_cycle";
    event.subject_id = std::string(cycle_id);
    event.detail = {{"reminders", people.size()}};
    audit::record(tx, event);
    return people.size();
  });
}

ParticipantPage participants(store::Database& db, std::string_view cycle_id, std::string_view query,
                             std::size_t page) {
  constexpr std::size_t kPerPage = 50;
  return db.read([&](store::Tx& tx) {
    load_cycle(tx, cycle_id);
    auto [rows, total] = db::participants(
        tx, cycle_id, query, (std::max<std::size_t>(page, 1) - 1) * kPerPage, kPerPage);
    ParticipantPage out;
    out.total = total;
    for (auto& r : rows) {
      out.people.push_back(
          {r.person.person_id, r.person.name, r.person.email, r.person.role, r.org_name, r.status});
    }
    return out;
  });
}

std::vector<MyCycle> cycles_of(store::Database& db, std::string_view person_id) {
  return db.read([&](store::Tx& tx) {
    std::vector<MyCycle> out;
    for (auto& [row, status] : db::cycles_of(tx, person_id)) {
      out.push_back({to_cycle(row), status});
    }
    return out;
  });
}

// ---- Self-assessment -------------------------------------------------------------------------

std::vector<StandardGroup> indicator_groups(store::Tx& tx, std::string_view framework_id) {
  auto items = frameworks::items_of(tx, framework_id);
  std::map<std::string, std::vector<const frameworks::ItemRow*>> children;
  std::vector<const frameworks::ItemRow*> roots;
  for (const auto& item : items) {
    if (item.parent_id.empty()) {
      roots.push_back(&item);
    } else {
      children[item.parent_id].push_back(&item);
    }
  }
  auto by_sequence = [](const frameworks::ItemRow* a, const frameworks::ItemRow* b) {
    return a->sequence < b->sequence;
  };
  for (auto& [_, list] : children) std::stable_sort(list.begin(), list.end(), by_sequence);
  std::vector<StandardGroup> groups;
  StandardGroup loose;  // indicators with no standard above them
  // Depth first: a leaf joins the group of its parent.
  std::function<void(const frameworks::ItemRow*)> visit = [&](const frameworks::ItemRow* node) {
    auto found = children.find(node->id);
    if (found == children.end()) return;
    StandardGroup group;
    group.standard = *node;
    for (const auto* child : found->second) {
      if (children.contains(child->id)) continue;
      group.indicators.push_back({*child, std::nullopt, {}, {}});
    }
    if (!group.indicators.empty()) groups.push_back(std::move(group));
    for (const auto* child : found->second) visit(child);
  };
  for (const auto* root : roots) {
    if (!children.contains(root->id)) {
      loose.indicators.push_back({*root, std::nullopt, {}, {}});
    } else {
      visit(root);
    }
  }
  if (!loose.indicators.empty()) groups.insert(groups.begin(), std::move(loose));
  return groups;
}

namespace {

Assessment load_assessment(store::Tx& tx, std::string_view cycle_id, std::string_view person_id) {
  Assessment out;
  out.cycle = load_cycle(tx, cycle_id);
  auto who = db::participant(tx, cycle_id, person_id);
  if (!who) throw NotFound("growth.not_participant");
  auto rubric = db::rubric(tx, out.cycle.rubric_id);
  if (!rubric) throw NotFound("error.not_found");
  out.rubric = *rubric;
  out.person_id = std::string(person_id);
  out.person_name = who->name;
  out.role = who->role;
  out.standards = indicator_groups(tx, out.cycle.framework_id);
  out.status = "none";
  if (auto a = db::assessment(tx, cycle_id, person_id)) {
    out.status = a->status;
    out.submitted_at = a->submitted_at;
    auto ratings = db::ratings(tx, a->id);
    for (auto& group : out.standards) {
      for (auto& entry : group.indicators) {
        auto found = ratings.find(entry.item.id);
        if (found == ratings.end()) continue;
        entry.level = found->second.level;
        entry.note = found->second.note;
        entry.evidence = found->second.evidence;
      }
    }
  }
  return out;
}

}  // namespace

Assessment assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id) {
  return db.read([&](store::Tx& tx) { return load_assessment(tx, cycle_id, person_id); });
}

void save_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                     const AnswerSource& answer_for, bool submit, audit::Event event) {
  db.write([&](store::Tx& tx) {
    auto current = load_assessment(tx, cycle_id, person_id);
    if (current.cycle.status != "open") throw Conflict("growth.cycle.closed");
    if (current.status == "submitted") throw Conflict("growth.assessment.already_submitted");
    std::vector<FieldProblem> problems;
    std::map<std::string, db::RatingRow> rows;
    std::map<std::string, int> levels;
    for (const auto& group : current.standards) {
      for (const auto& entry : group.indicators) {
        const auto& id = entry.item.id;
        auto answer = answer_for(id);
        db::RatingRow row;
        check_level(answer.level, current.rubric.levels.size(), "level-" + id, problems, row.level);
        if (answer.note.size() > 4000) {
          problems.push_back({"note-" + id, "growth.assessment.note_too_long", {}});
        }
        if (answer.evidence.size() > 4000) {
          problems.push_back({"evidence-" + id, "growth.assessment.note_too_long", {}});
        }
        if (submit && answer.level.empty()) {
          problems.push_back({"level-" + id, "growth.assessment.level_required", entry.item.code});
        }
        if (row.level) levels[id] = *row.level;
        row.note = std::move(answer.note);
        row.evidence = std::move(answer.evidence);
        rows.emplace(id, std::move(row));
      }
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    auto now = now_iso();
    auto id = db::upsert_assessment(tx, cycle_id, person_id, submit ? "submitted" : "draft", now);
    db::replace_ratings(tx, id, rows);
    if (submit) db::adjust_level_totals(tx, cycle_id, current.role, levels, 1);
    event.subject_type = "growth_assessment";
    event.subject_id = id;
    event.detail = {{"cycle_id", cycle_id}, {"rated", levels.size()}, {"submitted", submit}};
    audit::record(tx, event);
  });
}

void save_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                     const std::map<std::string, AnswerInput>& answers, bool submit,
                     audit::Event event) {
  save_assessment(
      db, cycle_id, person_id,
      [&](const std::string& item) {
        auto found = answers.find(item);
        return found == answers.end() ? AnswerInput{} : found->second;
      },
      submit, std::move(event));
}

void reopen_assessment(store::Database& db, std::string_view cycle_id, std::string_view person_id,
                       audit::Event event) {
  db.write([&](store::Tx& tx) {
    auto a = db::assessment(tx, cycle_id, person_id);
    if (!a || a->status != "submitted") throw NotFound("error.not_found");
    auto who = db::participant(tx, cycle_id, person_id);
    std::map<std::string, int> levels;
    for (const auto& [item, rating] : db::ratings(tx, a->id)) {
      if (rating.level) levels[item] = *rating.level;
    }
    if (who) db::adjust_level_totals(tx, cycle_id, who->role, levels, -1);
    db::reopen(tx, a->id, now_iso());
    event.subject_type = "growth_assessment";
    event.subject_id = a->id;
    event.detail = {{"cycle_id", cycle_id}, {"before", "submitted"}, {"after", "draft"}};
    audit::record(tx, event);
  });
}

// ---- 360° feedback ---------------------------------------------------------------------------

std::vector<RaterInvite> parse_invites(std::string_view text, const std::string& default_group) {
  std::vector<RaterInvite> out;
  std::size_t line_number = 0;
  std::size_t from = 0;
  const auto& groups = rater_groups();
  auto trim = [](std::string v) {
    auto b = v.find_first_not_of(" \t\r");
    auto e = v.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string() : v.substr(b, e - b + 1);
  };
  while (from < text.size()) {
    auto end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    auto line = trim(std::string(text.substr(from, end - from)));
    from = end + 1;
    ++line_number;
    if (line.empty()) continue;
    RaterInvite invite{line, default_group};
    if (auto comma = line.find(','); comma != std::string::npos) {
      invite.email = trim(line.substr(0, comma));
      invite.group = trim(line.substr(comma + 1));
    }
    std::transform(invite.email.begin(), invite.email.end(), invite.email.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto at = invite.email.find('@');
    bool address = at != std::string::npos && at > 0 && at + 1 < invite.email.size() &&
                   invite.email.find('@', at + 1) == std::string::npos &&
                   invite.email.find_first_of(" \t<>\",;") == std::string::npos &&
                   invite.email.find('.', at) != std::string::npos;
    if (!address) {
      throw Invalid(std::vector<FieldProblem>{
          {"raters", "growth.raters.bad_address", std::to_string(line_number)}});
    }
    if (std::find(groups.begin(), groups.end(), invite.group) == groups.end()) {
      throw Invalid(std::vector<FieldProblem>{
          {"raters", "growth.raters.bad_group", std::to_string(line_number)}});
    }
    out.push_back(std::move(invite));
  }
  if (out.empty()) throw Invalid(std::vector<FieldProblem>{{"raters", "growth.raters.none", {}}});
  if (out.size() > 50)
    throw Invalid(std::vector<FieldProblem>{{"raters", "growth.raters.too_many", "50"}});
  return out;
}

InviteSummary invite_raters(store::Database& db, const Site& site, std::string_view cycle_id,
                            std::string_view subject_id, const std::vector<RaterInvite>& invites,
                            audit::Event event) {
  return db.write([&](store::Tx& tx) {
    auto current = load_assessment(tx, cycle_id, subject_id);
    if (current.cycle.status != "open") throw Conflict("growth.cycle.closed");
    InviteSummary summary;
    auto now = now_iso();
    std::map<std::string, int> by_group;
    for (const auto& invite : invites) {
      if (db::rater_exists(tx, cycle_id, subject_id, invite.email)) {
        ++summary.already;
        continue;
      }
      auto token = auth::random_hex(32);
      db::RaterRow rater{auth::random_hex(16), std::string(cycle_id), std::string(subject_id),
                         invite.group,         invite.email,          {}};
      db::insert_rater(tx, rater, token_hash(token), event.actor_account_id, now);
      mail::enqueue(tx,
                    bilingual(invite.email, "growth.mail.rater_subject", "growth.mail.rater_body",
                              {{"leader", current.person_name},
                               {"cycle", current.cycle.name},
                               {"closes", current.cycle.closes_on},
                               {"link", site.public_url + "/feedback/" + token}},
                              "growth.rater_invitation"),
                    now);
      ++summary.invited;
      ++by_group[invite.group];
      summary.tokens.push_back(token);
    }
    event.subject_type = "growth_assessment";
    event.subject_id = std::string(cycle_id) + ":" + std::string(subject_id);
    event.detail = {{"invited", summary.invited}, {"already", summary.already}};
    for (const auto& [group, n] : by_group) event.detail["groups"][group] = n;
    audit::record(tx, event);
    return summary;
  });
}

std::vector<Colleague> colleagues(store::Database& db, std::string_view cycle_id,
                                  std::string_view subject_id) {
  return db.read([&](store::Tx& tx) {
    std::vector<Colleague> out;
    for (auto& c : db::colleagues(tx, cycle_id, subject_id)) {
      out.push_back(
          {std::move(c.person_id), std::move(c.name), std::move(c.email), std::move(c.role)});
    }
    return out;
  });
}

std::vector<RaterCount> rater_counts(store::Database& db, std::string_view cycle_id,
                                     std::string_view subject_id) {
  return db.read([&](store::Tx& tx) {
    std::map<std::string, RaterCount> by_group;
    for (const auto& group : rater_groups()) by_group[group] = {group, 0, 0};
    for (const auto& row : db::rater_counts(tx, cycle_id, subject_id)) {
      by_group[row.group] = {row.group, row.invited, row.responded};
    }
    std::vector<RaterCount> out;
    for (const auto& group : rater_groups()) out.push_back(by_group[group]);
    return out;
  });
}

RaterForm rater_form(store::Database& db, std::string_view token) {
  return db.read([&](store::Tx& tx) {
    auto rater = db::rater_by_token_hash(tx, token_hash(token));
    if (!rater) throw NotFound("growth.feedback.unknown_link");
    RaterForm form;
    form.cycle = load_cycle(tx, rater->cycle_id);
    auto rubric = db::rubric(tx, form.cycle.rubric_id);
    if (!rubric) throw NotFound("error.not_found");
    form.rubric = *rubric;
    form.subject_name = db::person_name(tx, rater->subject_id);
    form.group = rater->group;
    form.responded = !rater->responded_at.empty();
    form.standards = indicator_groups(tx, form.cycle.framework_id);
    return form;
  });
}

void submit_rater(store::Database& db, std::string_view token,
                  const std::map<std::string, std::string>& levels) {
  db.write([&](store::Tx& tx) {
    auto rater = db::rater_by_token_hash(tx, token_hash(token));
    if (!rater) throw NotFound("growth.feedback.unknown_link");
    auto c = load_cycle(tx, rater->cycle_id);
    if (c.status != "open") throw Conflict("growth.cycle.closed");
    if (!rater->responded_at.empty()) throw Conflict("growth.feedback.already_answered");
    auto rubric = db::rubric(tx, c.rubric_id);
    if (!rubric) throw NotFound("error.not_found");
    std::vector<FieldProblem> problems;
    std::map<std::string, int> answers;
    for (const auto& group : indicator_groups(tx, c.framework_id)) {
      for (const auto& entry : group.indicators) {
        auto found = levels.find(entry.item.id);
        if (found == levels.end()) continue;
        std::optional<int> level;
        check_level(found->second, rubric->levels.size(), "level-" + entry.item.id, problems,
                    level);
        if (level) answers[entry.item.id] = *level;
      }
    }
    if (!problems.empty()) throw Invalid(std::move(problems));
    if (answers.empty())
      throw Invalid(std::vector<FieldProblem>{{"answers", "growth.feedback.nothing_rated", {}}});
    db::record_rater_answers(tx, rater->id, answers, now_iso());
    // The audit log records that feedback arrived, never from whom.
    audit::Event event;
    event.action = "growth.feedback";
    event.actor_label = "rater";
    event.subject_type = "growth_assessment";
    event.subject_id = rater->cycle_id + ":" + rater->subject_id;
    event.detail = {{"rated", answers.size()}};
    audit::record(tx, event);
  });
}

// ---- Reports ---------------------------------------------------------------------------------

Report report(store::Database& db, std::string_view cycle_id, std::string_view person_id) {
  return db.read([&](store::Tx& tx) {
    Report out;
    out.self = load_assessment(tx, cycle_id, person_id);
    std::map<std::string, GroupResult> groups;
    for (const auto& group : rater_groups()) groups[group] = {group, 0, false, {}};
    for (const auto& row : db::rater_counts(tx, cycle_id, person_id)) {
      groups[row.group].responses = row.responded;
      groups[row.group].shown = row.responded >= out.self.cycle.rater_minimum;
    }
    for (const auto& sum : db::rater_sums(tx, cycle_id, person_id)) {
      auto& g = groups[sum.group];
      if (!g.shown || sum.count == 0) continue;
      g.means[sum.item_id] = static_cast<double>(sum.sum) / static_cast<double>(sum.count);
    }
    for (const auto& group : rater_groups()) out.groups.push_back(std::move(groups[group]));
    return out;
  });
}

Growth growth_of(store::Database& db, std::string_view person_id) {
  return db.read([&](store::Tx& tx) {
    Growth out;
    auto submitted = db::submitted_of(tx, person_id);
    if (submitted.empty()) return out;
    out.framework_id = submitted.back().cycle.framework_id;
    if (auto rubric = db::rubric_of_framework(tx, out.framework_id)) out.levels = rubric->levels;
    out.standards = indicator_groups(tx, out.framework_id);
    std::vector<std::map<std::string, double>> columns;
    for (const auto& s : submitted) {
      GrowthColumn column{s.cycle.id, s.cycle.name, s.cycle.framework_title, false};
      std::map<std::string, double> levels;
      if (s.cycle.framework_id == out.framework_id) {
        for (const auto& [item, level] : s.levels) levels[item] = level;
      } else {
        column.carried = true;
        std::map<std::string, double> source;
        for (const auto& [item, level] : s.levels) source[item] = level;
        std::multimap<std::string, std::string> links;
        for (const auto& link :
             frameworks::links_between(tx, s.cycle.framework_id, out.framework_id)) {
          if (link.other) links.emplace(link.self_id, link.other->id);
        }
        levels = carry_levels(source, links);
      }
      out.columns.push_back(std::move(column));
      columns.push_back(std::move(levels));
    }
    for (const auto& group : out.standards) {
      for (const auto& entry : group.indicators) {
        GrowthRow row{entry.item, {}};
        for (const auto& levels : columns) {
          auto found = levels.find(entry.item.id);
          row.levels.push_back(found == levels.end() ? std::nullopt
                                                     : std::optional<double>(found->second));
        }
        out.rows.push_back(std::move(row));
      }
    }
    return out;
  });
}

std::vector<GrowthArea> growth_areas(const Growth& growth, std::size_t limit) {
  std::vector<GrowthArea> out;
  if (growth.columns.empty()) return out;
  // The latest cycle is the last column, on the growth's own framework (never carried).
  const auto& latest = growth.columns.back();
  auto top = static_cast<int>(growth.levels.size());
  for (const auto& row : growth.rows) {
    if (!row.levels.back()) continue;
    auto level = static_cast<int>(*row.levels.back());
    // Only what is below the top level is a growth area.
    if (top > 0 && level >= top) continue;
    GrowthArea area{row.indicator, level, {}, latest.cycle_id};
    if (level >= 1 && level <= top) area.level_name = growth.levels[level - 1].name;
    out.push_back(std::move(area));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const GrowthArea& a, const GrowthArea& b) { return a.level < b.level; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<GrowthArea> growth_areas(store::Database& db, std::string_view person_id,
                                     std::size_t limit) {
  return growth_areas(growth_of(db, person_id), limit);
}

// ---- Heatmaps --------------------------------------------------------------------------------

Heatmap heatmap(store::Database& db, const auth::Policy& policy, const auth::Principal& viewer,
                std::string_view cycle_id, const HeatmapFilter& filter) {
  auto roots = policy.scopes(viewer, "growth.view");
  return db.read([&](store::Tx& tx) {
    Heatmap out;
    out.cycle = load_cycle(tx, cycle_id);
    auto rubric = db::rubric(tx, out.cycle.rubric_id);
    if (!rubric) throw NotFound("error.not_found");
    out.rubric = *rubric;
    for (const auto& group : indicator_groups(tx, out.cycle.framework_id)) {
      for (const auto& entry : group.indicators) out.indicators.push_back(entry.item);
    }
    // What the viewer may see: every organization under their scopes.
    std::set<std::string> visible;
    bool district_wide = false;
    for (const auto& root : roots) {
      auto type = db::org_type(tx, root);
      if (type && (*type == "district" || *type == "state" || *type == "national")) {
        district_wide = true;
      }
      for (auto& id : db::subtree(tx, root)) visible.insert(std::move(id));
    }
    if (visible.empty()) throw Forbidden("error.forbidden");
    auto levels = out.rubric.levels.size();
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < out.indicators.size(); ++i) column[out.indicators[i].id] = i;
    auto empty_cells = [&] {
      std::vector<HeatCell> cells(out.indicators.size());
      for (auto& c : cells) c.counts.assign(levels, 0);
      return cells;
    };
    auto add = [&](HeatRow& row, const db::LevelCount& count) {
      auto found = column.find(count.item_id);
      if (found == column.end() || count.level < 1 ||
          static_cast<std::size_t>(count.level) > levels) {
        return;
      }
      row.cells[found->second].counts[count.level - 1] += count.count;
    };
    auto finish = [&](HeatRow& row) {
      row.suppressed = privacy::suppressed(row.submitted);
      for (auto& cell : row.cells) {
        std::int64_t sum = 0;
        for (std::size_t l = 0; l < levels; ++l) {
          cell.rated += cell.counts[l];
          sum += cell.counts[l] * static_cast<std::int64_t>(l + 1);
        }
        if (cell.rated > 0) cell.mean = static_cast<double>(sum) / static_cast<double>(cell.rated);
        if (row.suppressed) {
          cell.counts.assign(levels, 0);
          cell.rated = 0;
          cell.mean.reset();
        }
      }
    };
    std::vector<HeatRow> rows;
    HeatRow total;
    total.org_name = out.cycle.org_name;
    for (const auto& p : db::participation(tx, cycle_id, filter.role)) {
      if (!visible.contains(p.org_id)) continue;
      total.participants += p.participants;
      total.submitted += p.submitted;
      out.school_choices.emplace_back(p.org_id, p.org_name);
      if (!filter.school.empty() && p.org_id != filter.school) continue;
      HeatRow row;
      row.org_id = p.org_id;
      row.org_name = p.org_name;
      row.participants = p.participants;
      row.submitted = p.submitted;
      rows.push_back(std::move(row));
    }
    out.schools = rows.size();
    auto per_page = std::max<std::size_t>(filter.per_page, 1);
    auto first = (std::max<std::size_t>(filter.page, 1) - 1) * per_page;
    if (first >= rows.size()) first = rows.empty() ? 0 : (rows.size() - 1) / per_page * per_page;
    std::vector<HeatRow> page(
        rows.begin() + static_cast<std::ptrdiff_t>(first),
        rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), first + per_page)));
    std::vector<std::string> ids;
    std::map<std::string, std::size_t> index;
    for (auto& row : page) {
      row.cells = empty_cells();
      index[row.org_id] = ids.size();
      ids.push_back(row.org_id);
    }
    for (const auto& count : db::level_counts(tx, cycle_id, filter.role, ids)) {
      auto found = index.find(count.org_id);
      if (found != index.end()) add(page[found->second], count);
    }
    for (auto& row : page) finish(row);
    out.rows = std::move(page);
    if (district_wide && filter.school.empty()) {
      total.cells = empty_cells();
      for (const auto& count : db::total_level_counts(tx, cycle_id, filter.role)) {
        add(total, count);
      }
      finish(total);
      out.total = std::move(total);
    }
    return out;
  });
}

}  // namespace lodestar::growth
