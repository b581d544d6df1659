#pragma once
// Supervision's records as values: the inspector roster, a supervision plan, a draw, an
// inspection with its checklist, evidence and rectifications, and a complaint.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "domain/supervision/complaint_rules.hpp"
#include "domain/supervision/inspection_rules.hpp"

namespace skillreg {

// 执法检查人员名录库 (S10); `organisation`: a third party the inspector acts for (S6).
struct Inspector {
  std::int64_t id = 0;
  std::string region_code, name;
  std::optional<std::int64_t> user_id;
  std::string identity_no;  // stored whole, shown masked
  std::string organisation;
  std::optional<std::int64_t> employer_institution_id;
  bool active = true;
  Instant created_at = 0;
};

// 监管计划 (S12).
struct SupervisionPlan {
  std::int64_t id = 0;
  std::string region_code;
  int year = 0;
  std::string title, content, focus;
  std::vector<std::string> pool_kinds, pool_regions;
  int sampling_share = 10;
  std::string key_supervision = "weight";  // weight | always
  int watch_weight = 2, key_weight = 4;
  int inspectors_per_target = 2;
  std::string frequency;
  InspectionKind inspection_kind = InspectionKind::daily;
  InspectionMode inspection_mode = InspectionMode::onsite_overt;
  std::vector<std::string> checklist;
  std::int64_t created_by = 0;
  Instant created_at = 0;
};

struct Draw {
  std::int64_t id = 0, plan_id = 0;
  std::string region_code;
  std::string status = "committed";  // committed | drawn | published
  std::string seed;                  // secret until published
  std::string commitment, snapshot_json, snapshot_sha256;
  std::optional<std::string> result_json;
  Instant committed_at = 0;
  std::optional<Instant> drawn_at, published_at;
  std::optional<Date> completed_on, publish_due;
  std::int64_t created_by = 0;
};

struct EvidenceMeta {
  std::int64_t id = 0, inspection_id = 0;
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
  std::int64_t uploaded_by = 0;
  Instant created_at = 0;
};

struct Rectification {
  std::int64_t id = 0, inspection_id = 0, institution_id = 0;
  std::string requirement;
  Date due_on{};
  std::optional<Date> verified_on;
  std::string note;                   // the officer's, on verifying
  std::string report;                 // the institution's account of what it did (S11 整改)
  std::optional<Instant> reported_at;  // cleared when the officer finds it not done
  std::optional<Instant> rejected_at;  // the officer's last finding that it was not done
  std::string rejection_note;
};

// S11 整改, S20(6): a rectification order is open until the institution reports what it did,
// reported until the officer accepts it (verified) or finds it not done (open again, to be
// reported again). Verified is final.
enum class RectificationStatus { open, reported, verified };
std::string_view to_string(RectificationStatus s);
RectificationStatus rectification_status(const Rectification& r);
// The institution reports while the order is not verified; the officer finds a rectification
// not done only on a report (accepting it needs none: it may be seen on site).
bool may_report_rectification(const Rectification& r);
bool may_reject_rectification(const Rectification& r);

struct InspectorRef {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::int64_t> user_id;
};

struct Inspection {
  std::int64_t id = 0, institution_id = 0;
  std::string institution_code, institution_name;
  std::string authority_code;
  InspectionKind kind = InspectionKind::daily;
  InspectionMode mode = InspectionMode::onsite_overt;
  InspectionStatus status = InspectionStatus::planned;
  std::optional<std::int64_t> draw_id, supervision_plan_id, complaint_id, evaluation_plan_id,
      peer_institution_id, renewal_id;
  std::string third_party;
  Date scheduled_on{};
  std::optional<Instant> started_at, completed_at, published_at;
  std::string report;
  std::optional<InspectionOutcome> outcome;
  std::optional<std::string> self_evaluation;
  std::optional<Instant> self_evaluated_at;
  std::string cancel_reason;
  bool refused = false;  // S20(3): cancelled because the institution refused the inspection
  std::optional<Instant> cancelled_at;
  std::int64_t created_by = 0;
  Instant created_at = 0;
  // loaded with it
  std::vector<InspectorRef> inspectors;
  std::vector<ItemFinding> items;
  std::vector<EvidenceMeta> evidence;
  std::vector<Rectification> rectifications;
};

struct Complaint {
  std::int64_t id = 0;
  std::string tracking_no;
  std::int64_t institution_id = 0;
  std::string institution_code, institution_name;
  std::string authority_code;
  std::optional<std::string> activity_region_code;
  std::string category, content, contact;
  ComplaintStatus status = ComplaintStatus::received;
  Instant received_at = 0;
  Date reply_due{};
  std::string reason;
  std::optional<bool> substantiated;
  std::string reply;
  std::optional<Instant> replied_at;
  std::optional<std::int64_t> inspection_id;
  std::string source_hash;
};

}  // namespace skillreg
