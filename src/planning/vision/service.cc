#include "planning/vision/service.h"

#include <algorithm>

#include "frameworks/case/package.h"
#include "planning/model.h"
#include "planning/store.h"
#include "planning/vision/store.h"
#include "platform/auth/clock.h"
#include "platform/auth/secrets.h"
#include "platform/errors.h"
#include "platform/iso8601.h"

namespace lodestar::planning::vision {
namespace {

std::string now_iso() {
  return auth::to_iso8601(auth::SystemClock::instance().now());
}

std::string district_of(store::Tx& tx) {
  auto org = db::district(tx);
  if (!org) throw NotFound("error.not_found", "no district");
  return *org;
}

void finish(store::Tx& tx, audit::Event& event, std::string_view type, std::string_view id,
            std::string_view org, nlohmann::json detail = nlohmann::json::object()) {
  event.subject_type = std::string(type);
  event.subject_id = std::string(id);
  event.org_id = std::string(org);
  event.detail = std::move(detail);
  audit::record(tx, event);
}

Version draft(store::Tx& tx, std::string_view id) {
  auto v = db::version(tx, id);
  if (!v) throw NotFound("error.not_found", "no vision version");
  if (v->status != "draft") throw Conflict("planning.vision.error.not_draft");
  return *v;
}

Round existing_round(store::Tx& tx, std::string_view id) {
  auto r = db::round(tx, id);
  if (!r) throw NotFound("error.not_found", "no input round");
  return *r;
}

// The parts a round asks about: its version's parts, or its plan's goals.
std::vector<RoundPart> parts_of(store::Tx& tx, const Round& round) {
  std::vector<RoundPart> out;
  if (!round.version_id.empty()) {
    if (auto v = db::version(tx, round.version_id)) {
      for (const auto& p : v->parts) out.push_back({p.id, p.heading, p.body});
    }
  } else if (auto plan = planning::db::plan(tx, round.plan_id)) {
    for (const auto& g : plan->goals) {
      out.push_back({g.id, g.code + " " + g.title, g.description});
    }
  }
  return out;
}

std::string token_hash(std::string_view token) {
  return auth::sha256_hex(token);
}

bool is_open(const Round& round) {
  auto today = planning::today();
  return round.status == "open" && round.opens_on <= today && today <= round.closes_on;
}

}  // namespace

Overview VisionService::overview() {
  return db_.read([&](store::Tx& tx) {
    Overview o;
    o.org_id = district_of(tx);
    o.adopted = db::adopted_version(tx, o.org_id);
    o.versions = db::versions(tx, o.org_id);
    o.rounds = db::rounds(tx, o.org_id);
    o.changes = db::district_changes(tx, o.org_id);
    return o;
  });
}

Version VisionService::version(std::string_view id) {
  return db_.read([&](store::Tx& tx) {
    auto v = db::version(tx, id);
    if (!v) throw NotFound("error.not_found", "no vision version");
    return *v;
  });
}

std::string VisionService::new_version(audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto org = district_of(tx);
    auto latest = db::latest_version(tx, org);
    Version v;
    v.id = frameworks::random_uuid();
    v.org_id = org;
    v.number = latest ? latest->number + 1 : 1;
    v.status = "draft";
    v.created_at = v.updated_at = now_iso();
    if (latest) {
      for (const auto& p : latest->parts) v.parts.push_back({"", p.heading, p.body});
    } else {
      for (const char* heading : {"Our vision", "Learners", "Educators", "Leaders", "Community"}) {
        v.parts.push_back({"", heading, ""});
      }
    }
    db::insert_version(tx, v);
    finish(tx, event, "planning_vision_version", v.id, org,
           {{"number", v.number}, {"copied_from", latest ? latest->number : 0}});
    return v.id;
  });
}

void VisionService::save_version(std::string_view id, const VersionInput& input,
                                 audit::Event event) {
  auto problems = version_problems(input);
  if (!problems.empty()) throw Invalid(std::move(problems));
  db_.write([&](store::Tx& tx) {
    auto v = draft(tx, id);
    v.note = input.note;
    v.parts = kept_parts(input.parts);
    v.updated_at = now_iso();
    db::update_version(tx, v);
    finish(tx, event, "planning_vision_version", v.id, v.org_id,
           {{"number", v.number}, {"parts", v.parts.size()}});
  });
}

void VisionService::adopt(std::string_view id, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto v = draft(tx, id);
    if (v.parts.empty()) throw Conflict("planning.vision.error.no_parts");
    db::adopt_version(tx, v.org_id, v.id, now_iso());
    finish(tx, event, "planning_vision_version", v.id, v.org_id, {{"number", v.number}});
  });
}

