// What a client is told when the HTTP parser refuses its request, from RESTinio's log message.
#include "http/parser_refusal.hpp"

#include <gtest/gtest.h>

namespace skillreg::http {

TEST(ParserRefusal, EachParserErrorBecomesTheApisError) {
  struct Case {
    std::string message;
    ErrorKind kind;
    std::string field, problem;
  };
  const std::vector<Case> cases{
      {"[connection:7] parser error HPE_CB_headers_complete: the on_headers_complete callback failed",
       ErrorKind::payload_too_large, "body", "max_bytes_8388608"},
      {"[connection:7] parser error HPE_CB_body: the on_body callback failed", ErrorKind::payload_too_large, "body",
       "max_bytes_8388608"},
      {"[connection:7] parser error HPE_CB_chunk_header: the on_chunk_header callback failed",
       ErrorKind::payload_too_large, "body", "max_bytes_8388608"},
      {"[connection:7] parser error HPE_CB_url: the on_url callback failed", ErrorKind::bad_request, "path", "too_long"},
      {"[connection:7] parser error HPE_CB_header_value: the on_header_value callback failed", ErrorKind::bad_request,
       "headers", "too_large"},
      {"[connection:7] parser error HPE_HEADER_OVERFLOW: too many header bytes seen; overflow detected",
       ErrorKind::bad_request, "headers", "too_large"},
      {"[connection:7] parser error HPE_INVALID_CONTENT_LENGTH: invalid character in content-length header",
       ErrorKind::bad_request, "Content-Length", "invalid"},
      {"[connection:7] parser error HPE_INVALID_METHOD: invalid HTTP method", ErrorKind::bad_request, "request",
       "malformed_http"},
  };
  for (const auto& c : cases) {
    const auto e = parser_refusal(c.message);
    ASSERT_TRUE(e.has_value()) << c.message;
    EXPECT_EQ(e->kind, c.kind) << c.message;
    ASSERT_EQ(e->details.size(), 1u) << c.message;
    EXPECT_EQ(e->details[0], (FieldProblem{c.field, c.problem})) << c.message;
    EXPECT_FALSE(e->message_zh.empty());
    EXPECT_FALSE(e->message_en.empty());
  }
}

TEST(ParserRefusal, OtherErrorsAreNotRefusals) {
  for (const std::string message : {"[connection:7] unable to handle response: broken pipe",
                                    "failed to accept connection on socket: Too many open files", ""})
    EXPECT_FALSE(parser_refusal(message).has_value()) << message;
}

}  // namespace skillreg::http
