// lodestar_case_gen: writes N synthetic standards frameworks as CASE 1.0 CFPackage JSON files,
// deterministic from a seed, for the search benchmark (bench/frameworks/run).
//
//   lodestar_case_gen --out DIR [--frameworks N (50)] [--items M (2000)] [--seed S (1)]
//
// Each framework is an outline of exactly M items: strands (about one per 250 items, 1–12), each
// with 5–12 standards, each with its share of grade-band indicators (CSTA-style codes such as
// "3A-AP-17"). Statements are built from a few hundred English education and technology words,
// picked with Zipf-like weights that differ by framework subject, so a full-text index sees a
// realistic spread of common and rare terms. Every object has a UUID derived from the seed, the
// framework and the object's place (the same seed always writes the same bytes); items hang from
// their parents by isChildOf associations and a few indicators are linked by isRelatedTo.
//
// Writes DIR/framework-NN.json and DIR/index.tsv (file, CFDocument identifier, items, title).
// The text is synthetic and describes no real jurisdiction.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "random.h"

namespace {

using lodestar::bench::Random;

std::uint64_t mix(std::uint64_t x) {
  Random r{x};
  return r.next();
}

// A UUID (RFC 4122 layout, version 4 bits) derived from the seed and the object's place, so the
// same seed always gives the same identifiers and no two objects share one.
std::string uuid(std::uint64_t seed, std::uint64_t kind, std::uint64_t framework, std::uint64_t n) {
  std::uint64_t a = mix(mix(mix(mix(seed) ^ kind) ^ framework) ^ n);  // a chain, not a sum
  std::uint64_t b = mix(a ^ 0xD1B54A32D192ED03ULL);
  a = (a & ~0xF000ULL) | 0x4000ULL;                         // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFULL));
  return text;
}
enum Kind : std::uint64_t { kDocument = 1, kItem, kAssociation, kItemType, kSubject };

// --- vocabulary -------------------------------------------------------------------------------

const std::vector<std::string_view> kVerbs = {
    "analyze",     "apply",      "assess",     "collaborate",  "communicate", "compare",
    "construct",   "create",     "critique",   "debug",        "decompose",   "define",
    "demonstrate", "describe",   "design",     "develop",      "document",    "evaluate",
    "explain",     "explore",    "identify",   "implement",    "investigate", "model",
    "modify",      "plan",       "predict",    "present",      "protect",     "recognize",
    "refine",      "reflect on", "represent",  "select",       "share",       "simulate",
    "solve",       "test",       "use",        "interpret",    "organize",    "publish",
    "curate",      "cite",       "navigate",   "manage",       "monitor",     "troubleshoot",
    "visualize",   "program",    "automate",   "advocate for", "facilitate",  "lead",
    "support",     "integrate",  "examine",    "summarize",    "justify",     "contribute to",
    "remix",       "classify",   "collect",    "transform",    "store",       "transmit",
    "secure",      "prototype",  "iterate on", "personalize",  "adapt",       "measure"};

// Count nouns (pluralised when used) and mass nouns (never), most common first in the base order.
struct Noun {
  std::string_view singular;
  std::string_view plural;  // empty: a mass noun
};
const std::vector<Noun> kNouns = {{"data", ""},
                                  {"program", "programs"},
                                  {"algorithm", "algorithms"},
                                  {"information", ""},
                                  {"technology", "technologies"},
                                  {"problem", "problems"},
                                  {"solution", "solutions"},
                                  {"tool", "tools"},
                                  {"device", "devices"},
                                  {"network", "networks"},
                                  {"model", "models"},
                                  {"project", "projects"},
                                  {"source", "sources"},
                                  {"system", "systems"},
                                  {"design", "designs"},
                                  {"idea", "ideas"},
                                  {"resource", "resources"},
                                  {"computing", ""},
                                  {"privacy", ""},
                                  {"security", ""},
                                  {"software", ""},
                                  {"hardware", ""},
                                  {"media", ""},
                                  {"content", ""},
                                  {"citizenship", ""},
                                  {"community", "communities"},
                                  {"collaboration", ""},
                                  {"prototype", "prototypes"},
                                  {"process", "processes"},
                                  {"strategy", "strategies"},
                                  {"variable", "variables"},
                                  {"loop", "loops"},
                                  {"function", "functions"},
                                  {"condition", "conditions"},
                                  {"event", "events"},
                                  {"procedure", "procedures"},
                                  {"abstraction", "abstractions"},
                                  {"pattern", "patterns"},
                                  {"sequence", "sequences"},
                                  {"simulation", "simulations"},
                                  {"dataset", "datasets"},
                                  {"database", "databases"},
                                  {"website", "websites"},
                                  {"app", "apps"},
                                  {"computer", "computers"},
                                  {"internet", ""},
                                  {"citation", "citations"},
                                  {"copyright", ""},
                                  {"license", "licenses"},
                                  {"password", "passwords"},
                                  {"encryption", ""},
                                  {"identity", "identities"},
                                  {"digital footprint", "digital footprints"},
                                  {"interface", "interfaces"},
                                  {"user", "users"},
                                  {"feedback", ""},
                                  {"requirement", "requirements"},
                                  {"evidence", ""},
                                  {"claim", "claims"},
                                  {"argument", "arguments"},
                                  {"visualization", "visualizations"},
                                  {"chart", "charts"},
                                  {"graph", "graphs"},
                                  {"spreadsheet", "spreadsheets"},
                                  {"sensor", "sensors"},
                                  {"robot", "robots"},
                                  {"circuit", "circuits"},
                                  {"signal", "signals"},
                                  {"storage", ""},
                                  {"memory", ""},
                                  {"file", "files"},
                                  {"protocol", "protocols"},
                                  {"packet", "packets"},
                                  {"router", "routers"},
                                  {"cloud service", "cloud services"},
                                  {"platform", "platforms"},
                                  {"audience", "audiences"},
                                  {"message", "messages"},
                                  {"story", "stories"},
                                  {"presentation", "presentations"},
                                  {"portfolio", "portfolios"},
                                  {"artifact", "artifacts"},
                                  {"product", "products"},
                                  {"goal", "goals"},
                                  {"plan", "plans"},
                                  {"component", "components"},
                                  {"input", "inputs"},
                                  {"output", "outputs"},
                                  {"error", "errors"},
                                  {"bug", "bugs"},
                                  {"test case", "test cases"},
                                  {"documentation", ""},
                                  {"comment", "comments"},
                                  {"code", ""},
                                  {"programming language", "programming languages"},
                                  {"syntax", ""},
                                  {"library", "libraries"},
                                  {"module", "modules"},
                                  {"interaction", "interactions"},
                                  {"impact", "impacts"},
                                  {"society", "societies"},
                                  {"culture", "cultures"},
                                  {"career", "careers"},
                                  {"ethics", ""},
                                  {"bias", "biases"},
                                  {"accessibility", ""},
                                  {"equity", ""},
                                  {"innovation", "innovations"},
                                  {"creativity", ""},
                                  {"learning", ""},
                                  {"learner", "learners"},
                                  {"student", "students"},
                                  {"teacher", "teachers"},
                                  {"educator", "educators"},
                                  {"leader", "leaders"},
                                  {"family", "families"},
                                  {"stakeholder", "stakeholders"},
                                  {"policy", "policies"},
                                  {"practice", "practices"},
                                  {"environment", "environments"},
                                  {"automation", ""},
                                  {"artificial intelligence", ""},
                                  {"machine learning", ""},
                                  {"cybersecurity", ""},
                                  {"threat", "threats"},
                                  {"malware", ""},
                                  {"phishing", ""},
                                  {"authentication", ""},
                                  {"firewall", "firewalls"},
                                  {"bandwidth", ""},
                                  {"latency", ""},
                                  {"operating system", "operating systems"},
                                  {"peripheral", "peripherals"},
                                  {"binary", ""},
                                  {"pixel", "pixels"},
                                  {"image", "images"},
                                  {"video", "videos"},
                                  {"audio", ""},
                                  {"podcast", "podcasts"},
                                  {"blog", "blogs"},
                                  {"social media", ""},
                                  {"online community", "online communities"},
                                  {"search engine", "search engines"},
                                  {"keyword", "keywords"},
                                  {"query", "queries"},
                                  {"record", "records"},
                                  {"field", "fields"},
                                  {"table", "tables"},
                                  {"trend", "trends"},
                                  {"prediction", "predictions"},
                                  {"inference", "inferences"},
                                  {"hypothesis", "hypotheses"},
                                  {"experiment", "experiments"},
                                  {"measurement", "measurements"},
                                  {"game", "games"},
                                  {"animation", "animations"},
                                  {"controller", "controllers"},
                                  {"microcontroller", "microcontrollers"},
                                  {"engineering", ""},
                                  {"constraint", "constraints"},
                                  {"criterion", "criteria"},
                                  {"trade-off", "trade-offs"},
                                  {"efficiency", ""},
                                  {"reliability", ""},
                                  {"usability", ""},
                                  {"wellbeing", ""},
                                  {"screen time", ""},
                                  {"intellectual property", ""},
                                  {"open license", "open licenses"},
                                  {"attribution", ""},
                                  {"misinformation", ""},
                                  {"credibility", ""},
                                  {"perspective", "perspectives"},
                                  {"culture of innovation", ""},
                                  {"professional learning", ""},
                                  {"infrastructure", ""},
                                  {"budget", "budgets"},
                                  {"vision", "visions"},
                                  {"mission", "missions"},
                                  {"outcome", "outcomes"}};

const std::vector<std::string_view> kAdjectives = {"digital",         "safe",
                                                   "responsible",     "ethical",
                                                   "legal",           "secure",
                                                   "efficient",       "accurate",
                                                   "reliable",        "creative",
                                                   "collaborative",   "diverse",
                                                   "global",          "local",
                                                   "personal",        "public",
                                                   "private",         "complex",
                                                   "simple",          "multiple",
                                                   "appropriate",     "relevant",
                                                   "credible",        "authentic",
                                                   "innovative",      "accessible",
                                                   "inclusive",       "computational",
                                                   "physical",        "virtual",
                                                   "interactive",     "visual",
                                                   "written",         "real-world",
                                                   "iterative",       "open",
                                                   "shared",          "emerging",
                                                   "existing",        "original",
                                                   "different",       "specific",
                                                   "clear",           "logical",
                                                   "systematic",      "meaningful",
                                                   "effective",       "flexible",
                                                   "sustainable",     "transparent",
                                                   "equitable",       "culturally responsive",
                                                   "data-driven",     "student-centered",
                                                   "age-appropriate", "connected",
                                                   "automated",       "networked",
                                                   "mobile",          "wireless",
                                                   "online",          "offline",
                                                   "intelligent",     "adaptive",
                                                   "modular",         "reusable",
                                                   "nested",          "conditional",
                                                   "parallel",        "sequential",
                                                   "abstract",        "concrete",
                                                   "quantitative",    "qualitative",
                                                   "historical",      "contemporary"};

const std::vector<std::string_view> kContexts = {"in authentic learning contexts",
                                                 "across content areas",
                                                 "for a variety of audiences",
                                                 "with peers and experts",
                                                 "in the school community",
                                                 "to solve real-world problems",
                                                 "using age-appropriate tools",
                                                 "with teacher guidance",
                                                 "independently and with others",
                                                 "over time",
                                                 "in local and global contexts",
                                                 "in everyday life",
                                                 "at home and at school",
                                                 "in online and offline spaces",
                                                 "for a specific purpose",
                                                 "from multiple perspectives",
                                                 "in a team",
                                                 "through an iterative design process",
                                                 "using a variety of digital tools",
                                                 "within given constraints",
                                                 "across devices and platforms",
                                                 "in their own words",
                                                 "with attention to accessibility",
                                                 "to inform decisions",
                                                 "to communicate findings",
                                                 "to express ideas",
                                                 "while respecting the rights of others",
                                                 "in a safe and legal manner",
                                                 "to improve learning outcomes",
                                                 "across the district",
                                                 "in collaboration with families",
                                                 "to address community needs",
                                                 "with increasing independence",
                                                 "using evidence from multiple sources",
                                                 "in computing careers",
                                                 "in response to feedback"};

const std::vector<std::string_view> kPrepositions = {"for",    "in",    "with",   "from",
                                                     "across", "about", "within", "through"};
const std::vector<std::string_view> kEffects = {"affect",    "shape",   "support", "change",
                                                "influence", "improve", "limit",   "protect"};

struct StrandName {
  std::string_view code;
  std::string_view title;
};
const std::vector<StrandName> kStrands = {{"AP", "Algorithms and Programming"},
                                          {"NI", "Networks and the Internet"},
                                          {"DA", "Data and Analysis"},
                                          {"IC", "Impacts of Computing"},
                                          {"CS", "Computing Systems"},
                                          {"DC", "Digital Citizenship"},
                                          {"EL", "Empowered Learner"},
                                          {"KC", "Knowledge Constructor"},
                                          {"ID", "Innovative Designer"},
                                          {"CT", "Computational Thinker"},
                                          {"CC", "Creative Communicator"},
                                          {"GC", "Global Collaborator"},
                                          {"CY", "Cybersecurity"},
                                          {"ML", "Media Literacy"},
                                          {"IL", "Information Literacy"},
                                          {"AI", "Artificial Intelligence"},
                                          {"ED", "Engineering Design"},
                                          {"TL", "Technology Leadership"}};

const std::vector<std::string_view> kSubjects = {
    "Computer Science",   "Digital Literacy",      "Technology Education",   "Media Literacy",
    "Cybersecurity",      "Information Literacy",  "Educational Technology", "Data Science",
    "Engineering Design", "Computational Thinking"};
const std::vector<std::string_view> kRegions = {
    "Northfield", "Riverside", "Lakeshore", "Pine Valley", "Cedar Hills", "Harbor County",
    "Mesa Verde", "Prairie",   "Summit",    "Bayview",     "Oak Ridge",   "Silver Creek"};

struct Band {
  std::string_view code;
  std::string_view levels;  // a JSON array's contents
};
const std::vector<Band> kBands = {{"1A", R"("KG","01","02")"},
                                  {"1B", R"("03","04","05")"},
                                  {"2", R"("06","07","08")"},
                                  {"3A", R"("09","10")"},
                                  {"3B", R"("11","12")"}};

// Picks an index in [0, n) with weight 1/(rank+1)^s, ranks rotated by `shift` so frameworks with
// different subjects favour different words.
class Zipf {
 public:
  Zipf(std::size_t n, double s, std::size_t shift) : shift_(shift), n_(n) {
    double total = 0;
    for (std::size_t r = 0; r < n; ++r) {
      total += 1.0 / std::pow(static_cast<double>(r + 1), s);
      cumulative_.push_back(total);
    }
    for (auto& c : cumulative_) c /= total;
  }
  std::size_t pick(Random& random) const {
    auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), random.unit());
    auto rank = static_cast<std::size_t>(
        std::min<std::ptrdiff_t>(it - cumulative_.begin(), static_cast<std::ptrdiff_t>(n_ - 1)));
    return (rank + shift_) % n_;
  }

 private:
  std::vector<double> cumulative_;
  std::size_t shift_, n_;
};

