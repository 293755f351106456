// lodestar_growth_gen: writes a district's leader growth straight into a migrated database,
// deterministic from a seed, for the growth benchmark (bench/growth/run).
//
//   lodestar_growth_gen --database URL --out FILE [--leaders N (5000)] [--schools S (1000)]
//                       [--cycles C (3)] [--raters R (40000)] [--sessions U (200)] [--seed X (1)]
//
// The database (sqlite:PATH or postgresql://…) is migrated and the seed frameworks loaded as
// `lodestar` does it (store::migrate, frameworks::load_seed_frameworks); then, by SQL, in one
// transaction per table or per 10,000 rows:
//
//   - orgs: one district and S schools under it;
//   - people: N leaders, 1 % of them (at least one) district leaders granted 'district_leader'
//     at the district, the others 'school_leader' at a school (every school gets one, the rest
//     are spread unevenly, 1–9 shares a school, as elementary and high schools differ);
//   - the rubric of the ISTE Standards for Education Leaders (2024) through the product's own
//     path (growth::rubric_for), and C cycles on that framework, the newest open and the others
//     closed, roles 'school_leader,district_leader', rater minimum 5;
//   - every leader a participant of every cycle, counted at their school (district leaders at
//     the district);
//   - self-assessments: in closed cycles every leader submitted, a level for each of the
//     framework's 22 indicators (the leaves of its outline, growth::indicator_groups), some with
//     a note or evidence; in the open cycle ~70 % of the leaders submitted and about half of the
//     rest keep a draft — except the first U school leaders, who have none (the submit benchmark
//     starts them clean);
//   - R 360° raters (growth_raters, all responded) spread over leaders and cycles, each with a
//     level for the 22 indicators;
//   - accounts (password_hash is a placeholder: nobody signs in by password) and a session for
//     the first U school leaders and for the first district leader, the heatmap's viewer.
//     Sessions are created now (last_seen_at = now, expiring in 7 days): the server's idle
//     timeout (30 minutes) counts from last_seen_at, so run the load right after.
//
// FILE gets one line per session: secret, CSRF token, open cycle id, person id, role (TAB
// separated; the cookie is lodestar_session=<secret>). Standard output gets key<TAB>value
// lines: the ids (framework, its indicators, cycles, viewer) and the rows in each table, counted
// back from the database. On PostgreSQL the tables are ANALYZEd at the end, as autovacuum would do
// after such a load; SQLite gets no ANALYZE, as Lodestar never runs one.
//
// Levels: each leader has an ability (1.6–3.4), indicators a difficulty (±0.5), each later
// cycle adds 0.25, and each answer some noise; raters see the same leader a little more
// generously and noisily. Names, schools and notes are synthetic.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frameworks/service.h"
#include "growth/service.h"
#include "platform/auth/clock.h"
#include "platform/auth/secrets.h"
#include "platform/store/database.h"
#include "platform/store/migrations.h"
#include "random.h"

namespace {

using namespace lodestar;
using lodestar::bench::Random;

constexpr std::string_view kLeaders2024 = "df065f04-dc09-5fce-bf1e-234238662f24";
constexpr std::string_view kPublicUrl = "http://127.0.0.1:8080";  // lodestar serve's default
constexpr std::string_view kDistrict = "district-1";
constexpr std::size_t kChunk = 10000;  // rows (or parent rows) per transaction

enum Kind : std::uint64_t {
  kCycleId = 1,
  kSchoolName,
  kSchoolShare,
  kLeaderSchool,
  kLeaderName,
  kAbility,
  kDifficulty,
  kRating,
  kNote,
  kOpenState,
  kRater,
  kRaterLevel,
  kAccount,
  kSecret,
};

struct Options {
  std::string database;
  std::string out;
  long long leaders = 5000, schools = 1000, cycles = 3, raters = 40000, sessions = 200;
  std::uint64_t seed = 1;
};

std::uint64_t mix(std::uint64_t x) {
  Random r{x};
  return r.next();
}

// The generator of one thing (kind, n): the same whatever order or chunk it is written in.
Random rng(std::uint64_t seed, std::uint64_t kind, std::uint64_t n) {
  return Random{mix(mix(mix(seed) ^ kind) ^ n)};
}

std::string hex(Random r, std::size_t bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  while (out.size() < bytes * 2) {
    auto v = r.next();
    for (int i = 0; i < 16 && out.size() < bytes * 2; ++i, v >>= 4) out += kDigits[v & 15];
  }
  return out;
}

std::string numbered(std::string_view prefix, long long n, int width) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*s%0*lld", static_cast<int>(prefix.size()), prefix.data(),
                width, n);
  return text;
}

