// Inputs the fuzz targets (fuzz/, docs/fuzzing.md) found breaking a contract, one test each,
// stating the contract. The same inputs are seeds under fuzz/corpus/<target>/.
#include <gtest/gtest.h>

#include <string>

#include "http/json_input.hpp"

namespace skillreg {
namespace {

// json_input_fuzz, fuzz/corpus/json_input_fuzz/duplicate_empty_key: a repeated key was noticed
// only when it was not "", because "" also stood for "no duplicate seen", so {"":1,"":2} was
// accepted with the last value winning.
TEST(FuzzRegressions, RepeatedEmptyKeyIsADuplicate) {
  for (const std::string body :
       {R"({"":1,"":2})", R"({"a":{"":1,"":2}})", R"({"":1,"x":2,"":3,"x":4})"}) {
    const auto r = http::parse_json_object(body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().kind, ErrorKind::bad_request) << body;
    ASSERT_EQ(r.error().details.size(), 1U) << body;
    EXPECT_EQ(r.error().details[0], (FieldProblem{"", "duplicate_key"})) << body;
  }
  // The first repeated key is the one named, as before.
  const auto later = http::parse_json_object(R"({"x":1,"":2,"x":3,"":4})");
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().details[0], (FieldProblem{"x", "duplicate_key"}));
  // "" once is a key like any other (the handler then names it unknown_field).
  EXPECT_TRUE(http::parse_json_object(R"({"":1,"a":{"":2}})"));
}

// json_input_fuzz, fuzz/corpus/json_input_fuzz/nul_under_empty_key: a NUL character in the value
// of the top-level key "" was not refused, because the path of that value is "" and "" also
// stood for "no NUL found".
TEST(FuzzRegressions, NulUnderTheEmptyKeyIsRefused) {
  for (const std::string body : {R"({"":"a\u0000b"})", R"({"":["x","\u0000"]})", R"({"":{"k":"\u0000"}})"}) {
    const auto r = http::parse_json_object(body);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().kind, ErrorKind::bad_request) << body;
    ASSERT_EQ(r.error().details.size(), 1U) << body;
    EXPECT_EQ(r.error().details[0].problem, "nul_character") << body;
  }
  EXPECT_EQ(http::parse_json_object(R"({"":"a\u0000b"})").error().details[0].field, "");
}

}  // namespace
}  // namespace skillreg