struct Words {
  Zipf verbs, nouns, adjectives, contexts;
  explicit Words(std::size_t subject)
      : verbs(kVerbs.size(), 0.9, subject * 7),
        nouns(kNouns.size(), 1.0, subject * 17),
        adjectives(kAdjectives.size(), 0.9, subject * 5),
        contexts(kContexts.size(), 0.6, subject * 3) {}
};

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string title_case(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    bool start = i == 0 || out[i - 1] == ' ';
    if (start && out[i] >= 'a' && out[i] <= 'z' && out.compare(i, 4, "and ") != 0) {
      out[i] = static_cast<char>(out[i] - 32);
    }
  }
  return out;
}

class Phrases {
 public:
  Phrases(Random& random, const Words& words) : r_(random), w_(words) {}
  std::string_view verb() { return kVerbs[w_.verbs.pick(r_)]; }
  std::string_view adjective() { return kAdjectives[w_.adjectives.pick(r_)]; }
  std::string_view context() { return kContexts[w_.contexts.pick(r_)]; }
  std::string_view noun() { return kNouns[w_.nouns.pick(r_)].singular; }
  // The plural where the noun has one (a mass noun otherwise).
  std::string_view nouns() {
    const auto& n = kNouns[w_.nouns.pick(r_)];
    return n.plural.empty() ? n.singular : n.plural;
  }
  std::string_view any(const std::vector<std::string_view>& list) {
    return list[r_.below(list.size())];
  }

