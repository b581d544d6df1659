#pragma once
// JSON of supervision's records (docs/supervision.md). Identity numbers are masked.
#include "app/complaint_service.hpp"
#include "app/inspection_service.hpp"
#include "app/supervision_service.hpp"
#include "http/types.hpp"

namespace skillreg::http {

Json inspector_json(const Inspector& i);
Json supervision_plan_json(const SupervisionPlan& p, const std::vector<std::int64_t>& draws);
// `officials`: the inspection ids and the plan link are shown; the public sees neither. A list
// item (`full` false) carries the sizes of the snapshot and result instead of their contents.
Json draw_json(const DrawView& v, bool officials, bool full = true);
Json verification_json(const DrawVerification& v);
Json inspection_json(const Inspection& i, Lang lang);
Json inspection_summary_json(const Inspection& i);
Json public_inspection_json(const Inspection& i);
Json evidence_json(const EvidenceMeta& e);
Json complaint_json(const Complaint& c, bool overdue);
Json public_complaint_json(const Complaint& c);
Json supervision_archive_json(const SupervisionArchive& v);

}  // namespace skillreg::http
