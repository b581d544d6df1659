#include "domain/reports/report.hpp"

#include <algorithm>
#include <cmath>

namespace skillreg {

namespace {

ReportColumn text(const char* key, const char* zh, const char* en) { return {key, zh, en, ColumnType::text, false}; }
ReportColumn count(const char* key, const char* zh, const char* en, bool summed = true) {
  return {key, zh, en, ColumnType::integer, summed};
}
ReportColumn share(const char* key, const char* zh, const char* en) { return {key, zh, en, ColumnType::percent, false}; }

std::vector<ReportDefinition> build_catalogue() {
  std::vector<ReportDefinition> c;
  // S11 信息公开, M10 目录: the registry as the directory shows it, by where institutions sit.
  c.push_back({"institutions", "评价机构统计", "Evaluation institutions", "M4, M10, S11",
               {text("region_code", "地区代码", "Region code"), text("region_name", "所在地区", "Region"),
                text("kind", "机构类型代码", "Kind code"), text("kind_name", "机构类型", "Kind"),
                text("status", "状态代码", "Status code"), text("status_name", "状态", "Status"),
                count("institutions", "机构数", "Institutions"),
                count("approved_in_period", "期内新增", "Approved in period")},
               ""});
  // S12 评价计划, M14–M20: plans held in the period and their candidates, results and certificates.
  c.push_back({"activity", "评价活动统计", "Evaluation activity", "S12, M14-M20",
               {text("subject_code", "职业(工种)编码", "Occupation code"),
                text("subject_name", "职业(工种)名称", "Occupation"), count("level", "等级", "Level", false),
                count("plans", "计划数", "Plans"), count("planned", "计划人数", "Planned places"),
                count("candidates", "报名人数", "Candidates"), count("admitted", "审核通过人数", "Admitted"),
                count("passed", "合格人数", "Passed"), count("failed", "不合格人数", "Failed"),
                share("pass_rate", "合格率(%)", "Pass rate (%)"), count("certificates", "发证数", "Certificates")},
               ""});
  // S13, S14 数字化监测: plans by band of the overall score, and the anomalies by indicator.
  c.push_back({"monitoring", "数字化监测统计", "Digital monitoring", "S13, S14",
               {text("section", "分类代码", "Section code"), text("section_name", "分类", "Section"),
                text("item", "项目代码", "Item code"), text("item_name", "项目", "Item"),
                text("article", "依据条款", "Article"), count("plans", "计划数", "Plans"),
                count("candidates", "涉及考生数", "Candidates"),
                count("critical", "严重异常计划数", "Plans with a critical anomaly")},
               "band"});
  // S9–S17 监督检查: inspections by kind and result, complaints by status.
  c.push_back({"supervision", "监督检查统计", "Inspections and complaints", "S9-S17",
               {text("section", "分类代码", "Section code"), text("section_name", "分类", "Section"),
                text("item", "项目代码", "Item code"), text("item_name", "项目", "Item"),
                text("result", "结果代码", "Result code"), text("result_name", "结果", "Result"),
                count("inspections", "检查次数", "Inspections"), count("complaints", "投诉举报件数", "Complaints")},
               ""});
  // S18–S21 监管处理: cases by the article and item they apply and the measure in force.
  c.push_back({"sanctions", "监管处理统计", "Enforcement cases", "S18-S21",
               {text("article", "条款", "Article"), text("item", "违规项", "Item"),
                text("item_name", "违规行为", "Violation"), text("measure", "处理措施代码", "Measure code"),
                text("measure_name", "处理措施", "Measure"), count("cases", "案件数", "Cases", false),
                count("decided", "已作出决定", "Decided", false)},
               ""});
  // S13 星级评定: institutions by their latest star rating in the period.
  c.push_back({"ratings", "星级评定统计", "Star ratings", "S13",
               {count("stars", "星级", "Stars", false), text("stars_name", "星级名称", "Rating"),
                count("institutions", "机构数", "Institutions"), share("share", "占比(%)", "Share (%)")},
               ""});
  return c;
}

}  // namespace

std::string_view to_string(ColumnType t) {
  switch (t) {
    case ColumnType::text: return "text";
    case ColumnType::integer: return "integer";
    case ColumnType::percent: return "percent";
  }
  return "text";
}

const std::vector<ReportDefinition>& report_catalogue() {
  static const std::vector<ReportDefinition> catalogue = build_catalogue();
  return catalogue;
}

const ReportDefinition* find_report(std::string_view name) {
  for (const auto& d : report_catalogue())
    if (d.name == name) return &d;
  return nullptr;
}

std::size_t column_index(const ReportDefinition& d, std::string_view key) {
  for (std::size_t i = 0; i < d.columns.size(); ++i)
    if (d.columns[i].key == key) return i;
  return d.columns.size();
}

std::map<std::string, ReportCell> summed_totals(const ReportDefinition& d, const std::vector<ReportRow>& rows) {
  std::map<std::string, ReportCell> out;
  const std::size_t section = column_index(d, "section");
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    if (!d.columns[i].summed) continue;
    std::int64_t sum = 0;
    for (const auto& row : rows) {
      if (!d.totals_section.empty() && section < row.size()) {
        const auto* s = std::get_if<std::string>(&row[section]);
        if (s == nullptr || *s != d.totals_section) continue;
      }
      if (i < row.size())
        if (const auto* v = std::get_if<std::int64_t>(&row[i])) sum += *v;
    }
    out[d.columns[i].key] = sum;
  }
  return out;
}