std::vector<Subject> VisionService::subjects() {
  return db_.read([&](store::Tx& tx) {
    std::vector<Subject> out;
    auto org = district_of(tx);
    for (const auto& v : db::versions(tx, org)) {
      if (v.status == "draft") out.push_back({"version:" + v.id, "", true, v.number});
    }
    for (const auto& p : planning::db::plans(tx)) {
      if (p.org_id == org) out.push_back({"plan:" + p.id, p.title, false, 0});
    }
    return out;
  });
}

OpenedRound VisionService::open_round(const RoundInput& input, audit::Event event) {
  auto problems = round_problems(input);
  if (!problems.empty()) throw Invalid(std::move(problems));
  return db_.write([&](store::Tx& tx) {
    Round r;
    r.id = frameworks::random_uuid();
    r.org_id = district_of(tx);
    r.title = input.title;
    r.opens_on = input.opens_on;
    r.closes_on = input.closes_on;
    r.status = "open";
    r.created_at = now_iso();
    auto colon = input.subject.find(':');
    auto kind = input.subject.substr(0, colon), id = input.subject.substr(colon + 1);
    if (kind == "version") {
      auto v = db::version(tx, id);
      if (!v || v->org_id != r.org_id || v->status != "draft") {
        throw Invalid(std::vector<FieldProblem>{{"subject", "planning.vision.error.subject", {}}});
      }
      r.version_id = id;
    } else {
      auto plan = planning::db::plan_header(tx, id);
      if (!plan || plan->org_id != r.org_id) {
        throw Invalid(std::vector<FieldProblem>{{"subject", "planning.vision.error.subject", {}}});
      }
      r.plan_id = id;
    }
    db::insert_round(tx, r);
    OpenedRound opened{r.id, {}};
    for (const auto& a : audiences()) {
      if (std::find(input.audiences.begin(), input.audiences.end(), a) == input.audiences.end()) {
        continue;
      }
      auto token = auth::random_hex(32);
      db::put_link(tx, r.id, a, token_hash(token), r.created_at);
      opened.links.emplace_back(a, token);
    }
    finish(tx, event, "planning_input_round", r.id, r.org_id,
           {{"subject", input.subject}, {"audiences", input.audiences}});
    return opened;
  });
}

std::string VisionService::new_link(std::string_view round_id, std::string_view audience,
                                    audit::Event event) {
  return db_.write([&](store::Tx& tx) {
    auto r = existing_round(tx, round_id);
    auto invited = db::invited(tx, r.id);
    if (std::find(invited.begin(), invited.end(), audience) == invited.end()) {
      throw NotFound("error.not_found", "group not invited");
    }
    auto token = auth::random_hex(32);
    db::put_link(tx, r.id, audience, token_hash(token), now_iso());
    finish(tx, event, "planning_input_round", r.id, r.org_id, {{"audience", audience}});
    return token;
  });
}

void VisionService::set_status(std::string_view round_id, std::string_view status,
                               std::string_view closes_on, audit::Event event) {
  if (status != "open" && status != "closed") {
    throw Invalid(std::vector<FieldProblem>{{"status", "planning.vision.error.status", {}}});
  }
  db_.write([&](store::Tx& tx) {
    auto r = existing_round(tx, round_id);
    if (!closes_on.empty() && (!iso8601::is_date(closes_on) || closes_on < r.opens_on)) {
      throw Invalid(std::vector<FieldProblem>{{"closes_on",
                                               iso8601::is_date(closes_on)
                                                   ? "planning.vision.error.closes_before_opens"
                                                   : "planning.vision.error.date",
                                               {}}});
    }
    db::set_round_status(tx, r.id, status, status == "open" ? closes_on : "", now_iso());
    finish(tx, event, "planning_input_round", r.id, r.org_id,
           {{"before", r.status}, {"after", status}, {"closes_on", closes_on}});
  });
}

RoundView VisionService::round(std::string_view round_id) {
  return db_.read([&](store::Tx& tx) {
    RoundView view;
    view.round = existing_round(tx, round_id);
    view.parts = parts_of(tx, view.round);
    view.invited = db::invited(tx, view.round.id);
    view.responses = db::response_counts(tx, view.round.id);
    view.answers = db::answers(tx, view.round.id);
    view.themes = db::themes(tx, view.round.id);
    view.changes = db::changes(tx, view.round.id);
    view.versions = db::versions(tx, view.round.org_id);
    return view;
  });
}

