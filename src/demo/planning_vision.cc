// The demo district's vision: version 1 (a draft) went to a stakeholder input round in April
// 2025 — staff, families, students and the community answered through public links, some in
// Spanish — the district tagged the comments by theme, recorded what changed, and adopted
// version 2. The community's 4 responses stay below the small-group limit, so their mean
// ratings are withheld on the round's page.
#include <array>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "demo/planning.h"

namespace lodestar::demo {
namespace {

constexpr const char* kRound = "demo-vision-round-1";

struct PartSpec {
  const char* heading;
  const char* v1;
  const char* v2;
};

const std::array<PartSpec, 5> kParts = {{
    {"Our vision",
     "Every student in Lodestar Unified uses technology to learn, create and connect, guided by "
     "leaders and educators who plan together.",
     "Every student in Lodestar Unified uses technology to learn, create and connect — at school "
     "and at home — guided by leaders and educators who plan together with families."},
    {"Learners",
     "Students use digital tools to research, build and share their learning, and understand how "
     "to stay safe online.",
     "Students use digital tools to research, build and share their learning, understand how to "
     "stay safe online, and help shape how technology is used in their school."},
    {"Educators", "Teachers learn on a continuum and apply new practice in class with coaching.",
     "Teachers learn on a continuum, with protected time each month, and apply new practice in "
     "class with coaching."},
    {"Leaders",
     "Principals and district leaders model the use of technology and plan for it with data.",
     "Principals and district leaders model the use of technology and plan for it with data."},
    {"Community", "Families are informed about the district's technology.",
     "Families and community partners are informed in English and Spanish, can borrow a device "
     "and a hotspot, and are asked for their views every year."},
}};

struct ResponseSpec {
  const char* audience;
  const char* language;
  std::array<int, 5> ratings;  // 0: not rated
  int part;                    // the part commented on, or -1
  const char* comment;
  std::vector<int> themes;  // indexes into kThemes
};

const std::array<const char*, 5> kThemes = {"Access at home", "Family communication",
                                            "Student voice", "Time for training",
                                            "Privacy and safety"};

const std::vector<ResponseSpec>& responses() {
  static const std::vector<ResponseSpec> kResponses = {
      {"staff",
       "en",
       {4, 4, 3, 4, 3},
       2,
       "We need time in the schedule to learn, not just after school.",
       {3}},
      {"staff",
       "en",
       {5, 4, 2, 4, 3},
       2,
       "Coaching works when it is regular. Monthly time would help.",
       {3}},
      {"staff", "en", {4, 5, 3, 5, 4}, -1, "", {}},
      {"staff", "en", {4, 3, 3, 4, 2}, 4, "Many of our families have no internet at home.", {0}},
      {"staff", "es", {5, 4, 3, 4, 3}, 4, "Las familias necesitan información en español.", {1}},
      {"staff", "en", {3, 4, 2, 3, 3}, 2, "Training is always the first thing cut.", {3}},
      {"staff", "en", {4, 4, 4, 4, 4}, -1, "", {}},
      {"staff", "en", {5, 5, 3, 4, 3}, 1, "Students should help decide which tools we use.", {2}},
      {"staff", "en", {4, 4, 3, 5, 3}, -1, "", {}},
      {"staff",
       "en",
       {4, 3, 2, 4, 3},
       1,
       "Teach students about their data, not only safety rules.",
       {4}},
      {"parents",
       "es",
       {4, 3, 4, 4, 2},
       4,
       "No tenemos internet en casa; los niños hacen la tarea en el teléfono.",
       {0}},
      {"parents",
       "es",
       {5, 4, 4, 4, 2},
       4,
       "Por favor envíen la información también en español.",
       {1}},
      {"parents",
       "en",
       {4, 4, 4, 3, 3},
       0,
       "Say what happens at home too, not only at school.",
       {0}},
      {"parents", "en", {3, 3, 4, 3, 2}, 1, "Who sees my child's data in these apps?", {4}},
      {"parents", "en", {4, 4, 4, 4, 3}, -1, "", {}},
      {"parents",
       "es",
       {4, 5, 4, 4, 2},
       4,
       "Nos gustaría poder pedir prestado un hotspot.",
       {0, 1}},
      {"parents", "en", {5, 4, 3, 4, 3}, -1, "", {}},
      {"parents",
       "en",
       {4, 3, 4, 4, 2},
       4,
       "We only hear about technology when something breaks.",
       {1}},
      {"parents", "en", {4, 4, 4, 4, 3}, -1, "", {}},
      {"students", "en", {4, 3, 4, 3, 4}, 1, "Ask us! We know which apps actually help.", {2}},
      {"students",
       "en",
       {5, 3, 4, 4, 4},
       1,
       "We should be able to make things, not just take quizzes.",
       {2}},
      {"students", "es", {4, 3, 4, 3, 4}, 4, "Mi familia no tiene computadora en casa.", {0}},
      {"students", "en", {4, 4, 3, 3, 4}, -1, "", {}},
      {"students",
       "en",
       {3, 2, 4, 3, 4},
       1,
       "The filter blocks things we need for projects.",
       {2, 4}},
      {"students", "en", {4, 3, 4, 4, 4}, -1, "", {}},
      {"students", "en", {4, 3, 5, 3, 4}, -1, "", {}},
      {"community",
       "en",
       {4, 4, 4, 4, 2},
       4,
       "The library could lend hotspots if the district partners with us.",
       {0}},
      {"community",
       "es",
       {5, 4, 4, 4, 2},
       4,
       "Informen a la comunidad en español y en inglés.",
       {1}},
      {"community", "en", {4, 4, 3, 4, 3}, -1, "", {}},
      {"community",
       "en",
       {4, 3, 4, 4, 3},
       0,
       "A clear vision. Please report progress every year.",
       {}},
  };
  return kResponses;
}

void insert_version(store::Tx& tx, const std::string& id, int number, const char* status,
                    const char* note, const char* created, const char* adopted, bool second) {
  tx.exec(R"(INSERT INTO planning_vision_versions (id, org_id, number, status, note, created_at,
                                                   updated_at, adopted_at)
             VALUES (:id, :org, :number, :status, :note, :created, :created, :adopted))",
          {{"id", id},
           {"org", std::string(kDemoDistrict)},
           {"number", std::int64_t{number}},
           {"status", std::string(status)},
           {"note", std::string(note)},
           {"created", std::string(created)},
           {"adopted", adopted ? store::Value(std::string(adopted)) : store::Value(nullptr)}});
  for (std::size_t i = 0; i < kParts.size(); ++i) {
    tx.exec(R"(INSERT INTO planning_vision_parts (id, version_id, position, heading, body)
               VALUES (:id, :version, :position, :heading, :body))",
            {{"id", fmt::format("{}-p{}", id, i + 1)},
             {"version", id},
             {"position", static_cast<std::int64_t>(i)},
             {"heading", std::string(kParts[i].heading)},
             {"body", std::string(second ? kParts[i].v2 : kParts[i].v1)}});
  }
}

