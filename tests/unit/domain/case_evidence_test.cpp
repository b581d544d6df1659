// S23 相关事实、理由和依据: each piece of evidence a case cites names something that can be found
// again — a record by its number, a certificate by its number, a document by a description.
#include <gtest/gtest.h>

#include "domain/enforcement/evidence.hpp"

namespace skillreg {
namespace {

struct Row {
  EvidenceLink link;
  std::vector<FieldProblem> problems;
};

TEST(CaseEvidence, S23_EachPieceOfEvidenceNamesWhatItIs) {
  const std::string f = "evidence[0]";
  const std::string cert = "S000033000001263000042";
  const Row rows[] = {
      {{"inspection", 10, "", ""}, {}},
      {{"plan", 3, "计划公布记录", ""}, {}},
      {{"complaint", 0, "", ""}, {{f + ".id", "required"}}},
      {{"sampling", -4, "", ""}, {{f + ".id", "required"}}},
      {{"plan", 3, "", cert}, {{f + ".ref", "not_applicable"}}},
      {{"certificate", 0, "", cert}, {}},
      {{"certificate", 0, "", ""}, {{f + ".ref", "required"}}},
      {{"certificate", 0, "", "S00003300000126300004"}, {{f + ".ref", "length"}}},
      {{"certificate", 0, "", "S000033000001269000042"}, {{f + ".ref", "level"}}},
      {{"certificate", 7, "", cert}, {{f + ".id", "not_applicable"}}},
      {{"document", 0, "现场笔录", ""}, {}},
      {{"document", 0, "询问笔录", "杭人社询〔2026〕12号"}, {}},
      {{"document", 0, "", "杭人社询〔2026〕12号"}, {{f + ".note", "required"}}},
      {{"document", 7, "现场笔录", ""}, {{f + ".id", "not_applicable"}}},
      {{"document", 0, "笔录", std::string(65, 'x')}, {{f + ".ref", "too_long"}}},
      {{"document", 0, "笔录", "a\x1b[31m"}, {{f + ".ref", "control_characters"}}},
      {{"photo", 1, "", ""}, {{f + ".type", "unknown_type"}}},
      {{"plan", 1, std::string(2001, 'x'), ""}, {{f + ".note", "too_long"}}},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(evidence_problems(r.link, f), r.problems) << r.link.type << " " << r.link.id << " '" << r.link.ref << "'";
  }
}

}  // namespace
}  // namespace skillreg