  std::string indicator() {
    std::string s;
    switch (r_.below(6)) {
      case 0:
        s = cat({capitalised(verb()), " ", adjective(), " ", nouns(), " to ", verb(), " ", nouns(),
                 " ", context()});
        break;
      case 1:
        s = cat({capitalised(verb()), " and ", verb(), " ", nouns(), " ", any(kPrepositions), " ",
                 adjective(), " ", nouns(), ", ", context()});
        break;
      case 2:
        s = cat({"Use ", nouns(), " and ", nouns(), " to ", verb(), " ", adjective(), " ", nouns(),
                 " ", context()});
        break;
      case 3:
        s = cat({capitalised(verb()), " the impact of ", adjective(), " ", nouns(), " on ", nouns(),
                 " and ", nouns()});
        break;
      case 4:
        s = cat({capitalised(verb()), " ", nouns(), " ", any(kPrepositions), " ", nouns(),
                 " and explain how ", adjective(), " ", nouns(), " ", any(kEffects), " ", nouns()});
        break;
      default: {
        auto adj = adjective();
        bool vowel = std::string_view("aeiou").find(adj[0]) != std::string_view::npos;
        s = cat({capitalised(verb()), vowel ? " an " : " a ", adj, " ", noun(), " that uses ",
                 nouns(), " and ", nouns(), " ", context()});
        break;
      }
    }
    return s + ".";
  }
  std::string standard() {
    return cat({"Students ", verb(), " ", adjective(), " ", nouns(), " and ", nouns(), " to ",
                verb(), " ", nouns(), " ", context(), "."});
  }
  std::string standard_title() {
    return title_case(cat({adjective(), " ", nouns(), " and ", nouns()}));
  }

