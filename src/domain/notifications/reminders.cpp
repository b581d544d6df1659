#include "domain/notifications/reminders.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace skillreg {

namespace {

using enum Audience;

// The rule table. Each row: kind, fact, lead unit, lead, window, audiences, article, titles.
const std::vector<ReminderRule> kRules{
    // M23: a renewal may be applied for only in the 3 months before validity ends.
    {ReminderKind::renewal_window_opened, FactKind::institution_validity, LeadUnit::months, 3,
     Window::before_exclusive, {institution}, "M23", "换证续期申请窗口已开启", "The renewal window is open"},
    // M23: validity ends in 30 days; without renewal the institution expires (S21(7)).
    {ReminderKind::expiry_in_30_days, FactKind::institution_validity, LeadUnit::days, 30,
     Window::before_exclusive, {institution, authority}, "M23", "机构有效期将在30日内届满",
     "The institution's validity ends within 30 days"},
    // M10: the public notice 公示 of a selected institution ends; the authority then decides.
    {ReminderKind::application_publicity_ending, FactKind::application_publicity, LeadUnit::working_days, 1,
     Window::before_inclusive, {authority}, "M10", "遴选结果公示即将结束", "The selection notice is ending"},
    // S19(9), M20: the score publicity 成绩核定公示 ends; certificates may be issued from its end.
    {ReminderKind::results_publicity_ending, FactKind::results_publicity, LeadUnit::working_days, 1,
     Window::before_inclusive, {institution}, "S19(9)", "成绩核定公示即将结束", "The score publicity is ending"},
    // S23, S24: the statement and defence window 陈述申辩 closes in 2 working days.
    {ReminderKind::statement_window_closing, FactKind::case_statement_window, LeadUnit::working_days, 2,
     Window::before_inclusive, {institution}, "S24", "陈述申辩期限即将届满", "The statement window is closing"},
    // S20: the rectification deadline of a decision 责令整改 is 3 working days away.
    {ReminderKind::rectification_due, FactKind::case_rectification, LeadUnit::working_days, 3,
     Window::before_inclusive, {institution}, "S20", "整改期限即将届满", "The rectification deadline is near"},
    // S16, S20: the rectification an inspection required is 3 working days away.
    {ReminderKind::rectification_due, FactKind::inspection_rectification, LeadUnit::working_days, 3,
     Window::before_inclusive, {institution}, "S20", "整改期限即将届满", "The rectification deadline is near"},
    // S20(6): rectification not done by the deadline; the authority may propose a notice.
    {ReminderKind::rectification_overdue, FactKind::case_rectification, LeadUnit::days, 0, Window::overdue,
     {institution, authority}, "S20(6)", "整改逾期未完成", "The rectification is overdue"},
    {ReminderKind::rectification_overdue, FactKind::inspection_rectification, LeadUnit::days, 0, Window::overdue,
     {institution, authority}, "S20(6)", "整改逾期未完成", "The rectification is overdue"},
    // S19(10): certificates not reported to the national database within the policy's days.
    {ReminderKind::certificate_reports_overdue, FactKind::certificate_report, LeadUnit::days, 0, Window::overdue,
     {institution, authority}, "S19(10)", "证书数据逾期未上报", "Certificate reports are overdue"},
    // S17, M28: a complaint's reply is due in 3 working days.
    {ReminderKind::complaint_reply_due, FactKind::complaint_reply, LeadUnit::working_days, 3,
     Window::before_inclusive, {authority}, "S17", "投诉举报答复期限临近", "A complaint reply is due"},
    // S17, M28: the reply date has passed and the complaint is still unanswered.
    {ReminderKind::complaint_reply_overdue, FactKind::complaint_reply, LeadUnit::days, 0, Window::overdue,
     {authority}, "S17", "投诉举报逾期未答复", "A complaint reply is overdue"},
    // S14(2): a plan waits in the key-sampling queue 重点抽查.
    {ReminderKind::sampling_waiting, FactKind::sampling_item, LeadUnit::days, 0, Window::waiting, {authority},
     "S14(2)", "重点抽查事项待处理", "A key-sampling item is waiting"},
    // M27 一公开: the draw's results are due for publication in 3 working days.
    {ReminderKind::draw_publication_due, FactKind::draw_publication, LeadUnit::working_days, 3,
     Window::before_inclusive, {authority}, "M27", "抽查结果应按期公开", "Draw results are due for publication"},
};

constexpr std::pair<ReminderKind, std::string_view> kNames[] = {
    {ReminderKind::renewal_window_opened, "renewal_window_opened"},
    {ReminderKind::expiry_in_30_days, "expiry_in_30_days"},
    {ReminderKind::application_publicity_ending, "application_publicity_ending"},
    {ReminderKind::results_publicity_ending, "results_publicity_ending"},
    {ReminderKind::statement_window_closing, "statement_window_closing"},
    {ReminderKind::rectification_due, "rectification_due"},
    {ReminderKind::rectification_overdue, "rectification_overdue"},
    {ReminderKind::certificate_reports_overdue, "certificate_reports_overdue"},
    {ReminderKind::complaint_reply_due, "complaint_reply_due"},
    {ReminderKind::complaint_reply_overdue, "complaint_reply_overdue"},
    {ReminderKind::sampling_waiting, "sampling_waiting"},
    {ReminderKind::draw_publication_due, "draw_publication_due"},
    {ReminderKind::calendar_uncovered, "calendar_uncovered"},
};

bool in_window(Window w, Date starts, Date deadline, Date as_of) {
  switch (w) {
    case Window::before_exclusive: return starts <= as_of && as_of < deadline;
    case Window::before_inclusive: return starts <= as_of && as_of <= deadline;
    case Window::overdue: return as_of > deadline;
    case Window::waiting: return as_of >= deadline;
  }
  return false;
}

}  // namespace