void VisionService::tag(std::string_view round_id, std::string_view answer_id,
                        const std::vector<std::string>& theme_ids, std::string_view new_theme,
                        audit::Event event) {
  std::string name(new_theme);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
  if (name.size() > kMaxThemeName) {
    throw Invalid(std::vector<FieldProblem>{{"new_theme", "planning.vision.error.too_long", {}}});
  }
  db_.write([&](store::Tx& tx) {
    auto r = existing_round(tx, round_id);
    if (!db::answer(tx, r.id, answer_id)) throw NotFound("error.not_found", "no answer");
    std::vector<std::string> chosen;
    auto known = db::themes(tx, r.id);
    for (const auto& id : theme_ids) {
      bool ok = std::any_of(known.begin(), known.end(), [&](const Theme& t) { return t.id == id; });
      if (!ok)
        throw Invalid(std::vector<FieldProblem>{{"themes", "planning.vision.error.theme", {}}});
      if (std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
    }
    if (!name.empty()) {
      auto id = db::theme_named(tx, r.id, name);
      if (std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
    }
    db::set_tags(tx, answer_id, chosen);
    finish(tx, event, "planning_input_answer", answer_id, r.org_id,
           {{"round", r.id}, {"themes", chosen}});
  });
}

void VisionService::record_change(std::string_view round_id, const ChangeInput& input,
                                  audit::Event event) {
  std::vector<FieldProblem> problems;
  auto blank = std::all_of(input.description.begin(), input.description.end(),
                           [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  if (blank) problems.push_back({"description", "planning.vision.error.required", {}});
  if (input.description.size() > kMaxComment) {
    problems.push_back({"description", "planning.vision.error.too_long", {}});
  }
  db_.write([&](store::Tx& tx) {
    auto r = existing_round(tx, round_id);
    Change c;
    c.id = frameworks::random_uuid();
    c.round_id = r.id;
    c.description = input.description;
    c.created_at = now_iso();
    if (!input.part_key.empty()) {
      auto parts = parts_of(tx, r);
      auto found = std::find_if(parts.begin(), parts.end(),
                                [&](const RoundPart& p) { return p.key == input.part_key; });
      if (found == parts.end()) {
        problems.push_back({"part", "planning.vision.error.part", {}});
      } else {
        c.part_key = found->key;
        c.part_label = found->label;
      }
    }
    if (!input.theme_id.empty()) {
      auto themes = db::themes(tx, r.id);
      if (std::none_of(themes.begin(), themes.end(),
                       [&](const Theme& t) { return t.id == input.theme_id; })) {
        problems.push_back({"theme", "planning.vision.error.theme", {}});
      }
      c.theme_id = input.theme_id;
    }
    if (!input.version_id.empty()) {
      auto v = db::version(tx, input.version_id);
      if (!v || v->org_id != r.org_id) {
        problems.push_back({"version", "planning.vision.error.version", {}});
      }
      c.version_id = input.version_id;
    }
    if (!problems.empty()) throw Invalid(problems);
    db::insert_change(tx, c);
    finish(
        tx, event, "planning_input_change", c.id, r.org_id,
        {{"round", r.id}, {"part", c.part_key}, {"theme", c.theme_id}, {"version", c.version_id}});
  });
}

InputForm VisionService::input_form(std::string_view token) {
  return db_.read([&](store::Tx& tx) {
    auto link = db::link_by_hash(tx, token_hash(token));
    if (!link) throw NotFound("error.not_found");
    InputForm form;
    form.round = existing_round(tx, link->round_id);
    form.audience = link->audience;
    form.parts = parts_of(tx, form.round);
    form.open = is_open(form.round);
    return form;
  });
}

void VisionService::submit_input(std::string_view token, const std::vector<AnswerInput>& answers,
                                 std::string_view language, audit::Event event) {
  db_.write([&](store::Tx& tx) {
    auto link = db::link_by_hash(tx, token_hash(token));
    if (!link) throw NotFound("error.not_found");
    auto r = existing_round(tx, link->round_id);
    if (!is_open(r)) throw Conflict("planning.vision.input.closed");
    auto parts = parts_of(tx, r);
    std::vector<AnswerInput> given(answers);
    given.resize(parts.size());
    auto problems = answer_problems(given);
    if (!problems.empty()) throw Invalid(std::move(problems));
    std::vector<db::NewAnswer> rows;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto& a = given[i];
      bool has_comment = std::any_of(a.comment.begin(), a.comment.end(), [](char c) {
        return c != ' ' && c != '\n' && c != '\r' && c != '\t';
      });
      if (a.rating.empty() && !has_comment) continue;
      db::NewAnswer row{parts[i].key, parts[i].label, static_cast<std::int64_t>(i), std::nullopt,
                        has_comment ? a.comment : std::string()};
      if (!a.rating.empty()) row.rating = a.rating[0] - '0';
      rows.push_back(std::move(row));
    }
    auto lang = language == "es" ? std::string("es") : std::string("en");
    db::insert_response(tx, r.id, link->audience, lang, rows, now_iso());
    // Nothing that could point to the person: no address, no account.
    event.ip.clear();
    finish(tx, event, "planning_input_round", r.id, r.org_id,
           {{"audience", link->audience}, {"answers", rows.size()}});
  });
}

}  // namespace lodestar::planning::vision
