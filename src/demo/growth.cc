// The demo district's leader growth: last year's cycle on the 2018 leaders standards, closed,
// with every participant's self-assessment and 360° feedback for the principal of Arroyo Seco;
// this year's cycle on the 2024 standards, open, with most self-assessments in. The demo
// accounts' own self-assessments are left for the person trying Lodestar to fill in.
#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "demo/demo.h"
#include "frameworks/store.h"
#include "growth/service.h"
#include "platform/settings.h"

namespace lodestar::demo {
namespace {

constexpr std::string_view kGrowthMarker = "demo.growth_loaded";

std::string framework_titled(store::Database& db, std::string_view part) {
  return db.read([&](store::Tx& tx) {
    for (const auto& d : frameworks::documents(tx)) {
      if (d.title.find(part) != std::string::npos) return d.id;
    }
    return std::string();
  });
}

audit::Event demo_event(std::string action) {
  audit::Event e;
  e.action = std::move(action);
  e.actor_label = "demo";
  return e;
}

// A level from 1 to 4 that depends only on who, what and when: varied, repeatable, and a little
// higher this year than last.
int level_for(std::size_t person, std::size_t item, int year_bonus) {
  auto h =
      (person * 2654435761u + item * 40503u + static_cast<std::size_t>(year_bonus) * 97u) % 100;
  int level = h < 20 ? 1 : h < 55 ? 2 : h < 88 ? 3 : 4;
  return std::min(4, level + (year_bonus > 0 && h % 3 == 0 ? 1 : 0));
}

std::map<std::string, growth::AnswerInput> answers_for(const growth::Assessment& a,
                                                       std::size_t person, int year_bonus) {
  std::map<std::string, growth::AnswerInput> out;
  std::size_t item = 0;
  for (const auto& group : a.standards) {
    for (const auto& entry : group.indicators) {
      out[entry.item.id] = {std::to_string(level_for(person, item++, year_bonus)), "", ""};
    }
  }
  return out;
}

}  // namespace

bool load_growth(store::Database& db, std::string_view public_url) {
  bool done = db.read([](store::Tx& tx) {
    return settings::get(tx, kGrowthMarker).has_value() ||
           tx.query_one("SELECT id FROM growth_cycles LIMIT 1").has_value();
  });
  if (done) return false;
  growth::Site site{std::string(public_url)};
  auto leaders_2018 = framework_titled(db, "Education Leaders (2018)");
  auto leaders_2024 = framework_titled(db, "Education Leaders (2024)");
  if (leaders_2018.empty() || leaders_2024.empty()) return false;
  std::vector<std::string> roles = {"district_leader", "school_leader", "educator"};

  auto try_it = db.read([](store::Tx& tx) {
    std::set<std::string> out;
    for (const auto& r :
         tx.query("SELECT sourced_id FROM people WHERE email IN ('principal@lusd.example.org', "
                  "'teacher@lusd.example.org')")) {
      out.insert(r.text("sourced_id"));
    }
    return out;
  });
  auto principal = db.read([](store::Tx& tx) {
    auto row =
        tx.query_one("SELECT sourced_id FROM people WHERE email = 'principal@lusd.example.org'");
    return row ? row->text("sourced_id") : std::string();
  });

  // Last year: everyone submitted, then the cycle closed.
  auto last = growth::open_cycle(db, site,
                                 {"Leadership self-assessment 2025–26", leaders_2018, "2025-09-02",
                                  "2025-12-12", roles, "", "5"},
                                 demo_event("growth.cycle.open"));
  std::vector<std::string> everyone;
  for (std::size_t page = 1;; ++page) {
    auto people = growth::participants(db, last, "", page);
    for (const auto& p : people.people) everyone.push_back(p.person_id);
    if (people.people.empty() || everyone.size() >= static_cast<std::size_t>(people.total)) break;
  }
  for (std::size_t i = 0; i < everyone.size(); ++i) {
    auto a = growth::assessment(db, last, everyone[i]);
    growth::save_assessment(db, last, everyone[i], answers_for(a, i, 0), true,
                            demo_event("growth.assessment.submit"));
  }
  // 360° feedback for the principal of Arroyo Seco: five staff (shown) and one supervisor
  // (below the minimum, so hidden).
  if (!principal.empty()) {
    std::vector<growth::RaterInvite> invites;
    for (int i = 1; i <= 5; ++i) {
      invites.push_back({"arroyo.staff" + std::to_string(i) + "@lusd.example.org", "staff"});
    }
    invites.push_back({"area.superintendent@lusd.example.org", "supervisor"});
    auto invited = growth::invite_raters(db, site, last, principal, invites,
                                         demo_event("growth.raters.invite"));
    auto form = growth::rater_form(db, invited.tokens.at(0));
    for (std::size_t r = 0; r < invited.tokens.size(); ++r) {
      std::map<std::string, std::string> levels;
      std::size_t item = 0;
      for (const auto& group : form.standards) {
        for (const auto& entry : group.indicators) {
          levels[entry.item.id] = std::to_string(level_for(100 + r, item++, 0));
        }
      }
      growth::submit_rater(db, invited.tokens[r], levels);
    }
  }
  growth::set_cycle_status(db, last, "closed", demo_event("growth.cycle.status"));

  // This year: open, with seven in ten self-assessments in; the demo accounts' are not.
  auto current = growth::open_cycle(db, site,
                                    {"Leadership self-assessment 2026–27", leaders_2024,
                                     "2026-09-01", "2026-12-18", roles, "", "5"},
                                    demo_event("growth.cycle.open"));
  for (std::size_t i = 0; i < everyone.size(); ++i) {
    if (try_it.contains(everyone[i]) || i % 10 >= 7) continue;
    auto a = growth::assessment(db, current, everyone[i]);
    growth::save_assessment(db, current, everyone[i], answers_for(a, i, 1), true,
                            demo_event("growth.assessment.submit"));
  }
  db.write([&](store::Tx& tx) { settings::set(tx, kGrowthMarker, "true"); });
  return true;
}

}  // namespace lodestar::demo