std::string_view to_string(ReminderKind k) {
  for (const auto& [kind, name] : kNames)
    if (kind == k) return name;
  return "unknown";
}

std::optional<ReminderKind> parse_reminder_kind(std::string_view s) {
  for (const auto& [kind, name] : kNames)
    if (name == s) return kind;
  return std::nullopt;
}

std::string_view to_string(Audience a) {
  return a == Audience::institution ? "institution" : "authority";
}

const std::vector<ReminderRule>& reminder_rules() { return kRules; }

const ReminderRule& rule_of(ReminderKind k) {
  for (const auto& r : kRules)
    if (r.kind == k) return r;
  throw std::out_of_range("no reminder rule");
}

Date reminder_starts(const ReminderRule& rule, Date deadline, const Calendar& calendar) {
  if (rule.window == Window::overdue) return deadline.add_days(1);
  switch (rule.unit) {
    case LeadUnit::months: return deadline.add_months(-rule.lead);
    case LeadUnit::days: return deadline.add_days(-rule.lead);
    case LeadUnit::working_days: return calendar.add_working_days(deadline, -rule.lead);
  }
  return deadline;
}

std::vector<DueReminder> due_reminders(const std::vector<ReminderFact>& facts, const Calendar& calendar,
                                       Date as_of) {
  std::vector<DueReminder> out;
  for (const auto& rule : kRules)
    for (const auto& f : facts) {
      if (f.fact != rule.fact) continue;
      const Date starts = reminder_starts(rule, f.deadline, calendar);
      if (in_window(rule.window, starts, f.deadline, as_of)) out.push_back({&rule, f, starts});
    }
  return out;
}

std::vector<int> uncovered_years(Date from, Date to, const std::vector<int>& covered_years) {
  if (to < from) std::swap(from, to);
  int last = to.year;
  if (to.month == 12 && to.day > 24) ++last;
  std::vector<int> out;
  for (int y = from.year; y <= last; ++y)
    if (!std::ranges::binary_search(covered_years, y)) out.push_back(y);
  return out;
}

}  // namespace skillreg