 private:
  static std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (auto p : parts) out += p;
    return out;
  }
  Random& r_;
  const Words& w_;
};

// --- JSON ---------------------------------------------------------------------------------------

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", c);
          out += esc;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

constexpr std::string_view kBase = "https://case.example.org/uri/";
constexpr std::string_view kChanged = "2025-06-15T14:30:00+00:00";

std::string link(std::string_view title, std::string_view id) {
  return "{\"title\":" + json_string(title) + ",\"identifier\":\"" + std::string(id) +
         "\",\"uri\":\"" + std::string(kBase) + std::string(id) + "\"}";
}

// The title of a node in a LinkURI: its code and the start of its statement.
std::string node_title(std::string_view code, std::string_view statement) {
  std::string s(statement.substr(0, 60));
  if (statement.size() > 60) s += "\u2026";
  return std::string(code) + " " + s;
}

struct Item {
  std::string id, type, code, enumeration, title, statement, keywords, levels;
  std::size_t parent;  // index in items, or SIZE_MAX for the document
  std::size_t sequence;
};

struct ItemTypeDef {
  std::string_view title, code, description;
};
const std::vector<ItemTypeDef> kItemTypes = {
    {"Strand", "strand", "A broad area of the framework."},
    {"Standard", "standard", "What students know and can do within a strand."},
    {"Indicator", "indicator", "A measurable grade-band indicator of a standard."}};

