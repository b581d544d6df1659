#pragma once
// The people and the execution records of an evaluation (M16, M18, S19): examiners 考评人员 and
// quality supervisors 质量督导人员 (internal 内督 of an institution, external 外督 appointed by
// an authority) with their qualifications, their assignments to plan sessions, the papers
// 试题应用, the video recordings 视频管理 and the archive documents 档案 of a plan.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"

namespace skillreg {

// What a person is registered as; an assignment's role is the same vocabulary, and must equal it.
enum class PersonKind { examiner, internal_supervisor, external_supervisor };
std::optional<PersonKind> parse_person_kind(std::string_view text);
std::string_view to_string(PersonKind k);

// A registration stands (M16): a person who leaves is retired, never deleted, so that past
// assignments keep their names; a retired person is not assigned again.
enum class PersonStatus { active, retired };
std::optional<PersonStatus> parse_person_status(std::string_view text);
std::string_view to_string(PersonStatus s);

// A qualification (M16 取得相应的资格): the subject (occupation or special-ability
// specification), the highest level qualified for (1 is highest; 0 for a specification), and
// the certificate's last valid day.
struct Qualification {
  std::string subject_code;
  int level = 5;
  Date valid_until{};
};

struct Person {
  std::int64_t id = 0;
  PersonKind kind = PersonKind::examiner;
  std::string identity_no;  // GB 11643, stored whole; shown masked only
  std::string name, phone;
  std::optional<std::int64_t> employer_id;  // the institution; none for external supervisors
  std::string region_code;                  // the employer's, or the appointing authority's region
  std::vector<Qualification> qualifications;
  Instant created_at = 0;
  PersonStatus status = PersonStatus::active;
  std::optional<Instant> retired_at;
  std::string retire_reason;
  std::optional<Instant> updated_at;
  std::string employer_name;  // joined for lists
};

struct Assignment {
  std::int64_t id = 0;
  std::int64_t session_id = 0, plan_id = 0, person_id = 0;
  PersonKind role = PersonKind::examiner;
  std::string panel;  // a practical panel's label; "" is the session's one panel
  Instant created_at = 0;
  std::string person_name;  // joined for lists
};

// Another session the person is booked for, when checking a new assignment.
struct Booking {
  std::int64_t session_id = 0, plan_id = 0;
  Instant starts_at = 0, ends_at = 0;
};

// 试题应用: one paper per session, from the unified bank.
struct Paper {
  std::int64_t session_id = 0, plan_id = 0;
  std::string paper_id;
  Instant generated_at = 0;
  bool paperless = false;
  Instant created_at = 0;
};

// 视频管理: one recording of one room during (part of) a session.
struct Video {
  std::int64_t id = 0, session_id = 0;
  std::string room, storage_id, sha256;
  Instant starts_at = 0, ends_at = 0;
  Instant created_at = 0;
};

// 档案: one document of a plan's archive, by its key in the required list.
struct PlanDocument {
  std::int64_t plan_id = 0;
  std::string key, file_name, sha256;
  std::int64_t size = 0;
  Instant created_at = 0;
};

}  // namespace skillreg
