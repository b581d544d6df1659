// Which request heads ask for "100 Continue" (RFC 9110 §10.1.1), judged from the bytes of one read.
#include "http/guarded_socket.hpp"

#include <gtest/gtest.h>

namespace skillreg::http {

TEST(AsksToContinue, OnlyAHeadWithTheExpectation) {
  const std::string start = "POST /api/v1/batches/3/parts HTTP/1.1\r\nHost: x\r\nContent-Length: 6000000\r\n";
  struct Case {
    std::string bytes;
    bool asks;
  };
  const std::vector<Case> cases{
      {start + "Expect: 100-continue\r\n\r\n", true},
      {start + "expect:100-Continue \r\n\r\n", true},
      {start + "EXPECT:\t100-CONTINUE\r\n\r\n", true},
      {start + "Expect: 100-continue\r\n\r\nid,name\n", true},  // the body came along anyway
      {start + "\r\n", false},
      {start + "Expect: 100-continue\r\n", false},  // the head is not complete in this read
      {start + "X-Expect: 100-continue\r\n\r\n", false},
      {start + "Expect: 100-continuing\r\n\r\n", false},
      {"POST /a HTTP/1.1\r\nContent-Length: 30\r\n\r\nExpect: 100-continue\r\n\r\n", false},  // in the body
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(asks_to_continue(c.bytes), c.asks) << c.bytes;
}

}  // namespace skillreg::http