const std::vector<std::string_view> kGiven = {
    "Maria",    "James",  "Aisha",   "Wei",    "Carlos", "Fatima", "John",     "Priya",
    "Luis",     "Grace",  "Ahmed",   "Sofia",  "David",  "Mei",    "Jorge",    "Hannah",
    "Kwame",    "Elena",  "Michael", "Yuki",   "Ana",    "Robert", "Leila",    "Thomas",
    "Rosa",     "Daniel", "Nadia",   "Samuel", "Lucia",  "Omar",   "Patricia", "Hiroshi",
    "Carmen",   "Peter",  "Amara",   "Jose",   "Linda",  "Tariq",  "Isabel",   "Kevin",
    "Gabriela", "Brian",  "Ngozi",   "Miguel", "Susan",  "Arjun",  "Teresa",   "Marcus"};
const std::vector<std::string_view> kFamily = {
    "Garcia", "Smith",     "Nguyen", "Johnson",  "Martinez", "Kim",     "Hernandez", "Williams",
    "Lopez",  "Brown",     "Chen",   "Gonzalez", "Jones",    "Patel",   "Rodriguez", "Davis",
    "Perez",  "Miller",    "Wang",   "Sanchez",  "Wilson",   "Ramirez", "Anderson",  "Torres",
    "Taylor", "Flores",    "Thomas", "Rivera",   "Moore",    "Gomez",   "Jackson",   "Diaz",
    "Okafor", "Cruz",      "Lee",    "Reyes",    "Harris",   "Morales", "Clark",     "Ortiz",
    "Lewis",  "Gutierrez", "Walker", "Chavez",   "Hall",     "Ramos",   "Young",     "Castillo"};
const std::vector<std::string_view> kPlaces = {
    "Jefferson",    "Lincoln",         "Roosevelt",      "Washington",
    "Cesar Chavez", "Sequoia",         "Oak Grove",      "Riverside",
    "Hillcrest",    "Lakeview",        "Sunset",         "Mountain View",
    "Pacific",      "Valley",          "Madison",        "Garfield",
    "Kennedy",      "Franklin",        "Dolores Huerta", "Harbor",
    "Palms",        "Eastside",        "Westwood",       "Northridge",
    "Southgate",    "Maple",           "Cedar",          "Pine",
    "Willow",       "Canyon",          "Mesa",           "Vista",
    "Bridge",       "Mission",         "Orchard",        "Meadow",
    "Summit",       "Crescent",        "Parkside",       "Grant",
    "Monroe",       "Adams",           "Marshall",       "Tubman",
    "Carver",       "Sojourner Truth", "Ellington",      "Parks",
    "Mendez",       "Ochoa",           "Ride",           "Hopper",
    "Lovelace",     "Einstein",        "Curie",          "Galileo"};
const std::vector<std::string_view> kSchoolKinds = {
    "Elementary School", "Elementary School", "Elementary School", "Middle School",
    "High School",       "K-8 Academy",       "STEAM Magnet",      "Early Education Center"};
const std::vector<std::string_view> kNotes = {
    "Led a staff professional learning day on the new learning platform.",
    "Our school technology plan was written with families and student voice this year.",
    "Coached two teacher teams through a data inquiry cycle.",
    "Set up a digital citizenship week with the counselors.",
    "Budgeted for devices and connectivity with an equity lens; more to do on home access.",
    "Modeled the use of shared documents for all staff meetings.",
    "Started a leadership network with three neighbouring principals.",
    "Reviewed our privacy practices for apps with the district's data protection office.",
    "Need to grow here: the vision is not yet shared beyond the leadership team.",
    "Evaluated two pilots with teacher feedback before scaling."};