bool write_framework(const std::filesystem::path& path, std::uint64_t seed, std::size_t f,
                     std::size_t item_count, std::string& doc_id, std::string& doc_title) {
  Random r{mix(seed * 1000003ULL + f)};
  const std::size_t subject = f % kSubjects.size();
  Words words(subject);
  Phrases phrases(r, words);

  doc_id = uuid(seed, kDocument, f, 0);
  doc_title = std::string(kSubjects[subject]) + " Standards for " +
              std::string(kRegions[(f / kSubjects.size() + f) % kRegions.size()]) + " (synthetic " +
              std::to_string(f + 1) + ", 2025)";
  std::vector<std::string> type_ids;
  for (std::size_t t = 0; t < kItemTypes.size(); ++t)
    type_ids.push_back(uuid(seed, kItemType, 0, t));
  const std::string subject_id = uuid(seed, kSubject, 0, subject);

  // The outline: strands, then standards per strand, then indicators spread over the standards.
  std::size_t strands = std::clamp<std::size_t>((item_count + 125) / 250, 1, 12);
  strands = std::min(strands, item_count);
  std::vector<std::size_t> strand_order(kStrands.size());
  for (std::size_t i = 0; i < strand_order.size(); ++i) strand_order[i] = i;
  for (std::size_t i = strand_order.size(); i > 1; --i)
    std::swap(strand_order[i - 1], strand_order[r.below(i)]);
  std::vector<std::size_t> standards_of(strands);
  std::size_t standards = 0;
  for (auto& n : standards_of) {
    n = r.between(5, 12);
    standards += n;
  }
  while (standards > item_count - strands) {  // small frameworks: fewer standards
    for (auto& n : standards_of) {
      if (n > 0 && standards > item_count - strands) {
        --n;
        --standards;
      }
    }
  }
  std::size_t indicators = item_count - strands - standards;
  std::vector<double> weight(standards);
  double total_weight = 0;
  for (auto& w : weight) total_weight += (w = 0.5 + r.unit());
  std::vector<std::size_t> indicators_of(standards);
  std::size_t given = 0;
  for (std::size_t s = 0; s < standards; ++s) {
    indicators_of[s] =
        static_cast<std::size_t>(static_cast<double>(indicators) * weight[s] / total_weight);
    given += indicators_of[s];
  }
  for (std::size_t s = 0; given < indicators; s = (s + 1) % std::max<std::size_t>(standards, 1)) {
    ++indicators_of[s];
    ++given;
  }

  std::vector<Item> items;
  items.reserve(item_count);
  std::size_t standard_index = 0;
  for (std::size_t s = 0; s < strands; ++s) {
    const auto& strand = kStrands[strand_order[s % kStrands.size()]];
    std::string strand_code(strand.code);
    if (s >= kStrands.size()) strand_code += std::to_string(s / kStrands.size() + 1);
    Item st;
    st.type = "Strand";
    st.code = strand_code;
    st.enumeration = std::to_string(s + 1);
    st.title = std::string(strand.title);
    st.statement = phrases.standard();
    st.parent = SIZE_MAX;
    st.sequence = s + 1;
    std::size_t strand_at = items.size();
    items.push_back(std::move(st));
    std::size_t number = 0;  // indicator number within the strand
    for (std::size_t k = 0; k < standards_of[s]; ++k, ++standard_index) {
      Item sd;
      sd.type = "Standard";
      sd.code = strand_code + "." + std::to_string(k + 1);
      sd.enumeration = std::to_string(k + 1);
      sd.title = phrases.standard_title();
      sd.statement = phrases.standard();
      sd.parent = strand_at;
      sd.sequence = k + 1;
      std::size_t standard_at = items.size();
      items.push_back(std::move(sd));
      std::size_t n = indicators_of[standard_index];
      for (std::size_t j = 0; j < n; ++j) {
        const auto& band = kBands[j * kBands.size() / std::max<std::size_t>(n, 1)];
        Item in;
        in.type = "Indicator";
        in.code = std::string(band.code) + "-" + strand_code + "-" + std::to_string(++number);
        in.enumeration = std::to_string(j + 1);
        in.statement = phrases.indicator();
        in.levels = std::string(band.levels);
        if (r.below(10) < 3) {
          in.keywords = json_string(phrases.noun()) + "," + json_string(phrases.noun());
        }
        in.parent = standard_at;
        in.sequence = j + 1;
        items.push_back(std::move(in));
      }
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) items[i].id = uuid(seed, kItem, f, i);

  std::string out;
  out.reserve(item_count * 1500);
  const std::string doc_link = link(doc_title, doc_id);
  out += "{\n\"CFDocument\":{\"identifier\":\"" + doc_id + "\",\"uri\":\"" + std::string(kBase) +
         doc_id + "\",\"creator\":" +
         json_string(std::string(kRegions[f % kRegions.size()]) + " Standards Board (synthetic)") +
         ",\"title\":" + json_string(doc_title) + ",\"lastChangeDateTime\":\"" +
         std::string(kChanged) +
         "\",\"publisher\":\"Lodestar benchmark generator\",\"description\":" +
         json_string("Synthetic " + std::string(kSubjects[subject]) +
                     " standards organized by strand, standard and grade-band indicator, generated "
                     "for benchmarks (seed " +
                     std::to_string(seed) + ").") +
         ",\"subject\":[" + json_string(kSubjects[subject]) + "],\"subjectURI\":[" +
         link(kSubjects[subject], subject_id) +
         "],\"language\":\"en\",\"version\":\"2025\",\"adoptionStatus\":\"Adopted\","
         "\"statusStartDate\":\"2025-07-01\",\"CFPackageURI\":" +
         doc_link + "},\n";

  out += "\"CFItems\":[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    std::size_t type = it.type == "Strand" ? 0 : it.type == "Standard" ? 1 : 2;
    out += "{\"identifier\":\"" + it.id + "\",\"CFDocumentURI\":" + doc_link +
           ",\"fullStatement\":" + json_string(it.statement);
    if (!it.title.empty()) out += ",\"abbreviatedStatement\":" + json_string(it.title);
    out += ",\"CFItemType\":" + json_string(it.type) + ",\"uri\":\"" + std::string(kBase) + it.id +
           "\",\"humanCodingScheme\":" + json_string(it.code) +
           ",\"listEnumeration\":" + json_string(it.enumeration) + ",\"language\":\"en\"";
    if (!it.levels.empty()) out += ",\"educationLevel\":[" + it.levels + "]";
    if (!it.keywords.empty()) out += ",\"conceptKeywords\":[" + it.keywords + "]";
    out += ",\"CFItemTypeURI\":" + link(kItemTypes[type].title, type_ids[type]) +
           ",\"lastChangeDateTime\":\"" + std::string(kChanged) + "\"}";
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out += "],\n\"CFAssociations\":[\n";
  std::size_t a = 0;
  auto association = [&](std::string_view type, const Item& origin, const std::string& destination,
                         std::size_t sequence) {
    std::string id = uuid(seed, kAssociation, f, a++);
    if (a > 1) out += ",\n";
    out += "{\"identifier\":\"" + id + "\",\"associationType\":" + json_string(type) +
           ",\"CFDocumentURI\":" + doc_link;
    if (sequence) out += ",\"sequenceNumber\":" + std::to_string(sequence);
    out += ",\"uri\":\"" + std::string(kBase) + id +
           "\",\"originNodeURI\":" + link(node_title(origin.code, origin.statement), origin.id) +
           ",\"destinationNodeURI\":" + destination + ",\"lastChangeDateTime\":\"" +
           std::string(kChanged) + "\"}";
  };
  for (const auto& it : items) {
    std::string destination =
        it.parent == SIZE_MAX ? doc_link
                              : link(node_title(items[it.parent].code, items[it.parent].statement),
                                     items[it.parent].id);
    association("isChildOf", it, destination, it.sequence);
  }
  // About one indicator in 30 is related to another of the same framework.
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].type != "Indicator" || r.below(30) != 0) continue;
    std::size_t j = r.below(items.size());
    if (j == i || items[j].type != "Indicator") continue;
    association("isRelatedTo", items[i],
                link(node_title(items[j].code, items[j].statement), items[j].id), 0);
  }
  out += "\n],\n\"CFDefinitions\":{\"CFItemTypes\":[\n";
  for (std::size_t t = 0; t < kItemTypes.size(); ++t) {
    out += "{\"identifier\":\"" + type_ids[t] + "\",\"uri\":\"" + std::string(kBase) + type_ids[t] +
           "\",\"title\":" + json_string(kItemTypes[t].title) +
           ",\"description\":" + json_string(kItemTypes[t].description) + ",\"hierarchyCode\":\"" +
           std::to_string(t + 1) + "\",\"typeCode\":" + json_string(kItemTypes[t].code) +
           ",\"lastChangeDateTime\":\"" + std::string(kChanged) + "\"}";
    out += t + 1 < kItemTypes.size() ? ",\n" : "\n";
  }
  out += "],\"CFSubjects\":[\n{\"identifier\":\"" + subject_id + "\",\"uri\":\"" +
         std::string(kBase) + subject_id + "\",\"title\":" + json_string(kSubjects[subject]) +
         ",\"hierarchyCode\":\"" + std::to_string(subject + 1) + "\",\"lastChangeDateTime\":\"" +
         std::string(kChanged) + "\"}\n]},\n\"CFRubrics\":[]\n}\n";

  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  bool ok = std::fwrite(out.data(), 1, out.size(), file) == out.size();
  return std::fclose(file) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out_dir;
  long long frameworks = 50, items = 2000;
  std::uint64_t seed = 1;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "-h" || flag == "--help") {
      ok = false;
      break;
    }
    if (i + 1 >= argc) {
      ok = false;
      break;
    }
    const char* value = argv[++i];
    char* end = nullptr;
    if (flag == "--out") {
      out_dir = value;
    } else if (flag == "--frameworks") {
      frameworks = std::strtoll(value, &end, 10);
      ok = ok && *end == '\0';
    } else if (flag == "--items") {
      items = std::strtoll(value, &end, 10);
      ok = ok && *end == '\0';
    } else if (flag == "--seed") {
      seed = std::strtoull(value, &end, 10);
      ok = ok && *end == '\0';
    } else {
      ok = false;
    }
  }
  if (!ok || out_dir.empty() || frameworks < 1 || frameworks > 10000 || items < 1 ||
      items > 1000000) {
    std::fprintf(stderr,
                 "usage: lodestar_case_gen --out DIR [--frameworks N (1-10000, default 50)]\n"
                 "                         [--items M (1-1000000, default 2000)] [--seed S (1)]\n");
    return 2;
  }
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::fprintf(stderr, "lodestar_case_gen: cannot create %s: %s\n", out_dir.c_str(),
                 error.message().c_str());
    return 1;
  }
  std::string index = "file\tidentifier\titems\ttitle\n";
  const int width = frameworks >= 100 ? (frameworks >= 1000 ? 4 : 3) : 2;
  for (long long f = 0; f < frameworks; ++f) {
    std::string number = std::to_string(f + 1);
    if (number.size() < static_cast<std::size_t>(width)) {
      number.insert(0, static_cast<std::size_t>(width) - number.size(), '0');
    }
    const std::string name = "framework-" + number + ".json";
    std::string id, title;
    if (!write_framework(out_dir / name, seed, static_cast<std::size_t>(f),
                         static_cast<std::size_t>(items), id, title)) {
      std::fprintf(stderr, "lodestar_case_gen: cannot write %s\n", (out_dir / name).c_str());
      return 1;
    }
    index += std::string(name) + "\t" + id + "\t" + std::to_string(items) + "\t" + title + "\n";
  }
  std::FILE* file = std::fopen((out_dir / "index.tsv").c_str(), "wb");
  if (file == nullptr || std::fwrite(index.data(), 1, index.size(), file) != index.size() ||
      std::fclose(file) != 0) {
    std::fprintf(stderr, "lodestar_case_gen: cannot write %s\n", (out_dir / "index.tsv").c_str());
    return 1;
  }
  return 0;
}