void insert_round(store::Tx& tx) {
  tx.exec(R"(INSERT INTO planning_input_rounds (id, org_id, title, version_id, plan_id, opens_on,
                                                closes_on, status, created_at, updated_at)
             VALUES (:id, :org, :title, 'demo-vision-v1', NULL, '2025-04-01', '2025-04-30',
                     'closed', '2025-03-28T17:00:00Z', '2025-05-01T08:00:00Z'))",
          {{"id", std::string(kRound)},
           {"org", std::string(kDemoDistrict)},
           {"title", std::string("Spring 2025: what do you think of our draft vision?")}});
  for (const char* audience : {"staff", "parents", "students", "community"}) {
    // The links were shared in 2025; their tokens are long gone (only hashes are kept).
    tx.exec(R"(INSERT INTO planning_input_links (round_id, audience, token_hash, created_at)
               VALUES (:round, :audience, :hash, '2025-03-28T17:00:00Z'))",
            {{"round", std::string(kRound)},
             {"audience", std::string(audience)},
             {"hash", fmt::format("demo-retired-link-{}", audience)}});
  }
  for (std::size_t t = 0; t < kThemes.size(); ++t) {
    tx.exec("INSERT INTO planning_input_themes (id, round_id, name) VALUES (:id, :round, :name)",
            {{"id", fmt::format("demo-vision-theme-{}", t + 1)},
             {"round", std::string(kRound)},
             {"name", std::string(kThemes[t])}});
  }
}