const std::vector<std::string_view> kGroups = {"staff", "staff", "staff",
                                               "peer",  "peer",  "supervisor"};

std::string today_plus(long long days) {
  return auth::to_iso8601(auth::SystemClock::instance().now() + std::chrono::hours(24 * days))
      .substr(0, 10);
}
std::string instant_plus(long long seconds) {
  return auth::to_iso8601(auth::SystemClock::instance().now() + std::chrono::seconds(seconds));
}

struct Leader {
  std::string id;
  std::string given, family, email;
  std::string org_id;
  std::string role;  // school_leader, district_leader
  double ability = 2.5;
};

struct CycleInfo {
  std::string id, name, opens_on, closes_on, status, created_at;
  long long days_ago = 0;  // opens_on, days before today
};

int level_of(double x) {
  return std::clamp(static_cast<int>(std::lround(x)), 1, 4);
}

// Roughly normal noise of the given spread (the mean of three uniforms, centred).
double noise(Random& r, double spread) {
  return (r.unit() + r.unit() + r.unit() - 1.5) * spread;
}

// Runs fn(begin, end) over [0, total) in chunks of kChunk, each chunk in its own transaction.
void in_chunks(store::Database& db, std::size_t total, std::size_t chunk,
               const std::function<void(store::Tx&, std::size_t, std::size_t)>& fn) {
  for (std::size_t begin = 0; begin < total; begin += chunk) {
    auto end = std::min(total, begin + chunk);
    db.write([&](store::Tx& tx) { fn(tx, begin, end); });
  }
}

// "INSERT INTO table (columns) VALUES (…), (…)" for `rows` rows: the first column is the same for
// every row (:k), the others are numbered per row (:c<row>_<col>).
std::string multi_row_insert(std::string_view table, const std::vector<std::string>& columns,
                             std::size_t rows) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t c = 0; c < columns.size(); ++c) sql += (c ? ", " : "") + columns[c];
  sql += ") VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (:k" : "(:k";
    for (std::size_t c = 1; c < columns.size(); ++c) {
      sql += ", :c" + std::to_string(r) + "_" + std::to_string(c);
    }
    sql += ")";
  }
  return sql;
}

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help" || i + 1 >= argc) return false;
    const char* value = argv[++i];
    char* end = nullptr;
    auto number = [&](long long& out) {
      out = std::strtoll(value, &end, 10);
      return *value != '\0' && *end == '\0';
    };
    bool ok = true;
    if (flag == "--database") {
      o.database = value;
    } else if (flag == "--out") {
      o.out = value;
    } else if (flag == "--leaders") {
      ok = number(o.leaders);
    } else if (flag == "--schools") {
      ok = number(o.schools);
    } else if (flag == "--cycles") {
      ok = number(o.cycles);
    } else if (flag == "--raters") {
      ok = number(o.raters);
    } else if (flag == "--sessions") {
      ok = number(o.sessions);
    } else if (flag == "--seed") {
      o.seed = std::strtoull(value, &end, 10);
      ok = *value != '\0' && *end == '\0';
    } else {
      ok = false;
    }
    if (!ok) return false;
  }
  return !o.database.empty() && !o.out.empty() && o.leaders >= 2 && o.leaders <= 1000000 &&
         o.schools >= 1 && o.schools <= 100000 && o.cycles >= 1 && o.cycles <= 20 &&
         o.raters >= 0 && o.raters <= 10000000 && o.sessions >= 0;
}

