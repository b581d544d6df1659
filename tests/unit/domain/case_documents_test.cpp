// S23, S24: each document of a case announces the measure of its own step. The prior notice says
// what was proposed (拟作出的处理决定) and the decision what was decided, even after the decision
// or a review changed the measure in force; the review decision names the measure it changed to.
#include <gmock/gmock.h>

#include "domain/enforcement/case_documents.hpp"

namespace skillreg {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string body_of(const Result<pdf::OfficialDocument>& d) {
  EXPECT_TRUE(d.has_value());
  std::string out;
  if (d)
    for (const auto& p : d->paragraphs) out += p;
  return out;
}

// Proposed as a notice (S20(2)), decided as an interview, changed on review to voiding results.
CaseRecord changed_twice() {
  CaseRecord c;
  c.case_no = "鄞人社监〔2026〕1号";
  c.institution_name = "宁波某技能评价机构";
  c.items = {"S20(2)"};
  c.proposed_measure = MeasureClass::notice;
  c.proposed_on = Date::parse("2026-11-02");
  c.statement_due = Date::parse("2026-11-09");
  c.decision = DecisionOutcome::changed;
  c.decided_measure = MeasureClass::interview;
  c.decided_on = Date::parse("2026-11-16");
  c.interview_on = Date::parse("2026-11-20");
  c.review_outcome = ReviewOutcome::changed;
  c.reviewed_on = Date::parse("2026-11-30");
  c.measure = MeasureClass::void_results;
  c.status = CaseStatus::reviewed;
  return c;
}

Result<pdf::OfficialDocument> document(const CaseRecord& c, std::string_view kind) {
  return case_document(c, kind, "宁波市鄞州区人力资源和社会保障局", ViolationCatalogue::standard());
}

TEST(CaseDocuments, S23_ThePriorNoticeAnnouncesTheMeasureProposed) {
  const auto text = body_of(document(changed_twice(), "prior-notice"));
  EXPECT_THAT(
      text,
      HasSubstr("第二十条，本机关拟对你机构作出如下处理：出具书面通知，暂停评价活动并限期整改"));
  EXPECT_THAT(text, Not(HasSubstr("约谈")));
  EXPECT_THAT(text, Not(HasSubstr("无效")));
}

TEST(CaseDocuments, S24_TheDecisionAnnouncesTheMeasureDecided) {
  const auto text = body_of(document(changed_twice(), "decision"));
  EXPECT_THAT(text, HasSubstr("第十九条，决定：对你机构主要负责人进行约谈"));
  EXPECT_THAT(text, Not(HasSubstr("暂停评价活动")));
  EXPECT_THAT(text, Not(HasSubstr("无效")));
}

TEST(CaseDocuments, S24_TheReviewDecisionNamesTheMeasureChangedTo) {
  const auto text = body_of(document(changed_twice(), "review-decision"));
  EXPECT_THAT(text,
              HasSubstr("变更原处理决定。变更后的处理为：宣布有关参评人员证书或评价成绩无效"));
}

TEST(CaseDocuments, S24_ADecisionLightenedOnReviewToANoticeKeepsItsOwnWords) {
  // Decided as a cancellation; the review made it a notice and set the rectification deadline.
  auto c = changed_twice();
  c.proposed_measure = c.decided_measure = MeasureClass::cancellation;
  c.decision = DecisionOutcome::upheld;
  c.interview_on.reset();
  c.measure = MeasureClass::notice;
  c.rectification_due = Date::parse("2026-12-28");
  const auto text = body_of(document(c, "decision"));
  EXPECT_THAT(text, HasSubstr("第二十一条，决定：取消评价资格"));
  EXPECT_THAT(text, Not(HasSubstr("完成整改")))
      << "the deadline came with the review, not the decision";
}

// S24 陈述申辩: a prior notice not yet served gives the window from service in the province's
// number of working days (the policy), and once served the day it ends.
TEST(CaseDocuments, S24_ThePriorNoticeGivesThePolicysStatementWindow) {
  CaseRecord c = changed_twice();
  c.statement_due.reset();
  const auto unserved =
      body_of(case_document(c, "prior-notice", "宁波市鄞州区人力资源和社会保障局", ViolationCatalogue::standard(), 7));
  EXPECT_THAT(unserved, HasSubstr("送达之日起7个工作日内向本机关提出陈述和申辩"));
  EXPECT_THAT(body_of(document(changed_twice(), "prior-notice")), HasSubstr("2026年11月9日前向本机关提出陈述和申辩"));
}

}  // namespace
}  // namespace skillreg