std::optional<double> percent_of(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return std::round(1000.0 * double(part) / double(whole)) / 10.0;
}

const std::vector<ScoreBand>& score_bands() {
  static const std::vector<ScoreBand> bands{{"0-59", "60分以下", 0},
                                            {"60-69", "60–69分", 60},
                                            {"70-79", "70–79分", 70},
                                            {"80-89", "80–89分", 80},
                                            {"90-100", "90–100分", 90}};
  return bands;
}

std::size_t band_of(double overall) {
  const auto& bands = score_bands();
  std::size_t i = 0;
  while (i + 1 < bands.size() && overall >= bands[i + 1].low) ++i;
  return i;
}

std::string label_zh(std::string_view vocabulary, std::string_view value) {
  using Labels = std::map<std::string, std::string, std::less<>>;
  static const std::map<std::string, Labels, std::less<>> labels{
      {"institution_kind",
       {{"appraisal", "职业技能考核鉴定机构"}, {"employer", "用人单位"}, {"social_organisation", "社会培训评价组织"},
        {"special_ability", "专项职业能力考核机构"}, {"branch", "部门行业评价机构在浙分支机构"}}},
      {"institution_status",
       {{"active", "正常"}, {"suspended", "暂停"}, {"revoked", "已取消评价资格"}, {"expired", "已到期"},
        {"terminated", "已终止"}}},
      {"inspection_kind",
       {{"daily", "日常检查"}, {"special", "专项督查"}, {"annual_assessment", "年度考核"},
        {"periodic_evaluation", "定期评估"}, {"sampling_followup", "重点抽查核查"}}},
      {"inspection_result",
       {{"pass", "合格"}, {"issues_found", "发现问题"}, {"fail", "不合格"}, {"planned", "待实施"},
        {"in_progress", "实施中"}, {"cancelled", "已取消"}}},
      {"complaint_status",
       {{"received", "已收到"}, {"accepted", "已受理"}, {"not_accepted", "不予受理"}, {"investigating", "调查中"},
        {"replied", "已答复"}}},
      {"measure",
       {{"void_results", "成绩或证书无效"}, {"interview", "约谈"}, {"notice", "书面通知、暂停评价并限期整改"},
        {"cancellation", "取消评价资格"}}},
  };
  auto v = labels.find(vocabulary);
  if (v != labels.end()) {
    auto l = v->second.find(value);
    if (l != v->second.end()) return l->second;
  }
  return std::string(value);
}

}  // namespace skillreg