int run(const Options& o) {
  const auto started = std::chrono::steady_clock::now();
  const auto seed = o.seed;
  auto db = store::Database::open(o.database, 1);
  store::migrate(*db, store::builtin_migrations(db->dialect()));
  frameworks::load_seed_frameworks(*db, kPublicUrl);
  const bool postgres = db->dialect() == store::Dialect::kPostgresql;

  auto existing = db->read([](store::Tx& tx) {
    return tx.query_one("SELECT COUNT(*) AS n FROM growth_cycles")->integer("n");
  });
  if (existing != 0) {
    std::fprintf(stderr,
                 "lodestar_growth_gen: %s already has growth cycles; give it a fresh "
                 "database\n",
                 db->display_url().c_str());
    return 1;
  }

  // The framework's indicators, as the product groups them.
  std::vector<std::string> items;
  db->read([&](store::Tx& tx) {
    for (const auto& group : growth::indicator_groups(tx, kLeaders2024)) {
      for (const auto& entry : group.indicators) items.push_back(entry.item.id);
    }
  });
  if (items.empty()) {
    std::fprintf(stderr,
                 "lodestar_growth_gen: the Education Leaders 2024 framework has no "
                 "indicators in %s\n",
                 db->display_url().c_str());
    return 1;
  }
  std::vector<double> difficulty;
  for (std::size_t i = 0; i < items.size(); ++i) {
    difficulty.push_back(rng(seed, kDifficulty, i).unit() - 0.5);
  }
  // The rubric, through the product's own path (written into the framework as a CFRubric too).
  const auto rubric = growth::rubric_for(*db, growth::Site{std::string(kPublicUrl)}, kLeaders2024);

  const std::string now = instant_plus(0);
  const auto school_count = static_cast<std::size_t>(o.schools);
  const auto leader_count = static_cast<std::size_t>(o.leaders);
  const auto district_leaders = std::max<std::size_t>(1, leader_count / 100);
  const auto school_leaders = leader_count - district_leaders;
  const auto session_users =
      std::min<std::size_t>(static_cast<std::size_t>(o.sessions), school_leaders);

  // ---- organizations -------------------------------------------------------------------------
  std::vector<std::string> school_ids, school_names;
  {
    std::vector<std::string> seen;
    for (std::size_t s = 0; s < school_count; ++s) {
      auto r = rng(seed, kSchoolName, s);
      std::string name = std::string(kPlaces[r.below(kPlaces.size())]) + " " +
                         std::string(kSchoolKinds[r.below(kSchoolKinds.size())]);
      auto base = name;
      for (int n = 2; std::find(seen.begin(), seen.end(), name) != seen.end(); ++n) {
        name = base + " " + std::to_string(n);
      }
      seen.push_back(name);
      school_ids.push_back(numbered("school-", static_cast<long long>(s + 1), 5));
      school_names.push_back(name);
    }
  }
  db->write([&](store::Tx& tx) {
    auto insert = tx.prepare(
        "INSERT INTO orgs (sourced_id, status, date_last_modified, name, type, identifier, "
        "parent_sourced_id) VALUES (:id, 'active', :now, :name, :type, :identifier, :parent)");
    insert->run({kDistrict, now, "Lodestar Bench Unified School District", "district", "BENCH",
                 std::nullopt});
    for (std::size_t s = 0; s < school_count; ++s) {
      auto identifier = numbered("", static_cast<long long>(s + 1), 5);
      insert->run({school_ids[s], now, school_names[s], "school", identifier, kDistrict});
    }
  });

  // ---- people and their roles ----------------------------------------------------------------
  std::vector<Leader> leaders(leader_count);
  {
    // Every school one leader first, then the rest by shares of 1–9 (larger schools have more
    // assistant principals).
    std::vector<double> cumulative;
    double total = 0;
    for (std::size_t s = 0; s < school_count; ++s) {
      total += static_cast<double>(rng(seed, kSchoolShare, s).between(1, 9));
      cumulative.push_back(total);
    }
    for (std::size_t i = 0; i < leader_count; ++i) {
      auto& l = leaders[i];
      l.id = numbered("leader-", static_cast<long long>(i + 1), 6);
      auto names = rng(seed, kLeaderName, i);
      l.given = kGiven[names.below(kGiven.size())];
      l.family = kFamily[names.below(kFamily.size())];
      auto lower = [](std::string text) {
        std::string out;
        for (char c : text) {
          if (c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return out;
      };
      l.email = lower(l.given) + "." + lower(l.family) + "." + l.id.substr(7) +
                "@bench-district.example.org";
      l.ability = 1.6 + 1.8 * rng(seed, kAbility, i).unit();
      if (i >= school_leaders) {
        l.role = "district_leader";
        l.org_id = std::string(kDistrict);
      } else {
        l.role = "school_leader";
        std::size_t s = i;
        if (i >= school_count) {
          auto u = rng(seed, kLeaderSchool, i).unit() * total;
          s = static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                       cumulative.begin());
          s = std::min(s, school_count - 1);
        }
        l.org_id = school_ids[s];
      }
    }
  }
  in_chunks(*db, leader_count, kChunk, [&](store::Tx& tx, std::size_t begin, std::size_t end) {
    auto person = tx.prepare(
        "INSERT INTO people (sourced_id, status, date_last_modified, enabled_user, oneroster_role, "
        "username, given_name, family_name, email) VALUES (:id, 'active', :now, 1, "
        "'administrator', :username, :given, :family, :email)");
    auto member = tx.prepare(
        "INSERT INTO person_orgs (person_sourced_id, org_sourced_id, position) "
        "VALUES (:person, :org, 1)");
    auto grant = tx.prepare(
        "INSERT INTO role_grants (person_sourced_id, role, org_sourced_id, source) "
        "VALUES (:person, :role, :org, 'manual')");
    for (auto i = begin; i < end; ++i) {
      const auto& l = leaders[i];
      person->run({l.id, now, l.email, l.given, l.family, l.email});
      member->run({l.id, l.org_id});
      grant->run({l.id, l.role, l.org_id});
    }
  });

  // ---- cycles --------------------------------------------------------------------------------
  std::vector<CycleInfo> cycles;
  for (long long c = 0; c < o.cycles; ++c) {
    CycleInfo info;
    info.id = hex(rng(seed, kCycleId, static_cast<std::uint64_t>(c)), 16);
    const bool open = c == o.cycles - 1;
    info.days_ago = (o.cycles - 1 - c) * 365 + 30;
    info.opens_on = today_plus(-info.days_ago);
    info.closes_on = today_plus(-info.days_ago + 90);
    info.status = open ? "open" : "closed";
    info.name = "Leader self-assessment " + info.opens_on.substr(0, 4);
    info.created_at = instant_plus(-info.days_ago * 86400 - 3600);
    cycles.push_back(std::move(info));
  }
  db->write([&](store::Tx& tx) {
    auto insert = tx.prepare(
        "INSERT INTO growth_cycles (id, name, framework_id, rubric_id, opens_on, closes_on, "
        "status, roles, org_id, rater_minimum, created_by, created_at) VALUES (:id, :name, "
        ":framework, :rubric, :opens, :closes, :status, 'school_leader,district_leader', NULL, "
        "5, NULL, :created)");
    for (const auto& c : cycles) {
      insert->run(
          {c.id, c.name, kLeaders2024, rubric.id, c.opens_on, c.closes_on, c.status, c.created_at});
    }
  });
  for (std::size_t c = 0; c < cycles.size(); ++c) {
    in_chunks(*db, leader_count, kChunk, [&](store::Tx& tx, std::size_t begin, std::size_t end) {
      auto insert = tx.prepare(
          "INSERT INTO growth_participants (cycle_id, person_id, org_id, role, invited_at) "
          "VALUES (:cycle, :person, :org, :role, :invited)");
      for (auto i = begin; i < end; ++i) {
        const auto& l = leaders[i];
        insert->run({cycles[c].id, l.id, l.org_id, l.role, cycles[c].created_at});
      }
    });
  }

  // ---- self-assessments ----------------------------------------------------------------------
  // The open cycle: the first `session_users` school leaders have nothing; of the others ~70 %
  // of all leaders submitted, and about half of the rest keep a draft.
  const double others = static_cast<double>(leader_count - session_users);
  const double submit_share =
      others > 0 ? std::min(1.0, 0.7 * static_cast<double>(leader_count) / others) : 0.0;
  auto open_state = [&](std::size_t i) -> std::string_view {
    if (i < session_users) return "none";
    auto u = rng(seed, kOpenState, i).unit();
    if (u < submit_share) return "submitted";
    return u < submit_share + (1 - submit_share) / 2 ? "draft" : "none";
  };
  const auto n_items = items.size();
  const std::string rating_sql = multi_row_insert(
      "growth_ratings", {"assessment_id", "item_id", "level", "note", "evidence"}, n_items);
  for (std::size_t c = 0; c < cycles.size(); ++c) {
    const bool open = cycles[c].status == "open";
    in_chunks(
        *db, leader_count, kChunk / n_items + 1,
        [&](store::Tx& tx, std::size_t begin, std::size_t end) {
          auto assessment = tx.prepare(
              "INSERT INTO growth_assessments (id, cycle_id, person_id, status, updated_at, "
              "submitted_at) VALUES (:id, :cycle, :person, :status, :updated, :submitted)");
          auto ratings = tx.prepare(rating_sql);
          auto draft = tx.prepare(
              "INSERT INTO growth_ratings (assessment_id, item_id, level, note, evidence) "
              "VALUES (:a, :item, :level, :note, :evidence)");
          std::vector<std::string> text;  // the values of one multi-row insert, kept alive
          std::vector<std::optional<std::string_view>> values;
          for (auto i = begin; i < end; ++i) {
            const auto& l = leaders[i];
            std::string_view status = open ? open_state(i) : "submitted";
            if (status == "none") continue;
            const bool submitted = status == "submitted";
            auto timing = rng(seed, kRating, (i * cycles.size() + c) * (n_items + 1));
            auto day = static_cast<long long>(timing.below(80));
            if (open)
              day = static_cast<long long>(
                  timing.below(static_cast<std::size_t>(cycles[c].days_ago)));
            auto at = instant_plus((-cycles[c].days_ago + day) * 86400 +
                                   static_cast<long long>(timing.below(86400)));
            const std::string id = cycles[c].id + ":" + l.id;
            assessment->run({id, cycles[c].id, l.id, status, at,
                             submitted ? std::optional<std::string_view>(at) : std::nullopt});
            text.assign(n_items * 4, std::string());
            values.assign(1, std::string_view(id));
            for (std::size_t k = 0; k < n_items; ++k) {
              auto r = rng(seed, kRating, (i * cycles.size() + c) * (n_items + 1) + k + 1);
              double x = l.ability + difficulty[k] + 0.25 * static_cast<double>(c) + noise(r, 1.2);
              bool rated = submitted || r.unit() < 0.6;  // a draft is partly filled in
              auto& level = text[k * 4];
              auto& note = text[k * 4 + 1];
              auto& evidence = text[k * 4 + 2];
              if (rated) level = std::to_string(level_of(x));
              auto extras = rng(seed, kNote, (i * cycles.size() + c) * n_items + k);
              if (extras.unit() < 0.25) note = kNotes[extras.below(kNotes.size())];
              if (extras.unit() < 0.08) {
                evidence = "https://drive.bench-district.example.org/evidence/" + l.id + "-" +
                           std::to_string(c) + "-" + std::to_string(k);
              }
              text[k * 4 + 3] = items[k];
            }
            if (!submitted) {
              // A draft as the product saves one: only the indicators with a level, note or
              // evidence.
              for (std::size_t k = 0; k < n_items; ++k) {
                const auto& level = text[k * 4];
                if (level.empty() && text[k * 4 + 1].empty() && text[k * 4 + 2].empty()) continue;
                draft->run({id, text[k * 4 + 3],
                            level.empty() ? std::nullopt : std::optional<std::string_view>(level),
                            text[k * 4 + 1], text[k * 4 + 2]});
              }
              continue;
            }
            for (std::size_t k = 0; k < n_items; ++k) {
              values.emplace_back(std::string_view(text[k * 4 + 3]));
              if (text[k * 4].empty()) {
                values.emplace_back(std::nullopt);
              } else {
                values.emplace_back(std::string_view(text[k * 4]));
              }
              values.emplace_back(std::string_view(text[k * 4 + 1]));
              values.emplace_back(std::string_view(text[k * 4 + 2]));
            }
            ratings->run(values);
          }
        });
  }

  // ---- 360° raters ---------------------------------------------------------------------------
  const auto rater_count = static_cast<std::size_t>(o.raters);
  const std::string rater_rating_sql =
      multi_row_insert("growth_rater_ratings", {"rater_id", "item_id", "level"}, n_items);
  in_chunks(
      *db, rater_count, kChunk / n_items + 1,
      [&](store::Tx& tx, std::size_t begin, std::size_t end) {
        auto rater = tx.prepare(
            "INSERT INTO growth_raters (id, cycle_id, subject_id, rater_group, email, token_hash, "
            "invited_by, invited_at, responded_at) VALUES (:id, :cycle, :subject, :grp, :email, "
            ":hash, NULL, :invited, :responded)");
        auto ratings = tx.prepare(rater_rating_sql);
        std::vector<std::string> text;
        std::vector<std::optional<std::string_view>> values;
        for (auto k = begin; k < end; ++k) {
          auto r = rng(seed, kRater, k);
          const auto c = r.below(cycles.size());
          const auto& l = leaders[r.below(leader_count)];
          const auto id = hex(rng(seed, kRater, k ^ 0x5A5A5A5A5A5AULL), 16);
          const auto email =
              numbered("rater-", static_cast<long long>(k + 1), 7) + "@bench-district.example.org";
          const auto token_hash = auth::sha256_hex(hex(rng(seed, kSecret, k + (1ULL << 40)), 32));
          auto invited_day = static_cast<long long>(r.below(20));
          auto invited = instant_plus((-cycles[c].days_ago + invited_day) * 86400);
          auto responded = instant_plus(
              (-cycles[c].days_ago + invited_day + 1 + static_cast<long long>(r.below(9))) * 86400);
          rater->run({id, cycles[c].id, l.id, kGroups[r.below(kGroups.size())], email, token_hash,
                      invited, responded});
          text.assign(n_items, std::string());
          values.assign(1, std::string_view(id));
          for (std::size_t i = 0; i < n_items; ++i) {
            auto lr = rng(seed, kRaterLevel, k * n_items + i);
            text[i] = std::to_string(level_of(l.ability + 0.2 + difficulty[i] +
                                              0.25 * static_cast<double>(c) + noise(lr, 1.6)));
          }
          for (std::size_t i = 0; i < n_items; ++i) {
            values.emplace_back(std::string_view(items[i]));
            values.emplace_back(std::string_view(text[i]));
          }
          ratings->run(values);
        }
      });

  // ---- accounts and sessions -----------------------------------------------------------------
  std::vector<std::size_t> with_session;
  for (std::size_t i = 0; i < session_users; ++i) with_session.push_back(i);
  with_session.push_back(school_leaders);  // the first district leader: the heatmap's viewer
  const auto& open_cycle = cycles.back();
  const std::string expires = instant_plus(7 * 86400);
  std::string lines;
  db->write([&](store::Tx& tx) {
    auto account = tx.prepare(
        "INSERT INTO accounts (id, email, email_normalized, display_name, password_hash, "
        "person_sourced_id, is_administrator, status, created_at, password_changed_at) VALUES "
        "(:id, :email, :email, :name, 'bench: no password sign-in', :person, 0, 'active', :now, "
        ":now)");
    auto session = tx.prepare(
        "INSERT INTO sessions (id, secret_hash, account_id, csrf_token, created_at, "
        "last_seen_at, expires_at, ip, user_agent) VALUES (:id, :hash, :account, :csrf, :now, "
        ":now, :expires, '127.0.0.1', 'lodestar_growth_gen')");
    for (auto i : with_session) {
      const auto& l = leaders[i];
      auto account_id = hex(rng(seed, kAccount, i), 16);
      auto session_id = hex(rng(seed, kAccount, i + (1ULL << 32)), 16);
      auto secret = hex(rng(seed, kSecret, i), 32);  // 64 hex digits, as the server makes them
      auto csrf = hex(rng(seed, kSecret, i + (1ULL << 32)), 32);
      account->run({account_id, l.email, l.given + " " + l.family, l.id, now});
      session->run({session_id, auth::sha256_hex(secret), account_id, csrf, now, expires});
      lines += secret + "\t" + csrf + "\t" + open_cycle.id + "\t" + l.id + "\t" + l.role + "\n";
    }
  });
  std::FILE* file = std::fopen(o.out.c_str(), "wb");
  if (file == nullptr || std::fwrite(lines.data(), 1, lines.size(), file) != lines.size() ||
      std::fclose(file) != 0) {
    std::fprintf(stderr, "lodestar_growth_gen: cannot write %s\n", o.out.c_str());
    return 1;
  }
  // The district totals the service keeps on submit (migration 0011 fills them the same way).
  db->write([](store::Tx& tx) {
    tx.exec("DELETE FROM growth_level_totals");
    tx.exec(R"(INSERT INTO growth_level_totals (cycle_id, role, item_id, level, chosen)
               SELECT p.cycle_id, p.role, r.item_id, r.level, COUNT(*)
               FROM growth_participants p
               JOIN growth_assessments a ON a.cycle_id = p.cycle_id AND a.person_id = p.person_id
               JOIN growth_ratings r ON r.assessment_id = a.id
               WHERE a.status = 'submitted' AND r.level IS NOT NULL
               GROUP BY p.cycle_id, p.role, r.item_id, r.level)");
  });
  if (postgres) {
    db->write([](store::Tx& tx) { tx.exec("ANALYZE"); });
  }

  // ---- what is there now ---------------------------------------------------------------------
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  std::printf("framework\t%s\nrubric\t%s\nindicators\t%zu\n", std::string(kLeaders2024).c_str(),
              rubric.id.c_str(), n_items);
  for (const auto& item : items) std::printf("indicator\t%s\n", item.c_str());
  for (const auto& c : cycles) {
    std::printf("cycle\t%s\t%s\t%s\n", c.id.c_str(), c.status.c_str(), c.name.c_str());
  }
  std::printf("open_cycle\t%s\nviewer\t%s\nsession_users\t%zu\n", open_cycle.id.c_str(),
              leaders[school_leaders].id.c_str(), session_users);
  db->read([&](store::Tx& tx) {
    for (const char* table :
         {"orgs", "people", "role_grants", "accounts", "sessions", "growth_rubrics",
          "growth_cycles", "growth_participants", "growth_assessments", "growth_ratings",
          "growth_raters", "growth_rater_ratings", "growth_level_totals"}) {
      auto n = tx.query_one(std::string("SELECT COUNT(*) AS n FROM ") + table)->integer("n");
      std::printf("rows.%s\t%lld\n", table, static_cast<long long>(n));
    }
    for (const auto& row : tx.query(
             "SELECT c.id, a.status, COUNT(*) AS n FROM growth_cycles c JOIN growth_assessments a "
             "ON a.cycle_id = c.id GROUP BY c.id, a.status ORDER BY c.id, a.status")) {
      std::printf("assessments.%s.%s\t%lld\n", row.text("id").c_str(), row.text("status").c_str(),
                  static_cast<long long>(row.integer("n")));
    }
  });
  std::printf("seconds\t%.1f\n", seconds.count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: lodestar_growth_gen --database URL --out FILE [--leaders N (2-1000000, "
                 "default 5000)]\n"
                 "                           [--schools S (1-100000, 1000)] [--cycles C (1-20, "
                 "3)] [--raters R (40000)]\n"
                 "                           [--sessions U (200)] [--seed X (1)]\n");
    return 2;
  }
  try {
    return run(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lodestar_growth_gen: %s\n", e.what());
    return 1;
  }
}
