// lodestar_datagen: writes a synthetic school district as OneRoster 1.1 bulk CSV, deterministic
// from a seed. The default size is LAUSD's (1,000 schools, 35,000 staff, 600,000 students,
// 3,500,000 enrollments); --scale 0.01 makes a district of 10 schools with the same shape.
//
//   lodestar_datagen --out DIR [--scale S] [--seed N]
//
// Each school has 600 students, 25 teachers, 2 administrators, 8 aides, 20 courses and 140
// classes; a student takes 5 or 6 classes (5.6 on average) and each class has its teacher, so a
// school holds 3,500 enrollments. Names include accents and commas, so quoting is exercised.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "random.h"

namespace {

using lodestar::bench::Random;

class Out {
 public:
  Out(const std::filesystem::path& path, std::string_view header)
      : file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) {
      std::fprintf(stderr, "lodestar_datagen: cannot write %s\n", path.c_str());
      std::exit(1);
    }
    line(header);
  }
  ~Out() {
    flush();
    std::fclose(file_);
  }
  void line(std::string_view text) {
    buffer_ += text;
    buffer_ += "\r\n";
    if (buffer_.size() > (1 << 20)) flush();
  }

 private:
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }
  std::FILE* file_;
  std::string buffer_;
};

std::string id(std::string_view prefix, std::size_t n) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*s-%07zu", static_cast<int>(prefix.size()), prefix.data(), n);
  return text;
}

constexpr const char* kGiven[] = {"María",  "José",   "Ana",   "Luis",  "Chen",  "Aisha",
                                  "Nguyễn", "Olivia", "Liam",  "Sofía", "Mateo", "Emma",
                                  "Noah",   "Camila", "Ethan", "Zoë"};
constexpr const char* kFamily[] = {
    "García",   "Smith",   "Hernández",      "Kim",       "Lopez", "Johnson", "Martínez", "Tran",
    "Williams", "O'Brien", "\"Jones, Jr.\"", "Rodríguez", "Park",  "Brown",   "Davis",    "Pérez"};
const char* pick(Random& r, const char* const* names, std::size_t n) {
  return names[r.below(n)];
}