void insert_responses(store::Tx& tx) {
  const auto& all = responses();
  for (std::size_t r = 0; r < all.size(); ++r) {
    const auto& spec = all[r];
    auto response = fmt::format("demo-vision-response-{:02}", r + 1);
    // Spread over the round's month.
    auto at = fmt::format("2025-04-{:02}T{:02}:15:00Z", 1 + (r * 29) / all.size(), 8 + r % 11);
    tx.exec(R"(INSERT INTO planning_input_responses (id, round_id, audience, language,
                                                     submitted_at)
               VALUES (:id, :round, :audience, :language, :at))",
            {{"id", response},
             {"round", std::string(kRound)},
             {"audience", std::string(spec.audience)},
             {"language", std::string(spec.language)},
             {"at", at}});
    for (std::size_t p = 0; p < kParts.size(); ++p) {
      bool commented = spec.part == static_cast<int>(p);
      if (spec.ratings[p] == 0 && !commented) continue;
      auto answer = fmt::format("{}-a{}", response, p + 1);
      tx.exec(R"(INSERT INTO planning_input_answers (id, response_id, round_id, part_key,
                                                     part_label, position, rating, comment)
                 VALUES (:id, :response, :round, :part, :label, :position, :rating, :comment))",
              {{"id", answer},
               {"response", response},
               {"round", std::string(kRound)},
               {"part", fmt::format("demo-vision-v1-p{}", p + 1)},
               {"label", std::string(kParts[p].heading)},
               {"position", static_cast<std::int64_t>(p)},
               {"rating", spec.ratings[p] ? store::Value(std::int64_t{spec.ratings[p]})
                                          : store::Value(nullptr)},
               {"comment", std::string(commented ? spec.comment : "")}});
      if (!commented) continue;
      for (int t : spec.themes) {
        tx.exec("INSERT INTO planning_input_tags (answer_id, theme_id) VALUES (:a, :t)",
                {{"a", answer}, {"t", fmt::format("demo-vision-theme-{}", t + 1)}});
      }
    }
  }
}

void insert_changes(store::Tx& tx) {
  struct ChangeSpec {
    const char* id;
    const char* description;
    int part;   // 1-based
    int theme;  // 1-based
    const char* at;
  };
  const ChangeSpec kChanges[] = {
      {"demo-vision-change-1",
       "“Community” now promises information in English and Spanish and device and hotspot "
       "loans, answering families' and the community's comments on access at home.",
       5, 1, "2025-05-12T16:00:00Z"},
      {"demo-vision-change-2",
       "“Educators” now protects time each month for training, as staff asked.", 3, 4,
       "2025-05-12T16:30:00Z"},
  };
  for (const auto& c : kChanges) {
    tx.exec(R"(INSERT INTO planning_input_changes (id, round_id, description, part_key, part_label,
                                                   theme_id, version_id, created_at)
               VALUES (:id, :round, :description, :part, :label, :theme, 'demo-vision-v2', :at))",
            {{"id", std::string(c.id)},
             {"round", std::string(kRound)},
             {"description", std::string(c.description)},
             {"part", fmt::format("demo-vision-v1-p{}", c.part)},
             {"label", std::string(kParts[c.part - 1].heading)},
             {"theme", fmt::format("demo-vision-theme-{}", c.theme)},
             {"at", std::string(c.at)}});
  }
}

}  // namespace

void load_planning_vision(store::Tx& tx) {
  insert_version(tx, "demo-vision-v1", 1, "superseded",
                 "First draft, written by the planning team for the spring input round.",
                 "2025-03-15T16:00:00Z", nullptr, false);
  insert_version(tx, "demo-vision-v2", 2, "adopted",
                 "After the spring input round: access at home, Spanish, protected training time "
                 "and student voice.",
                 "2025-05-12T15:00:00Z", "2025-05-20T18:00:00Z", true);
  insert_round(tx);
  insert_responses(tx);
  insert_changes(tx);
}

}  // namespace lodestar::demo