constexpr std::size_t kStudents = 600, kTeachers = 25, kAdmins = 2, kAides = 8, kCourses = 20,
                      kClasses = 140;

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out_dir;
  double scale = 1.0;
  std::uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--out")
      out_dir = argv[i + 1];
    else if (flag == "--scale")
      scale = std::atof(argv[i + 1]);
    else if (flag == "--seed")
      seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (out_dir.empty() || scale <= 0) {
    std::fprintf(stderr, "usage: lodestar_datagen --out DIR [--scale S (1 = LAUSD)] [--seed N]\n");
    return 2;
  }
  std::filesystem::create_directories(out_dir);
  const std::size_t schools =
      std::max<std::size_t>(1, static_cast<std::size_t>(1000 * scale + 0.5));
  Random r{seed};

  {
    Out m(out_dir / "manifest.csv", "propertyName,value");
    for (const char* l :
         {"manifest.version,1.0", "oneroster.version,1.1", "file.academicSessions,bulk",
          "file.categories,absent", "file.classes,bulk", "file.classResources,absent",
          "file.courses,bulk", "file.courseResources,absent", "file.demographics,bulk",
          "file.enrollments,bulk", "file.lineItems,absent", "file.orgs,bulk",
          "file.resources,absent", "file.results,absent", "file.users,bulk",
          "source.systemName,lodestar_datagen", "source.systemCode,datagen"}) {
      m.line(l);
    }
  }
  {
    Out s(out_dir / "academicSessions.csv",
          "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,"
          "schoolYear");
    s.line("sy-2025,active,2025-06-01T00:00:00Z,2024-2025,schoolYear,2024-08-12,2025-06-12,,2025");
    s.line(
        "fall-2024,active,2025-06-01T00:00:00Z,Fall "
        "2024,semester,2024-08-12,2024-12-20,sy-2025,2025");
    s.line(
        "spring-2025,active,2025-06-01T00:00:00Z,Spring "
        "2025,semester,2025-01-06,2025-06-12,sy-2025,2025");
  }
  const std::string dlm = ",active,2025-06-01T00:00:00Z,";
  {
    Out o(out_dir / "orgs.csv",
          "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId");
    o.line("district" + dlm + "Synthetic Unified School District,district,SUSD,");
    for (std::size_t s = 1; s <= schools; ++s) {
      o.line(id("sch", s) + dlm + "School " + std::to_string(s) + ",school," +
             std::to_string(10000 + s) + ",district");
    }
  }
  {
    Out c(out_dir / "courses.csv",
          "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
          "orgSourcedId,subjects,subjectCodes");
    for (std::size_t s = 1; s <= schools; ++s) {
      for (std::size_t k = 0; k < kCourses; ++k) {
        const std::size_t n = (s - 1) * kCourses + k;
        c.line(id("crs", n) + dlm + "sy-2025,Course " + std::to_string(k) + ",C" +
               std::to_string(k) + ",\"09,10\"," + id("sch", s) + ",\"Math,Science\",");
      }
    }
  }
  {
    Out c(out_dir / "classes.csv",
          "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
          "location,"
          "schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods");
    for (std::size_t s = 1; s <= schools; ++s) {
      for (std::size_t k = 0; k < kClasses; ++k) {
        const std::size_t n = (s - 1) * kClasses + k;
        c.line(id("cls", n) + dlm + "Class " + std::to_string(k) + ",09," +
               id("crs", (s - 1) * kCourses + k % kCourses) + ",K" + std::to_string(k) +
               ",scheduled,Room " + std::to_string(100 + k) + "," + id("sch", s) +
               ",\"fall-2024,spring-2025\",Math,," + std::to_string(1 + k % 6));
      }
    }
  }
  {
    Out u(out_dir / "users.csv",
          "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
          "givenName,"
          "familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password");
    Out e(out_dir / "enrollments.csv",
          "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
          "primary,beginDate,endDate");
    Out d(out_dir / "demographics.csv",
          "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
          "blackOrAfricanAmerican,"
          "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,"
          "hispanicOrLatinoEthnicity,"
          "countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus");
    std::size_t staff = 0, student = 0, enrollment = 0;
    auto person = [&](const std::string& sid, const std::string& org, const char* role,
                      const char* grades) {
      const char* given = pick(r, kGiven, std::size(kGiven));
      u.line(sid + dlm + "true," + org + "," + role + "," + sid + ",," + given + "," +
             pick(r, kFamily, std::size(kFamily)) + ",," + sid + "," + sid + "@example.org,,,," +
             grades + ",");
    };
    for (std::size_t k = 0; k < 10; ++k)
      person(id("stf", ++staff), "district", "administrator", "");
    for (std::size_t s = 1; s <= schools; ++s) {
      const std::string school = id("sch", s);
      const std::size_t first_class = (s - 1) * kClasses, first_teacher = staff + 1;
      for (std::size_t k = 0; k < kTeachers; ++k) person(id("stf", ++staff), school, "teacher", "");
      for (std::size_t k = 0; k < kAdmins; ++k)
        person(id("stf", ++staff), school, "administrator", "");
      for (std::size_t k = 0; k < kAides; ++k) person(id("stf", ++staff), school, "aide", "");
      for (std::size_t k = 0; k < kClasses; ++k) {
        e.line(id("enr", ++enrollment) + dlm + id("cls", first_class + k) + "," + school + "," +
               id("stf", first_teacher + k % kTeachers) + ",teacher,true,2024-08-12,2025-06-12");
      }
      for (std::size_t k = 0; k < kStudents; ++k) {
        const std::string sid = id("stu", ++student);
        person(sid, school, "student", "09");
        d.line(sid + dlm + "2010-0" + std::to_string(1 + r.below(9)) + "-1" +
               std::to_string(r.below(10)) + "," + (r.below(2) ? "female" : "male") +
               ",false,false,false,false,true,false," + (r.below(2) ? "true" : "false") +
               ",US,CA,Los Angeles,");
        const std::size_t count = r.below(5) < 3 ? 6 : 5;  // 5.6 on average
        const std::size_t start = r.below(kClasses);
        for (std::size_t c = 0; c < count; ++c) {
          e.line(id("enr", ++enrollment) + dlm +
                 id("cls", first_class + (start + c * 23) % kClasses) + "," + school + "," + sid +
                 ",student,false,2024-08-12,2025-06-12");
        }
      }
    }
    std::fprintf(stderr,
                 "lodestar_datagen: %zu schools, %zu staff, %zu students, %zu enrollments in %s\n",
                 schools, staff, student, enrollment, out_dir.c_str());
  }
  return 0;
}
